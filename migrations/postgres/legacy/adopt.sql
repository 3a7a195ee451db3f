-- Brings a database created before opsgate's namespace (migrations
-- 20261123000001 to 20261207000011, all applied first) to the same schema as
-- state/20261208000001_opsgate_state.sql: opsgate's tables, with their rows,
-- sequences, indexes and triggers, moved into the schema `opsgate` under the
-- `opsgate_` prefix, and second factors moved out of the staff table. Runs in
-- one transaction; the legacy migrations table is dropped by the caller.

CREATE SCHEMA IF NOT EXISTS opsgate;
ALTER FUNCTION audit_log_append_only() SET SCHEMA opsgate;

ALTER TABLE actions SET SCHEMA opsgate;
ALTER TABLE opsgate.actions RENAME TO opsgate_actions;
ALTER TABLE agent_credentials SET SCHEMA opsgate;
ALTER TABLE opsgate.agent_credentials RENAME TO opsgate_agent_credentials;
ALTER TABLE agents SET SCHEMA opsgate;
ALTER TABLE opsgate.agents RENAME TO opsgate_agents;
ALTER TABLE alert_deliveries SET SCHEMA opsgate;
ALTER TABLE opsgate.alert_deliveries RENAME TO opsgate_alert_deliveries;
ALTER TABLE alert_evaluations SET SCHEMA opsgate;
ALTER TABLE opsgate.alert_evaluations RENAME TO opsgate_alert_evaluations;
ALTER TABLE approvals SET SCHEMA opsgate;
ALTER TABLE opsgate.approvals RENAME TO opsgate_approvals;
ALTER TABLE audit_checkpoints SET SCHEMA opsgate;
ALTER TABLE opsgate.audit_checkpoints RENAME TO opsgate_audit_checkpoints;
ALTER TABLE audit_log SET SCHEMA opsgate;
ALTER TABLE opsgate.audit_log RENAME TO opsgate_audit_log;
ALTER TABLE budget_usage SET SCHEMA opsgate;
ALTER TABLE opsgate.budget_usage RENAME TO opsgate_budget_usage;
ALTER TABLE confirmation_tokens SET SCHEMA opsgate;
ALTER TABLE opsgate.confirmation_tokens RENAME TO opsgate_confirmation_tokens;
ALTER TABLE instance_secrets SET SCHEMA opsgate;
ALTER TABLE opsgate.instance_secrets RENAME TO opsgate_instance_secrets;
ALTER TABLE plans SET SCHEMA opsgate;
ALTER TABLE opsgate.plans RENAME TO opsgate_plans;
ALTER TABLE playbook_runs SET SCHEMA opsgate;
ALTER TABLE opsgate.playbook_runs RENAME TO opsgate_playbook_runs;
ALTER TABLE policy_sets SET SCHEMA opsgate;
ALTER TABLE opsgate.policy_sets RENAME TO opsgate_policy_sets;
ALTER TABLE rate_limit_windows SET SCHEMA opsgate;
ALTER TABLE opsgate.rate_limit_windows RENAME TO opsgate_rate_limit_windows;
ALTER TABLE request_nonces SET SCHEMA opsgate;
ALTER TABLE opsgate.request_nonces RENAME TO opsgate_request_nonces;
ALTER TABLE runbook_chunks SET SCHEMA opsgate;
ALTER TABLE opsgate.runbook_chunks RENAME TO opsgate_runbook_chunks;
ALTER TABLE runbook_documents SET SCHEMA opsgate;
ALTER TABLE opsgate.runbook_documents RENAME TO opsgate_runbook_documents;
ALTER TABLE staff_enrolments SET SCHEMA opsgate;
ALTER TABLE opsgate.staff_enrolments RENAME TO opsgate_staff_enrolments;
ALTER TABLE staff_keys SET SCHEMA opsgate;
ALTER TABLE opsgate.staff_keys RENAME TO opsgate_staff_keys;

-- opsgate's tables refer to the back office's rows by value only.
ALTER TABLE opsgate.opsgate_actions DROP CONSTRAINT actions_queued_by_fkey;
ALTER TABLE opsgate.opsgate_actions DROP CONSTRAINT actions_requested_by_fkey;
ALTER TABLE opsgate.opsgate_agent_credentials DROP CONSTRAINT agent_credentials_issued_by_fkey;
ALTER TABLE opsgate.opsgate_alert_deliveries DROP CONSTRAINT alert_deliveries_alert_id_fkey;
ALTER TABLE opsgate.opsgate_alert_deliveries DROP CONSTRAINT alert_deliveries_staff_id_fkey;
ALTER TABLE opsgate.opsgate_alert_deliveries DROP CONSTRAINT alert_deliveries_subscription_id_fkey;
ALTER TABLE opsgate.opsgate_approvals DROP CONSTRAINT approvals_approver_id_fkey;
ALTER TABLE opsgate.opsgate_confirmation_tokens DROP CONSTRAINT confirmation_tokens_staff_id_fkey;
ALTER TABLE opsgate.opsgate_plans DROP CONSTRAINT plans_staff_id_fkey;
ALTER TABLE opsgate.opsgate_playbook_runs DROP CONSTRAINT playbook_runs_staff_id_fkey;
ALTER TABLE opsgate.opsgate_policy_sets DROP CONSTRAINT policy_sets_applied_by_fkey;
ALTER TABLE opsgate.opsgate_staff_enrolments DROP CONSTRAINT staff_enrolments_countersigned_by_fkey;
ALTER TABLE opsgate.opsgate_staff_enrolments DROP CONSTRAINT staff_enrolments_issued_by_fkey;
ALTER TABLE opsgate.opsgate_staff_enrolments DROP CONSTRAINT staff_enrolments_staff_id_fkey;
ALTER TABLE opsgate.opsgate_staff_keys DROP CONSTRAINT staff_keys_revoked_by_fkey;
ALTER TABLE opsgate.opsgate_staff_keys DROP CONSTRAINT staff_keys_staff_id_fkey;

CREATE TABLE opsgate.opsgate_staff_secrets (
    staff_id             bigint PRIMARY KEY,
    totp_secret          text,
    totp_last_step       bigint,
    totp_pending_secret  text
);
INSERT INTO opsgate.opsgate_staff_secrets (staff_id, totp_secret, totp_last_step, totp_pending_secret)
    SELECT id, totp_secret, totp_last_step, totp_pending_secret FROM staff
    WHERE totp_secret IS NOT NULL OR totp_last_step IS NOT NULL OR totp_pending_secret IS NOT NULL;
ALTER TABLE staff DROP COLUMN totp_secret, DROP COLUMN totp_last_step, DROP COLUMN totp_pending_secret;
