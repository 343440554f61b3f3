-- Each journal's writer marks every commit with a sequence number in the same transaction, so that after a
-- connection lost during a commit it can tell whether the commit reached the database (and must not be
-- replayed) or not (docs/decisions/0005).
CREATE TABLE IF NOT EXISTS commit_token (
  writer VARCHAR(36) PRIMARY KEY,
  seq BIGINT NOT NULL
);
