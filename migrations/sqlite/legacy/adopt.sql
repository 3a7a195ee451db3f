-- Brings a database created before opsgate's namespace (migrations
-- 20261123000001 to 20261207000011, all applied first) to the same schema as
-- state/20261208000001_opsgate_state.sql. Each of opsgate's tables is rebuilt
-- under its namespaced name with its rows (SQLite cannot drop the foreign keys
-- the old tables held on the back office's), its indexes and triggers are
-- recreated under namespaced names, and second factors move out of the staff
-- table. Runs in one transaction, foreign keys checked at its end; the legacy
-- migrations table is dropped by the caller.

PRAGMA defer_foreign_keys = ON;

DROP TRIGGER runbook_chunks_fts_insert;
DROP TRIGGER runbook_chunks_fts_delete;
DROP TRIGGER runbook_chunks_fts_update;
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TABLE runbook_chunks_fts;

CREATE TABLE opsgate_actions (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES opsgate_plans(id),
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
    requested_by    INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_at      TEXT,
    result          TEXT,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL, queued_at TEXT, queued_by INTEGER, agent TEXT, surface TEXT NOT NULL DEFAULT 'cli', denial TEXT,
    UNIQUE (plan_id, step_index)
);

CREATE TABLE opsgate_agent_credentials (
    id          INTEGER PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES opsgate_agents(id),
    public_key  TEXT NOT NULL UNIQUE,
    issued_by   INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE opsgate_agents (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    model               TEXT NOT NULL,
    tier                TEXT NOT NULL CHECK (tier IN ('read', 'suggest', 'write')),
    rate_limit_per_min  INTEGER NOT NULL CHECK (rate_limit_per_min > 0),
    daily_token_budget  INTEGER NOT NULL CHECK (daily_token_budget > 0),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at          TEXT NOT NULL
, daily_tool_call_budget INTEGER NOT NULL DEFAULT 1000 CHECK (daily_tool_call_budget > 0), daily_mutation_budget INTEGER NOT NULL DEFAULT 100 CHECK (daily_mutation_budget > 0));

CREATE TABLE opsgate_alert_deliveries (
    id               INTEGER PRIMARY KEY,
    alert_id         INTEGER NOT NULL,
    staff_id         INTEGER NOT NULL,
    subscription_id  INTEGER,
    channel          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (alert_id, staff_id)
);

CREATE TABLE opsgate_alert_evaluations (
    id               INTEGER PRIMARY KEY,
    evaluated_at     TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    finished_at      TEXT NOT NULL,
    rules_evaluated  INTEGER NOT NULL CHECK (rules_evaluated >= 0),
    alerts_created   INTEGER NOT NULL CHECK (alerts_created >= 0),
    alerts_resolved  INTEGER NOT NULL CHECK (alerts_resolved >= 0),
    deliveries       INTEGER NOT NULL CHECK (deliveries >= 0),
    evaluated_by     TEXT NOT NULL
);

CREATE TABLE opsgate_approvals (
    id            INTEGER PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES opsgate_actions(id),
    approver_id   INTEGER NOT NULL,
    key_id        INTEGER REFERENCES opsgate_staff_keys(id),
    decision      TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    payload_hash  TEXT NOT NULL,
    signature     TEXT,
    reason        TEXT,
    signed_at     TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    UNIQUE (action_id, approver_id)
);

CREATE TABLE opsgate_audit_checkpoints (
    tree_size   INTEGER PRIMARY KEY,
    root        TEXT NOT NULL,
    chain_head  TEXT NOT NULL,
    frontier    TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE "opsgate_audit_log" (
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
    hash        TEXT NOT NULL
);

CREATE TABLE opsgate_budget_usage (
    subject       TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('day', 'session')),
    window_start  TEXT NOT NULL,
    tool_calls    INTEGER NOT NULL DEFAULT 0,
    mutations     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, scope, window_start)
);

CREATE TABLE opsgate_confirmation_tokens (
    nonce         TEXT PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES opsgate_actions(id),
    staff_id      INTEGER NOT NULL,
    payload_hash  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE opsgate_instance_secrets (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE opsgate_plans (
    id          INTEGER PRIMARY KEY,
    prompt      TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('suggest', 'dry-run', 'execute')),
    planner     TEXT NOT NULL,
    staff_id    INTEGER NOT NULL,
    agent_id    INTEGER REFERENCES opsgate_agents(id),
    document    TEXT NOT NULL,
    created_at  TEXT NOT NULL
, surface TEXT NOT NULL DEFAULT 'cli');

CREATE TABLE "opsgate_playbook_runs" (
    id           INTEGER PRIMARY KEY,
    playbook     TEXT NOT NULL,
    file         TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('suggest', 'dry-run', 'execute')),
    staff_id     INTEGER NOT NULL,
    holder       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'waiting', 'denied', 'rate_limited', 'failed', 'abandoned')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    summary      TEXT,
    CHECK ((status = 'running') = (finished_at IS NULL))
);

CREATE TABLE opsgate_policy_sets (
    id          INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rules       INTEGER NOT NULL,
    applied_by  INTEGER NOT NULL,
    applied_at  TEXT NOT NULL
);

CREATE TABLE opsgate_rate_limit_windows (
    subject       TEXT NOT NULL,
    window_kind   TEXT NOT NULL CHECK (window_kind IN ('minute', 'day')),
    window_start  TEXT NOT NULL,
    requests      INTEGER NOT NULL DEFAULT 0,
    tokens        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, window_kind, window_start)
);

CREATE TABLE opsgate_request_nonces (
    key_id  INTEGER NOT NULL,
    nonce   TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (key_id, nonce)
);

CREATE TABLE opsgate_runbook_chunks (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES opsgate_runbook_documents(id) ON DELETE CASCADE,
    heading     TEXT NOT NULL,
    line_start  INTEGER NOT NULL CHECK (line_start >= 1),
    line_end    INTEGER NOT NULL CHECK (line_end >= line_start),
    text        TEXT NOT NULL
);

CREATE TABLE opsgate_runbook_documents (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    lines       INTEGER NOT NULL CHECK (lines >= 0),
    indexed_at  TEXT NOT NULL,
    indexed_by  TEXT NOT NULL
);

CREATE TABLE opsgate_staff_enrolments (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL,
    code_sha256 TEXT NOT NULL UNIQUE,
    issued_by   INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    revoked_at  TEXT
, countersigned_by INTEGER);

CREATE TABLE opsgate_staff_keys (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL,
    public_key  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
, revoked_by INTEGER, revoke_reason TEXT);

-- Rows after every table exists, parents before children.
INSERT INTO opsgate_agents SELECT * FROM agents;
INSERT INTO opsgate_plans SELECT * FROM plans;
INSERT INTO opsgate_actions SELECT * FROM actions;
INSERT INTO opsgate_staff_keys SELECT * FROM staff_keys;
INSERT INTO opsgate_approvals SELECT * FROM approvals;
INSERT INTO opsgate_confirmation_tokens SELECT * FROM confirmation_tokens;
INSERT INTO opsgate_agent_credentials SELECT * FROM agent_credentials;
INSERT INTO opsgate_runbook_documents SELECT * FROM runbook_documents;
INSERT INTO opsgate_runbook_chunks SELECT * FROM runbook_chunks;
INSERT INTO opsgate_alert_deliveries SELECT * FROM alert_deliveries;
INSERT INTO opsgate_alert_evaluations SELECT * FROM alert_evaluations;
INSERT INTO opsgate_audit_checkpoints SELECT * FROM audit_checkpoints;
INSERT INTO opsgate_audit_log SELECT * FROM audit_log;
INSERT INTO opsgate_budget_usage SELECT * FROM budget_usage;
INSERT INTO opsgate_instance_secrets SELECT * FROM instance_secrets;
INSERT INTO opsgate_playbook_runs SELECT * FROM playbook_runs;
INSERT INTO opsgate_policy_sets SELECT * FROM policy_sets;
INSERT INTO opsgate_rate_limit_windows SELECT * FROM rate_limit_windows;
INSERT INTO opsgate_request_nonces SELECT * FROM request_nonces;
INSERT INTO opsgate_staff_enrolments SELECT * FROM staff_enrolments;

-- Children before parents: the old tables' own foreign keys hold to the end.
DROP TABLE approvals;
DROP TABLE confirmation_tokens;
DROP TABLE actions;
DROP TABLE plans;
DROP TABLE agent_credentials;
DROP TABLE agents;
DROP TABLE runbook_chunks;
DROP TABLE runbook_documents;
DROP TABLE staff_keys;
DROP TABLE alert_deliveries;
DROP TABLE alert_evaluations;
DROP TABLE audit_checkpoints;
DROP TABLE audit_log;
DROP TABLE budget_usage;
DROP TABLE instance_secrets;
DROP TABLE playbook_runs;
DROP TABLE policy_sets;
DROP TABLE rate_limit_windows;
DROP TABLE request_nonces;
DROP TABLE staff_enrolments;

CREATE INDEX opsgate_staff_keys_staff ON opsgate_staff_keys (staff_id);

CREATE INDEX opsgate_actions_status ON opsgate_actions (status, updated_at);

CREATE INDEX opsgate_actions_requested_by ON opsgate_actions (requested_by, created_at);

CREATE INDEX opsgate_actions_queue ON opsgate_actions (status, queued_at) WHERE queued_at IS NOT NULL;

CREATE INDEX opsgate_approvals_action ON opsgate_approvals (action_id);

CREATE INDEX opsgate_runbook_chunks_document ON opsgate_runbook_chunks (document_id);

CREATE VIRTUAL TABLE opsgate_runbook_chunks_fts USING fts5(
    text,
    content = 'opsgate_runbook_chunks', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER opsgate_runbook_chunks_fts_insert AFTER INSERT ON opsgate_runbook_chunks BEGIN
    INSERT INTO opsgate_runbook_chunks_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER opsgate_runbook_chunks_fts_delete AFTER DELETE ON opsgate_runbook_chunks BEGIN
    INSERT INTO opsgate_runbook_chunks_fts (opsgate_runbook_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER opsgate_runbook_chunks_fts_update AFTER UPDATE ON opsgate_runbook_chunks BEGIN
    INSERT INTO opsgate_runbook_chunks_fts (opsgate_runbook_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO opsgate_runbook_chunks_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE INDEX opsgate_alert_deliveries_staff ON opsgate_alert_deliveries (staff_id, created_at);

CREATE INDEX opsgate_audit_log_time ON opsgate_audit_log (time);

CREATE INDEX opsgate_audit_log_actor ON opsgate_audit_log (actor_id);

CREATE INDEX opsgate_audit_log_subject ON opsgate_audit_log (subject);

CREATE INDEX opsgate_audit_log_event ON opsgate_audit_log (event);

CREATE INDEX opsgate_audit_log_action ON opsgate_audit_log (action_id);

CREATE INDEX opsgate_audit_log_status ON opsgate_audit_log (status);

CREATE TRIGGER opsgate_audit_log_no_update BEFORE UPDATE ON opsgate_audit_log
BEGIN
    SELECT RAISE(ABORT, 'opsgate_audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER opsgate_audit_log_no_delete BEFORE DELETE ON opsgate_audit_log
BEGIN
    SELECT RAISE(ABORT, 'opsgate_audit_log is append-only: DELETE refused');
END;

CREATE INDEX opsgate_actions_by_action ON opsgate_actions (action, created_at);

CREATE INDEX opsgate_actions_by_agent ON opsgate_actions (agent, created_at) WHERE agent IS NOT NULL;

CREATE UNIQUE INDEX opsgate_playbook_runs_unfinished ON opsgate_playbook_runs (playbook) WHERE finished_at IS NULL;

CREATE INDEX opsgate_playbook_runs_by_playbook ON opsgate_playbook_runs (playbook, started_at);

CREATE INDEX opsgate_staff_enrolments_staff ON opsgate_staff_enrolments (staff_id);

CREATE INDEX opsgate_request_nonces_seen ON opsgate_request_nonces (seen_at);

CREATE INDEX opsgate_agent_credentials_agent ON opsgate_agent_credentials (agent_id);

INSERT INTO opsgate_runbook_chunks_fts (opsgate_runbook_chunks_fts) VALUES ('rebuild');

CREATE TABLE opsgate_staff_secrets (
    staff_id             INTEGER PRIMARY KEY,
    totp_secret          TEXT,
    totp_last_step       INTEGER,
    totp_pending_secret  TEXT
);

INSERT INTO opsgate_staff_secrets (staff_id, totp_secret, totp_last_step, totp_pending_secret)
    SELECT id, totp_secret, totp_last_step, totp_pending_secret FROM staff
    WHERE totp_secret IS NOT NULL OR totp_last_step IS NOT NULL OR totp_pending_secret IS NOT NULL;
ALTER TABLE staff DROP COLUMN totp_secret;
ALTER TABLE staff DROP COLUMN totp_last_step;
ALTER TABLE staff DROP COLUMN totp_pending_secret;
