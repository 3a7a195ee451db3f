-- Packs: a team's HTTP APIs as catalogued actions (DESIGN.md, "Catalog").
-- The file is kept as added, with its SHA-256; its actions are read from it.
CREATE TABLE opsgate_packs (
    name        TEXT PRIMARY KEY,
    text        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    added_by    INTEGER NOT NULL,
    added_at    TEXT NOT NULL
);

-- `unknown`: a request was sent and no answer says whether it was applied.
-- The action stays `executing` (so nothing claims it again) until it is settled.
ALTER TABLE opsgate_actions ADD COLUMN outcome TEXT;
