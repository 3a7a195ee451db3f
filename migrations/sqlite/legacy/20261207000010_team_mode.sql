-- Team mode. The nonce of every signed request the servers accepted, so that a
-- request replayed to any server sharing this database is refused. Rows older
-- than the freshness window are purged (a replay that old fails on `created`).
CREATE TABLE request_nonces (
    key_id  INTEGER NOT NULL,
    nonce   TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX request_nonces_seen ON request_nonces (seen_at);

-- An agent's own credentials: Ed25519 public keys (the private half was shown
-- once, to whoever issued it), each with an expiry; rotation revokes the old.
CREATE TABLE agent_credentials (
    id          INTEGER PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES agents(id),
    public_key  TEXT NOT NULL UNIQUE,
    issued_by   INTEGER NOT NULL REFERENCES staff(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX agent_credentials_agent ON agent_credentials (agent_id);

-- An enrolment code counts once a second person with ops.staff.edit (not its
-- issuer, not its invitee) countersigned it, whenever such a person exists:
-- whoever issues a code sees it, so one person alone could enrol as anyone.
ALTER TABLE staff_enrolments ADD COLUMN countersigned_by INTEGER REFERENCES staff(id);
