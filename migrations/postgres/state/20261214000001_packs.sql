-- Packs: a team's HTTP APIs as catalogued actions (DESIGN.md, "Catalog").
-- The file is kept as added, with its SHA-256; its actions are read from it.
CREATE TABLE opsgate.opsgate_packs (
    name text PRIMARY KEY,
    text text NOT NULL,
    sha256 text NOT NULL,
    added_by bigint NOT NULL,
    added_at timestamp with time zone NOT NULL
);

-- `unknown`: a request was sent and no answer says whether it was applied.
-- The action stays `executing` (so nothing claims it again) until it is settled.
ALTER TABLE opsgate.opsgate_actions ADD COLUMN outcome text;
