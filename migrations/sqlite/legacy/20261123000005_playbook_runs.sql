-- Playbook runs: one row per `opsgate playbook run`. A row that is not finished
-- is the playbook's lock: the unique partial index lets only one run of a
-- playbook (by name) be unfinished at a time.

-- `holder` is `who@host:pid` of the process running it, so that a run whose
-- process died can be told from one that is still working.
CREATE TABLE playbook_runs (
    id           INTEGER PRIMARY KEY,
    playbook     TEXT NOT NULL,
    file         TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('suggest', 'dry-run', 'execute')),
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    holder       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'waiting', 'denied', 'failed', 'abandoned')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    summary      TEXT,
    CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE UNIQUE INDEX playbook_runs_unfinished ON playbook_runs (playbook) WHERE finished_at IS NULL;
CREATE INDEX playbook_runs_by_playbook ON playbook_runs (playbook, started_at);
