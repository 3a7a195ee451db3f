-- A playbook run that a spent rate limit or budget stopped ends `rate_limited`
-- (exit 6), apart from one that failed.
ALTER TABLE playbook_runs DROP CONSTRAINT playbook_runs_status_check;
ALTER TABLE playbook_runs ADD CONSTRAINT playbook_runs_status_check
    CHECK (status IN ('running', 'succeeded', 'waiting', 'denied', 'rate_limited', 'failed', 'abandoned'));
