-- Team mode: the nonce of every signed request the servers accepted, so that a
-- request replayed to any server sharing this database is refused. Rows older
-- than the freshness window are purged (a replay that old fails on `created`).
CREATE TABLE request_nonces (
    key_id  BIGINT NOT NULL,
    nonce   TEXT NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX request_nonces_seen ON request_nonces (seen_at);
