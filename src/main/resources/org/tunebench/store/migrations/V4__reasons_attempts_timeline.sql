-- Why a trial ended or waits, the errors of its retried attempts, and one timeline per trial:
-- results replayed after a restore supersede the earlier rows of the same iterations (kept for audit).
ALTER TABLE trial ADD COLUMN IF NOT EXISTS end_reason CLOB;
ALTER TABLE trial ADD COLUMN IF NOT EXISTS waiting_for VARCHAR(1000);
ALTER TABLE trial ADD COLUMN IF NOT EXISTS attempts CLOB;
ALTER TABLE result ADD COLUMN IF NOT EXISTS superseded BOOLEAN DEFAULT FALSE NOT NULL;
