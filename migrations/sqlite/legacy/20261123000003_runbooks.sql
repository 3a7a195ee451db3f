-- Runbooks: documents and their heading-sized passages, full-text indexed.

-- One row per indexed file. `path` is as the person gave it (relative to where
-- they ran `opsgate docs add`, or absolute); `sha256` tells a re-add whether
-- anything changed; `indexed_by` is the audit actor id.
CREATE TABLE runbook_documents (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    lines       INTEGER NOT NULL CHECK (lines >= 0),
    indexed_at  TEXT NOT NULL,
    indexed_by  TEXT NOT NULL
);

-- A passage: one heading's section (or a slice of a long one), with its exact
-- 1-based line range in the file, so that answers cite `path#L10-L24`.
CREATE TABLE runbook_chunks (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES runbook_documents(id) ON DELETE CASCADE,
    heading     TEXT NOT NULL,
    line_start  INTEGER NOT NULL CHECK (line_start >= 1),
    line_end    INTEGER NOT NULL CHECK (line_end >= line_start),
    text        TEXT NOT NULL
);
CREATE INDEX runbook_chunks_document ON runbook_chunks (document_id);

-- FTS5 over each passage's text (its own heading line included), kept in step
-- with runbook_chunks by triggers. Only the cited lines are searched, so every
-- match lies inside the passage's line range. Porter stemming: "refunds" finds
-- "refund", "escalated" finds "escalation".
CREATE VIRTUAL TABLE runbook_chunks_fts USING fts5(
    text,
    content = 'runbook_chunks', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER runbook_chunks_fts_insert AFTER INSERT ON runbook_chunks BEGIN
    INSERT INTO runbook_chunks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER runbook_chunks_fts_delete AFTER DELETE ON runbook_chunks BEGIN
    INSERT INTO runbook_chunks_fts (runbook_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER runbook_chunks_fts_update AFTER UPDATE ON runbook_chunks BEGIN
    INSERT INTO runbook_chunks_fts (runbook_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO runbook_chunks_fts (rowid, text) VALUES (new.id, new.text);
END;
