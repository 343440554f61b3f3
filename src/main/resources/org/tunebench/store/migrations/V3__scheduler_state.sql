-- Scheduler bookkeeping (ASHA rungs, median histories) so that resume continues with the same decisions
ALTER TABLE experiment ADD COLUMN IF NOT EXISTS scheduler_state CLOB;
