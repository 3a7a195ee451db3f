-- Brings a database created before opsgate's namespace (migrations
-- 20261123000001 to 20261207000011, all applied first) to the same schema as
-- state/20261208000001_opsgate_state.sql: opsgate's tables renamed into the
-- `opsgate_` namespace with their rows, indexes and triggers recreated under
-- namespaced names, and second factors moved out of the staff table. Runs in
-- one transaction; the legacy migrations table is dropped by the caller.
-- Objects that name the old tables, recreated below.
DROP TRIGGER runbook_chunks_fts_insert;
DROP TRIGGER runbook_chunks_fts_delete;
DROP TRIGGER runbook_chunks_fts_update;
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TABLE runbook_chunks_fts;
DROP INDEX staff_keys_staff;
DROP INDEX actions_status;
DROP INDEX actions_requested_by;
DROP INDEX actions_queue;
DROP INDEX approvals_action;
DROP INDEX runbook_chunks_document;
DROP INDEX alert_deliveries_staff;
DROP INDEX audit_log_time;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_subject;
DROP INDEX audit_log_event;
DROP INDEX audit_log_action;
DROP INDEX audit_log_status;
DROP INDEX actions_by_action;
DROP INDEX actions_by_agent;
DROP INDEX playbook_runs_unfinished;
DROP INDEX playbook_runs_by_playbook;
DROP INDEX staff_enrolments_staff;
DROP INDEX request_nonces_seen;
DROP INDEX agent_credentials_agent;

ALTER TABLE actions RENAME TO opsgate_actions;
ALTER TABLE agent_credentials RENAME TO opsgate_agent_credentials;
ALTER TABLE agents RENAME TO opsgate_agents;
ALTER TABLE alert_deliveries RENAME TO opsgate_alert_deliveries;
ALTER TABLE alert_evaluations RENAME TO opsgate_alert_evaluations;
ALTER TABLE approvals RENAME TO opsgate_approvals;
ALTER TABLE audit_checkpoints RENAME TO opsgate_audit_checkpoints;
ALTER TABLE audit_log RENAME TO opsgate_audit_log;
ALTER TABLE budget_usage RENAME TO opsgate_budget_usage;
ALTER TABLE confirmation_tokens RENAME TO opsgate_confirmation_tokens;
ALTER TABLE instance_secrets RENAME TO opsgate_instance_secrets;
ALTER TABLE plans RENAME TO opsgate_plans;
ALTER TABLE playbook_runs RENAME TO opsgate_playbook_runs;
ALTER TABLE policy_sets RENAME TO opsgate_policy_sets;
ALTER TABLE rate_limit_windows RENAME TO opsgate_rate_limit_windows;
ALTER TABLE request_nonces RENAME TO opsgate_request_nonces;
ALTER TABLE runbook_chunks RENAME TO opsgate_runbook_chunks;
ALTER TABLE runbook_documents RENAME TO opsgate_runbook_documents;
ALTER TABLE staff_enrolments RENAME TO opsgate_staff_enrolments;
ALTER TABLE staff_keys RENAME TO opsgate_staff_keys;

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
    staff_id             INTEGER PRIMARY KEY REFERENCES staff(id),
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
