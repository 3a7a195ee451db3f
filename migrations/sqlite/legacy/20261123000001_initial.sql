-- opsgate schema, SQLite flavour. Times are RFC 3339 text in UTC; money is integer minor units.
-- Forward-only: never edit this file once released; add a new migration instead.

-- ── RBAC ─────────────────────────────────────────────────────────────────
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
    totp_secret     TEXT,
    totp_last_step  INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Every key a person ever registered: rotation keeps old keys verifiable, revocation stops them counting.
CREATE TABLE staff_keys (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    public_key  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX staff_keys_staff ON staff_keys (staff_id);

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

-- ── Ops domain ───────────────────────────────────────────────────────────
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
-- One open alert per condition: evaluation is idempotent.
CREATE UNIQUE INDEX alerts_open_dedup ON alerts (dedup_key) WHERE status <> 'resolved';

CREATE TABLE ops_config (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES staff(id)
);

-- The back office's own activity log (domain data), distinct from opsgate's hash-chained audit_log.
CREATE TABLE ops_audit_log (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER REFERENCES staff(id),
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   INTEGER,
    details     TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

-- ── opsgate's own ────────────────────────────────────────────────────────
CREATE TABLE agents (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    model               TEXT NOT NULL,
    tier                TEXT NOT NULL CHECK (tier IN ('read', 'suggest', 'write')),
    rate_limit_per_min  INTEGER NOT NULL CHECK (rate_limit_per_min > 0),
    daily_token_budget  INTEGER NOT NULL CHECK (daily_token_budget > 0),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at          TEXT NOT NULL
);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    prompt      TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('suggest', 'dry-run', 'execute')),
    planner     TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    agent_id    INTEGER REFERENCES agents(id),
    document    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id),
    step_index      INTEGER NOT NULL,
    action          TEXT NOT NULL,
    params          TEXT NOT NULL,
    risk            TEXT NOT NULL,
    permission      TEXT NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('allowed', 'denied')),
    requires        TEXT NOT NULL CHECK (requires IN ('none', 'confirm', 'approval')),
    second_factor   INTEGER NOT NULL DEFAULT 0,
    approvals_required INTEGER NOT NULL DEFAULT 0,
    payload         TEXT NOT NULL,
    payload_hash    TEXT NOT NULL,
    target_version  TEXT,
    missing_permission TEXT,
    confidence      REAL NOT NULL DEFAULT 0,
    rationale       TEXT NOT NULL DEFAULT '',
    sources         TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL CHECK (status IN ('suggested', 'pending_confirmation', 'pending_approval', 'approved',
                                                   'executing', 'succeeded', 'failed', 'denied', 'expired', 'cancelled', 'rejected')),
    requested_by    INTEGER NOT NULL REFERENCES staff(id),
    claimed_by      TEXT,
    claimed_at      TEXT,
    result          TEXT,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (plan_id, step_index)
);
CREATE INDEX actions_status ON actions (status, updated_at);
CREATE INDEX actions_requested_by ON actions (requested_by, created_at);

CREATE TABLE confirmation_tokens (
    nonce         TEXT PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES actions(id),
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    payload_hash  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE approvals (
    id            INTEGER PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES actions(id),
    approver_id   INTEGER NOT NULL REFERENCES staff(id),
    key_id        INTEGER REFERENCES staff_keys(id),
    decision      TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    payload_hash  TEXT NOT NULL,
    signature     TEXT,
    reason        TEXT,
    signed_at     TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    UNIQUE (action_id, approver_id)
);

-- Per-database secrets (e.g. the HMAC key of confirmation tokens), created on first use.
CREATE TABLE instance_secrets (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Fixed windows per key (agent or person) and kind ('minute' requests, 'day' tokens).
CREATE TABLE rate_limit_windows (
    subject       TEXT NOT NULL,
    window_kind   TEXT NOT NULL CHECK (window_kind IN ('minute', 'day')),
    window_start  TEXT NOT NULL,
    requests      INTEGER NOT NULL DEFAULT 0,
    tokens        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, window_kind, window_start)
);

-- Append-only and hash-chained: hash = SHA-256(canonical entry including prev_hash).
-- payload and result hold canonical JSON text so that the hash covers exactly the stored bytes.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('person', 'agent', 'system')),
    actor_id    TEXT NOT NULL,
    subject     TEXT,
    event       TEXT NOT NULL,
    action_id   INTEGER,
    payload     TEXT NOT NULL,
    result      TEXT NOT NULL,
    status      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
-- Queries read the newest matches first (ORDER BY id DESC LIMIT n); SQLite appends the
-- rowid (= id) to every index, so single-column indexes keep that order.
CREATE INDEX audit_log_time ON audit_log (time);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_subject ON audit_log (subject);
CREATE INDEX audit_log_event ON audit_log (event);
CREATE INDEX audit_log_action ON audit_log (action_id);
CREATE INDEX audit_log_status ON audit_log (status);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
