//! `opsgate alerts evaluate` against the real binary: one alert per condition,
//! idempotent runs, resolution, subscriptions, overlapping cron runs.
//!
//! Complaint ages keep at least 20 minutes from every SLA boundary (E = 2 h,
//! B = 1 h for complaints; E = 4 h for refunds), so no test depends on timing.

use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use opsgate::audit::Actor;
use opsgate::store::Pool;
use serde_json::Value;

use crate::support::{Env, block_on};

/// Runs `$body` with `$pool` bound to the native pool, on either backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pool() {
            Pool::Sqlite($pool) => $body,
            Pool::Postgres($pool) => $body,
        }
    };
}

/// A seeded database with one customer to file complaints.
fn env() -> Env {
    let env = Env::new().seeded();
    env.sql(
        "INSERT INTO users (id, name, email, status, wallet_balance_cents, created_at, updated_at) \
         VALUES (1, 'Customer', 'customer@example.org', 'active', 0, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
    )
    .unwrap();
    env
}

/// Files complaint `id`, opened `age_minutes` ago, with the given status and assignee (an e-mail).
fn complaint(
    env: &Env,
    id: i64,
    category: &str,
    priority: &str,
    status: &str,
    age_minutes: i64,
    assignee: Option<&str>,
) {
    let opened = Utc::now() - Duration::minutes(age_minutes);
    let assigned_to =
        assignee.map(|email| env.scalar(&format!("SELECT id FROM staff WHERE email = '{email}'")));
    block_on(async {
        let store = env.store().await;
        on_pool!(store, pool => {
            sqlx::query(
                "INSERT INTO complaints (id, user_id, category, subject, message, priority, status, assigned_to, \
                 created_at, updated_at) VALUES ($1, 1, $2, $3, 'text', $4, $5, $6, $7, $7)",
            )
            .bind(id).bind(category).bind(format!("Complaint {id}")).bind(priority).bind(status)
            .bind(assigned_to).bind(opened)
            .execute(pool).await.unwrap();
        });
        store.close().await;
    });
}

fn set_status(env: &Env, complaint_id: i64, status: &str) {
    env.sql(&format!("UPDATE complaints SET status = '{status}' WHERE id = {complaint_id}")).unwrap();
}

/// `alerts evaluate -o json` as cron runs it (no person: the system acts).
fn evaluate(env: &Env) -> Value {
    env.run(["alerts", "evaluate", "-o", "json"]).exit(0).json()
}

/// The dedup keys of a report's new (or resolved) alerts.
fn keys(report: &Value, list: &str) -> BTreeSet<String> {
    report[list].as_array().unwrap().iter().map(|a| a["dedup_key"].as_str().unwrap().to_owned()).collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| (*k).to_owned()).collect()
}

fn rule<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["rules"].as_array().unwrap().iter().find(|r| r["rule"] == name).unwrap()
}

fn unresolved(env: &Env, key: &str) -> i64 {
    env.scalar(&format!("SELECT COUNT(*) FROM alerts WHERE dedup_key = '{key}' AND status <> 'resolved'"))
}

#[test]
fn each_rule_raises_one_alert_per_condition_and_a_second_run_raises_nothing() {
    let env = env();
    complaint(&env, 1, "service", "low", "open", 30, None); // on track
    complaint(&env, 2, "service", "low", "in_progress", 90, None); // at risk
    complaint(&env, 3, "service", "high", "escalated", 180, None); // breached
    complaint(&env, 4, "refund", "critical", "open", 10, None); // critical, on track
    complaint(&env, 5, "refund", "low", "open", 210, None); // refund at risk (E = 4 h)
    complaint(&env, 6, "service", "critical", "resolved", 300, None); // resolved: nothing
    let store_last = || {
        block_on(async {
            let store = env.store().await;
            let last = opsgate::alerts::last_evaluation(&store).await.unwrap();
            store.close().await;
            last
        })
    };
    assert_eq!(store_last(), None);

    let first = evaluate(&env);
    assert_eq!(
        keys(&first, "created"),
        set(&[
            "sla_at_risk:complaint:2",
            "sla_at_risk:complaint:5",
            "sla_breached:complaint:3",
            "critical_complaint_opened:complaint:4"
        ])
    );
    assert_eq!(first["rules_evaluated"], 4);
    assert_eq!(first["alerts_created"], 4);
    assert_eq!(first["evaluated_by"], "os:ci");
    assert_eq!(rule(&first, "high_workload")["holding"], 0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alerts"), 4);
    assert_eq!(
        env.scalar(
            "SELECT COUNT(*) FROM alerts a JOIN alert_rules r ON r.id = a.rule_id \
             WHERE a.severity = r.severity AND a.status = 'open' AND a.entity_type = 'complaint'"
        ),
        4
    );
    let breached: String = block_on(async {
        let store = env.store().await;
        let message = on_pool!(store, pool => {
            sqlx::query_scalar("SELECT message FROM alerts WHERE dedup_key = 'sla_breached:complaint:3'")
                .fetch_one(pool).await.unwrap()
        });
        store.close().await;
        message
    });
    assert!(breached.starts_with("service complaint #3 (high) has waited 3h"), "{breached}");
    assert!(breached.ends_with("for a first response; expected within 2h"), "{breached}");

    let evaluated_at: DateTime<Utc> = first["evaluated_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(store_last(), Some(evaluated_at));

    let second = evaluate(&env);
    assert_eq!(second["alerts_created"], 0);
    assert_eq!(second["alerts_resolved"], 0);
    assert_eq!(rule(&second, "sla_at_risk")["already_open"], 2);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alerts"), 4);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_alert_evaluations"), 2);
    assert_eq!(env.scalar("SELECT CAST(SUM(alerts_created) AS BIGINT) FROM opsgate_alert_evaluations"), 4);
    assert!(store_last().unwrap() >= evaluated_at);

    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'alerts.evaluated'"), 2);
    assert_eq!(
        env.scalar(
            "SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'alerts.evaluated' AND status = 'unchanged' \
             AND actor_kind = 'system' AND actor_id = 'os:ci'"
        ),
        1
    );
    env.run(["audit", "verify"]).exit(0);

    let table = env.run(["alerts", "evaluate"]).exit(0);
    assert!(table.stdout.contains("evaluated 4 rules at"), "{}", table.stdout);
    assert!(table.stdout.contains("0 alerts created, 0 resolved"), "{}", table.stdout);
}

#[test]
fn alerts_whose_condition_is_gone_are_resolved_and_a_new_occurrence_raises_a_new_one() {
    let env = env();
    complaint(&env, 1, "service", "critical", "open", 180, None);
    complaint(&env, 2, "payment", "low", "open", 180, None);
    let first = evaluate(&env);
    assert_eq!(
        keys(&first, "created"),
        set(&[
            "sla_breached:complaint:1",
            "sla_breached:complaint:2",
            "critical_complaint_opened:complaint:1"
        ])
    );

    set_status(&env, 1, "resolved");
    set_status(&env, 2, "closed");
    let second = evaluate(&env);
    assert_eq!(second["alerts_created"], 0);
    assert_eq!(
        keys(&second, "resolved"),
        set(&[
            "sla_breached:complaint:1",
            "sla_breached:complaint:2",
            "critical_complaint_opened:complaint:1"
        ])
    );
    assert_eq!(second["alerts_resolved"], 3);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM alerts WHERE status = 'resolved' AND resolved_at IS NOT NULL"),
        3
    );
    assert_eq!(
        env.scalar("SELECT alerts_resolved FROM opsgate_alert_evaluations ORDER BY id DESC LIMIT 1"),
        3
    );

    // An acknowledged alert is resolved the same way once its complaint is.
    set_status(&env, 2, "open");
    evaluate(&env);
    env.sql("UPDATE alerts SET status = 'acknowledged' WHERE dedup_key = 'sla_breached:complaint:2' AND status = 'open'")
        .unwrap();
    assert_eq!(unresolved(&env, "sla_breached:complaint:2"), 1);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alerts WHERE dedup_key = 'sla_breached:complaint:2'"), 2);
    set_status(&env, 2, "resolved");
    assert_eq!(evaluate(&env)["alerts_resolved"], 1);
    assert_eq!(unresolved(&env, "sla_breached:complaint:2"), 0);
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_complaint_moving_from_at_risk_to_breached_swaps_its_alert() {
    let env = env();
    complaint(&env, 1, "service", "low", "open", 80, None); // at risk now, breached in an hour
    let now = Utc::now();
    let run = |at: DateTime<Utc>| {
        block_on(async {
            let store = env.store().await;
            let report = opsgate::alerts::evaluate(&store, Actor::system(), at).await.unwrap();
            store.close().await;
            report
        })
    };
    let first = run(now);
    assert_eq!(
        first.created.iter().map(|a| a.dedup_key.as_str()).collect::<Vec<_>>(),
        ["sla_at_risk:complaint:1"]
    );

    let later = run(now + Duration::hours(1));
    assert_eq!(
        later.created.iter().map(|a| a.dedup_key.as_str()).collect::<Vec<_>>(),
        ["sla_breached:complaint:1"]
    );
    assert_eq!(
        later.resolved.iter().map(|a| a.dedup_key.as_str()).collect::<Vec<_>>(),
        ["sla_at_risk:complaint:1"]
    );
    assert_eq!(unresolved(&env, "sla_at_risk:complaint:1"), 0);
    assert_eq!(unresolved(&env, "sla_breached:complaint:1"), 1);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_alert_evaluations WHERE evaluated_at > started_at"),
        1,
        "evaluated_at is the instant judged at, not the wall clock"
    );
}

#[test]
fn high_workload_counts_open_complaints_per_person_over_the_threshold() {
    let env = env();
    env.sql("UPDATE alert_rules SET threshold = 2 WHERE name = 'high_workload'").unwrap();
    for id in 1..=3 {
        complaint(&env, id, "other", "low", "open", 10, Some("agent@example.com"));
    }
    complaint(&env, 4, "other", "low", "resolved", 10, Some("agent@example.com"));
    for id in 5..=6 {
        complaint(&env, id, "other", "low", "in_progress", 10, Some("support@example.com"));
    }
    let agent = env.scalar("SELECT id FROM staff WHERE email = 'agent@example.com'");
    let first = evaluate(&env);
    assert_eq!(keys(&first, "created"), set(&[&format!("high_workload:staff:{agent}")]));
    let alert = &first["created"][0];
    assert_eq!(alert["title"], "High workload: agent@example.com");
    assert_eq!(alert["entity_type"], "staff");
    assert_eq!(alert["severity"], "warning");

    // Down to the threshold: no longer over it.
    set_status(&env, 1, "resolved");
    let second = evaluate(&env);
    assert_eq!(keys(&second, "resolved"), set(&[&format!("high_workload:staff:{agent}")]));
}

#[test]
fn disabled_rules_are_skipped_and_their_alerts_left_alone() {
    let env = env();
    complaint(&env, 1, "service", "critical", "open", 10, None);
    assert_eq!(keys(&evaluate(&env), "created"), set(&["critical_complaint_opened:complaint:1"]));

    env.sql("UPDATE alert_rules SET enabled = FALSE WHERE name = 'critical_complaint_opened'").unwrap();
    complaint(&env, 2, "payment", "critical", "open", 10, None);
    set_status(&env, 1, "resolved");
    let report = evaluate(&env);
    assert_eq!(report["rules_evaluated"], 3);
    assert_eq!(rule(&report, "critical_complaint_opened")["status"], "disabled");
    assert_eq!(report["alerts_created"], 0);
    assert_eq!(report["alerts_resolved"], 0);
    assert_eq!(unresolved(&env, "critical_complaint_opened:complaint:1"), 1, "not evaluated, not touched");
    assert_eq!(unresolved(&env, "critical_complaint_opened:complaint:2"), 0);

    // A rule with a condition opsgate does not know is reported, not guessed at.
    env.sql("UPDATE alert_rules SET condition = 'disk_full' WHERE name = 'sla_at_risk'").unwrap();
    let report = evaluate(&env);
    assert_eq!(rule(&report, "sla_at_risk")["status"], "skipped");
    assert!(rule(&report, "sla_at_risk")["reason"].as_str().unwrap().contains("disk_full"));
    assert_eq!(report["rules_evaluated"], 2);
}

#[test]
fn direct_subscribers_are_assigned_and_roles_are_broadcast_to_active_members() {
    let env = env();
    for (email, name) in [("kim@example.com", "Kim"), ("gone@example.com", "Gone")] {
        env.run_as("admin@example.com", ["staff", "add", email, "--name", name, "--role", "agent"]).exit(0);
    }
    env.sql("UPDATE staff SET status = 'inactive' WHERE email = 'gone@example.com'").unwrap();
    let subscribe = |rule: &str, staff: Option<&str>, role: Option<&str>| {
        let staff =
            staff.map_or("NULL".to_owned(), |e| format!("(SELECT id FROM staff WHERE email = '{e}')"));
        let role = role.map_or("NULL".to_owned(), |r| format!("(SELECT id FROM roles WHERE name = '{r}')"));
        env.sql(&format!(
            "INSERT INTO alert_subscriptions (rule_id, staff_id, role_id, channel, created_at) \
             VALUES ((SELECT id FROM alert_rules WHERE name = '{rule}'), {staff}, {role}, 'cli', '2026-11-01T00:00:00Z')"
        ))
        .unwrap();
    };
    // Oldest direct subscription first: the manager is assigned; the senior agent is told too.
    subscribe("sla_breached", None, Some("agent"));
    subscribe("sla_breached", Some("manager@example.com"), None);
    subscribe("sla_breached", Some("senior_agent@example.com"), None);
    subscribe("sla_breached", Some("gone@example.com"), None);
    subscribe("sla_at_risk", None, Some("agent"));
    complaint(&env, 1, "service", "low", "open", 180, None);
    complaint(&env, 2, "service", "low", "open", 90, None);

    let report = evaluate(&env);
    let created = report["created"].as_array().unwrap();
    let breached = created.iter().find(|a| a["rule"] == "sla_breached").unwrap();
    assert_eq!(breached["assigned_to"], "manager@example.com");
    let notified: BTreeSet<&str> =
        breached["notified"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    assert_eq!(
        notified,
        BTreeSet::from([
            "manager@example.com",
            "senior_agent@example.com",
            "agent@example.com",
            "kim@example.com"
        ])
    );
    let at_risk = created.iter().find(|a| a["rule"] == "sla_at_risk").unwrap();
    assert_eq!(at_risk["assigned_to"], Value::Null, "only a role subscribed: broadcast, not assigned");
    assert_eq!(at_risk["notified"].as_array().unwrap().len(), 2);
    assert_eq!(report["deliveries"], 6);

    assert_eq!(
        env.scalar(
            "SELECT COUNT(*) FROM alerts a JOIN staff s ON s.id = a.assigned_to \
             WHERE a.dedup_key = 'sla_breached:complaint:1' AND s.email = 'manager@example.com'"
        ),
        1
    );
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_alert_deliveries"), 6);
    assert_eq!(
        env.scalar(
            "SELECT COUNT(*) FROM opsgate_alert_deliveries d JOIN staff s ON s.id = d.staff_id WHERE s.email = 'gone@example.com'"
        ),
        0
    );
    // Who was told stays queryable, and a second run tells nobody again.
    assert_eq!(evaluate(&env)["deliveries"], 0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_alert_deliveries"), 6);
    assert_eq!(env.scalar("SELECT deliveries FROM opsgate_alert_evaluations ORDER BY id LIMIT 1"), 6);
}

#[test]
fn a_named_person_needs_ops_alerts_view() {
    let env = env();
    complaint(&env, 1, "service", "low", "open", 180, None);
    env.run_as("support@example.com", ["alerts", "evaluate"]).exit(3).stderr_has("ops.alerts.view");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alerts"), 0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_alert_evaluations"), 0);

    let report = env.run_as("viewer@example.com", ["alerts", "evaluate", "-o", "json"]).exit(0).json();
    assert_eq!(report["alerts_created"], 1);
    assert_eq!(
        env.scalar(
            "SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'alerts.evaluated' AND actor_kind = 'person' \
             AND actor_id = 'viewer@example.com'"
        ),
        1
    );
}

#[test]
fn overlapping_cron_runs_raise_each_alert_once() {
    const RUNS: usize = 4;
    let env = env();
    for id in 1..=12 {
        let priority = if id % 3 == 0 { "critical" } else { "medium" };
        complaint(&env, id, "service", priority, "open", 150 + id, None);
    }
    for id in 13..=18 {
        complaint(&env, id, "payment", "low", "open", 90, None);
    }
    env.sql(
        "INSERT INTO alert_subscriptions (rule_id, role_id, channel, created_at) \
         SELECT r.id, ro.id, 'cli', '2026-11-01T00:00:00Z' FROM alert_rules r, roles ro WHERE ro.name = 'manager'",
    )
    .unwrap();
    // Migrate once so that the runs race only on evaluating.
    block_on(async { env.store().await.close().await });

    let started = Instant::now();
    let children: Vec<_> = (0..RUNS)
        .map(|_| {
            env.std_command()
                .args(["alerts", "evaluate", "-o", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut created = 0;
    for mut child in children {
        while child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < StdDuration::from_secs(120), "evaluations did not finish in time");
            std::thread::sleep(StdDuration::from_millis(20));
        }
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        created += report["alerts_created"].as_i64().unwrap();
    }
    // 12 breached + 4 critical + 6 at risk, each raised by exactly one of the runs.
    assert_eq!(created, 22);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alerts"), 22);
    assert_eq!(env.scalar("SELECT COUNT(DISTINCT dedup_key) FROM alerts"), 22);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_alert_deliveries"),
        22,
        "one manager, told once per alert"
    );
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_alert_evaluations"), RUNS as i64);
    assert_eq!(env.scalar("SELECT CAST(SUM(alerts_created) AS BIGINT) FROM opsgate_alert_evaluations"), 22);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'alerts.evaluated'"),
        RUNS as i64
    );
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn evaluating_the_demo_data_duplicates_none_of_its_alerts() {
    let env = Env::new().with_demo_data();
    let open_before = env.scalar("SELECT COUNT(*) FROM alerts WHERE status <> 'resolved'");
    assert!(open_before > 0);
    let report = evaluate(&env);
    let already_open: i64 =
        report["rules"].as_array().unwrap().iter().map(|r| r["already_open"].as_i64().unwrap()).sum();
    assert_eq!(already_open, open_before, "every open demo alert matches a condition that still holds");
    assert_eq!(report["alerts_resolved"], 0);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM alerts WHERE status <> 'resolved'"),
        open_before + report["alerts_created"].as_i64().unwrap()
    );
    assert_eq!(evaluate(&env)["alerts_created"], 0);
    env.run(["audit", "verify"]).exit(0);
}
