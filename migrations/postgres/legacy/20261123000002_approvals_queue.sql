-- Two-person approvals and the background queue.

-- Set by `execute --queue` once every check passed; `opsgate worker` runs what is queued.
ALTER TABLE actions ADD COLUMN queued_at TIMESTAMPTZ;
ALTER TABLE actions ADD COLUMN queued_by BIGINT REFERENCES staff(id);
CREATE INDEX actions_queue ON actions (status, queued_at, id) WHERE queued_at IS NOT NULL;

ALTER TABLE staff_keys ADD COLUMN revoked_by BIGINT REFERENCES staff(id);
ALTER TABLE staff_keys ADD COLUMN revoke_reason TEXT;

CREATE INDEX approvals_action ON approvals (action_id);
