-- The result log (decision 0021): results are acknowledged once appended to results.log in the experiment's
-- folder and copied into the database in batches; log_applied is the sequence number of the last logged result
-- the database holds, written in the transaction that copies it, so a restart copies each one once.
ALTER TABLE experiment ADD COLUMN IF NOT EXISTS log_applied BIGINT DEFAULT 0 NOT NULL;
