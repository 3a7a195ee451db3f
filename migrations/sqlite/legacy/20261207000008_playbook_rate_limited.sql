-- A playbook run that a spent rate limit or budget stopped ends `rate_limited`
-- (exit 6), apart from one that failed. SQLite cannot change a CHECK in place,
-- so the table is rebuilt with the same columns, rows and indexes.
CREATE TABLE playbook_runs_rebuilt (
    id           INTEGER PRIMARY KEY,
    playbook     TEXT NOT NULL,
    file         TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('suggest', 'dry-run', 'execute')),
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    holder       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'waiting', 'denied', 'rate_limited', 'failed', 'abandoned')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    summary      TEXT,
    CHECK ((status = 'running') = (finished_at IS NULL))
);
INSERT INTO playbook_runs_rebuilt (id, playbook, file, file_sha256, mode, staff_id, holder, status, started_at, finished_at, summary)
    SELECT id, playbook, file, file_sha256, mode, staff_id, holder, status, started_at, finished_at, summary FROM playbook_runs;
DROP TABLE playbook_runs;
ALTER TABLE playbook_runs_rebuilt RENAME TO playbook_runs;
CREATE UNIQUE INDEX playbook_runs_unfinished ON playbook_runs (playbook) WHERE finished_at IS NULL;
CREATE INDEX playbook_runs_by_playbook ON playbook_runs (playbook, started_at);
