-- Two-person approvals and the background queue.

-- Set by `execute --queue` once every check passed; `opsgate worker` runs what is queued.
ALTER TABLE actions ADD COLUMN queued_at TEXT;
ALTER TABLE actions ADD COLUMN queued_by INTEGER REFERENCES staff(id);
CREATE INDEX actions_queue ON actions (status, queued_at) WHERE queued_at IS NOT NULL;

ALTER TABLE staff_keys ADD COLUMN revoked_by INTEGER REFERENCES staff(id);
ALTER TABLE staff_keys ADD COLUMN revoke_reason TEXT;

CREATE INDEX approvals_action ON approvals (action_id);
