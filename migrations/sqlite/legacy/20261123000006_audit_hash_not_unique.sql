-- The audit chain is protected by prev_hash links and `audit verify`, not by a
-- UNIQUE index on hash. That index was the only one written at a random
-- position on every append (hashes are random), and at a million entries it
-- made appends three times slower. SQLite cannot drop a column constraint, so
-- the table is rebuilt with the same rows, indexes and append-only triggers.
CREATE TABLE audit_log_rebuilt (
    id          INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('person', 'agent', 'system')),
    actor_id    TEXT NOT NULL,
    subject     TEXT,
    event       TEXT NOT NULL,
    action_id   INTEGER,
    payload     TEXT NOT NULL,
    result      TEXT NOT NULL,
    status      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
INSERT INTO audit_log_rebuilt (id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash)
    SELECT id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;

CREATE INDEX audit_log_time ON audit_log (time);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_subject ON audit_log (subject);
CREATE INDEX audit_log_event ON audit_log (event);
CREATE INDEX audit_log_action ON audit_log (action_id);
CREATE INDEX audit_log_status ON audit_log (status);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
