-- The audit chain is protected by prev_hash links and `audit verify`, not by a
-- UNIQUE index on hash; that index was the only one written at a random
-- position on every append, which slowed appends as the log grew.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_hash_key;
