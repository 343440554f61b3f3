-- An id unique across databases: it keys the experiment's trial folders (experiments/NAME-<uid prefix>).
-- Experiments made before it keep a NULL uid and the folder already stored in home_dir.
ALTER TABLE experiment ADD COLUMN IF NOT EXISTS uid VARCHAR(36);
