-- Identity that cannot be claimed: one-time enrolment codes (stored as their
-- SHA-256) that let a person without a key register one, and TOTP secrets
-- that count only once their owner confirmed a first code.
CREATE TABLE staff_enrolments (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    code_sha256 TEXT NOT NULL UNIQUE,
    issued_by   INTEGER NOT NULL REFERENCES staff(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    revoked_at  TEXT
);
CREATE INDEX staff_enrolments_staff ON staff_enrolments (staff_id);

ALTER TABLE staff ADD COLUMN totp_pending_secret TEXT;
