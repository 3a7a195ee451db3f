-- The bundled back office, SQLite flavour: the ops tables opsgate's built-in
-- pack and RBAC work on (staff, roles, bookings, complaints, …). opsgate
-- creates them only in a database that has none of them (a new local install,
-- the demo); a database that already holds a back office keeps its own.
-- Times are RFC 3339 text in UTC; money is integer minor units.

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    level       INTEGER NOT NULL CHECK (level >= 1),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE permissions (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    module      TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE role_permissions (
    role_id       INTEGER NOT NULL REFERENCES roles(id),
    permission_id INTEGER NOT NULL REFERENCES permissions(id),
    PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role_id         INTEGER NOT NULL REFERENCES roles(id),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE staff_sessions (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    client      TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL,
    ended_at    TEXT
);

CREATE TABLE staff_activity_log (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    activity    TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    email                 TEXT NOT NULL UNIQUE,
    phone                 TEXT,
    status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    wallet_balance_cents  INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

CREATE TABLE providers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    phone       TEXT,
    category    TEXT NOT NULL,
    city        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'suspended', 'deleted')),
    rating      REAL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    approved_at TEXT
);

CREATE TABLE bookings (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    provider_id     INTEGER NOT NULL REFERENCES providers(id),
    service         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled', 'refunded', 'no_show')),
    scheduled_at    TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency        TEXT NOT NULL DEFAULT 'EUR',
    payment_status  TEXT NOT NULL CHECK (payment_status IN ('unpaid', 'paid', 'settled', 'refunded', 'partially_refunded')),
    refunded_cents  INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    cancel_reason   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    cancelled_at    TEXT,
    settled_at      TEXT
);

CREATE INDEX bookings_user ON bookings (user_id);

CREATE INDEX bookings_provider ON bookings (provider_id);

CREATE INDEX bookings_created ON bookings (created_at);

CREATE TABLE complaints (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users(id),
    booking_id         INTEGER REFERENCES bookings(id),
    category           TEXT NOT NULL CHECK (category IN ('refund', 'service', 'payment', 'provider', 'other')),
    subject            TEXT NOT NULL,
    message            TEXT NOT NULL,
    priority           TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    status             TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'escalated', 'resolved', 'closed')),
    assigned_to        INTEGER REFERENCES staff(id),
    resolution         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    first_response_at  TEXT,
    escalated_at       TEXT,
    resolved_at        TEXT
);

CREATE INDEX complaints_status ON complaints (status, created_at);

CREATE TABLE priority_queue (
    id                   INTEGER PRIMARY KEY,
    item_type            TEXT NOT NULL CHECK (item_type IN ('complaint', 'refund', 'booking', 'provider')),
    item_id              INTEGER NOT NULL,
    user_id              INTEGER REFERENCES users(id),
    summary              TEXT NOT NULL DEFAULT '',
    intent_confidence    REAL NOT NULL CHECK (intent_confidence BETWEEN 0 AND 1),
    sentiment_urgency    REAL NOT NULL CHECK (sentiment_urgency BETWEEN 0 AND 1),
    time_decay           REAL NOT NULL CHECK (time_decay BETWEEN 0 AND 1),
    user_history_factor  REAL NOT NULL CHECK (user_history_factor BETWEEN 0 AND 1),
    score                REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
    status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_review', 'reviewed', 'dismissed')),
    assigned_to          INTEGER REFERENCES staff(id),
    reviewed_by          INTEGER REFERENCES staff(id),
    reviewed_at          TEXT,
    notes                TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX priority_queue_status ON priority_queue (status, score);

CREATE TABLE alert_rules (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    condition   TEXT NOT NULL,
    threshold   REAL,
    severity    TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE alert_subscriptions (
    id          INTEGER PRIMARY KEY,
    rule_id     INTEGER NOT NULL REFERENCES alert_rules(id),
    staff_id    INTEGER REFERENCES staff(id),
    role_id     INTEGER REFERENCES roles(id),
    channel     TEXT NOT NULL DEFAULT 'cli',
    created_at  TEXT NOT NULL,
    CHECK (staff_id IS NOT NULL OR role_id IS NOT NULL)
);

CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    rule_id      INTEGER REFERENCES alert_rules(id),
    severity     TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title        TEXT NOT NULL,
    message      TEXT NOT NULL,
    entity_type  TEXT,
    entity_id    INTEGER,
    dedup_key    TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    assigned_to  INTEGER REFERENCES staff(id),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT
);

CREATE UNIQUE INDEX alerts_open_dedup ON alerts (dedup_key) WHERE status <> 'resolved';

CREATE TABLE ops_config (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES staff(id)
);

CREATE TABLE ops_audit_log (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER REFERENCES staff(id),
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   INTEGER,
    details     TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

CREATE INDEX alerts_unresolved ON alerts (rule_id) WHERE status <> 'resolved';
