-- Stoppers' own state (trial plateaus, experiment plateau, time used), for resume
ALTER TABLE experiment ADD COLUMN IF NOT EXISTS stopper_state CLOB;
