-- Alert evaluation runs and per-person alert deliveries.

-- One row per `opsgate alerts evaluate` run. `evaluated_at` is the instant the
-- conditions were judged at; `started_at`/`finished_at` are the wall clock around
-- the run; `evaluated_by` is the audit actor id (`os:<user>` for cron).
CREATE TABLE alert_evaluations (
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

-- Who was told about an alert: the assignee and every subscriber, once each.
-- `subscription_id` is the subscription that reached them (a direct one wins over a role).
CREATE TABLE alert_deliveries (
    id               INTEGER PRIMARY KEY,
    alert_id         INTEGER NOT NULL REFERENCES alerts(id),
    staff_id         INTEGER NOT NULL REFERENCES staff(id),
    subscription_id  INTEGER REFERENCES alert_subscriptions(id),
    channel          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (alert_id, staff_id)
);
CREATE INDEX alert_deliveries_staff ON alert_deliveries (staff_id, created_at);

-- Each run reads the unresolved alerts, which stay few while resolved ones pile up.
CREATE INDEX alerts_unresolved ON alerts (rule_id) WHERE status <> 'resolved';
