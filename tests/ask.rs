//! `opsgate ask`: read-only answers with rows, sources, confidence and window.

use chrono::{Duration, SecondsFormat, Utc};
use serde_json::Value;

use crate::support::{Env, repo_root};

fn ago(minutes: i64) -> String {
    (Utc::now() - Duration::minutes(minutes)).to_rfc3339_opts(SecondsFormat::Micros, false)
}

fn ask(env: &Env, email: &str, prompt: &str) -> Value {
    env.run_as(email, ["ask", prompt, "-o", "json"]).exit(0).json()
}

/// One customer and complaints of the given category opened `minutes` ago.
fn complaints(env: &Env, rows: &[(i64, &str, i64)]) {
    env.sql(&format!(
        "INSERT INTO users (id, name, email, phone, status, wallet_balance_cents, created_at, updated_at) \
         VALUES (1, 'Anna Kowalski', 'anna.kowalski@example.net', '+49 151 2345 6789', 'active', 0, '{0}', '{0}')",
        ago(10_000)
    ))
    .unwrap();
    for (id, category, minutes) in rows {
        env.sql(&format!(
            "INSERT INTO complaints (id, user_id, category, subject, message, priority, status, created_at, updated_at) \
             VALUES ({id}, 1, '{category}', 'Subject {id}', 'Message', 'high', 'open', '{0}', '{0}')",
            ago(*minutes)
        ))
        .unwrap();
    }
}

#[test]
fn sla_states_follow_the_rule_around_each_boundary() {
    let env = Env::new().seeded();
    // Complaints: E = 120 min, B = 60 min; refunds: E = 240 min. Two minutes either
    // side of each boundary (exact boundaries are unit-tested in src/sla.rs).
    complaints(
        &env,
        &[
            (1, "service", 58),
            (2, "service", 62),
            (3, "service", 118),
            (4, "service", 122),
            (5, "refund", 178),
            (6, "refund", 182),
            (7, "refund", 238),
            (8, "refund", 242),
        ],
    );
    let answer = ask(&env, "admin@example.com", "sla report");
    let state = |id: i64| {
        answer["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["id"] == id)
            .map(|row| row["sla_state"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("complaint {id} missing: {answer}"))
    };
    let expected =
        ["on_track", "at_risk", "at_risk", "breached", "on_track", "at_risk", "at_risk", "breached"];
    for (index, want) in expected.iter().enumerate() {
        assert_eq!(state(index as i64 + 1), *want, "complaint {}", index + 1);
    }
    // Breached first, then at risk by deadline.
    assert_eq!(answer["rows"][0]["sla_state"], "breached");
    assert!(
        answer["answer"]
            .as_str()
            .unwrap()
            .contains("8 open complaints: 2 breached, 4 at risk and 2 on track")
    );

    let at_risk = ask(&env, "admin@example.com", "which complaints are about to breach sla?");
    let mut ids: Vec<i64> =
        at_risk["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![2, 3, 6, 7]);
}

#[test]
fn the_compliance_rate_of_a_fixed_fixture_is_exact() {
    let env = Env::new().seeded();
    complaints(&env, &[]);
    // Opened on 2026-01-10; E = 2 h (4 h for refunds).
    for (id, category, first_response, resolved) in [
        (1, "service", Some("2026-01-10T10:30:00+00:00"), None), // 90 min: met
        (2, "service", Some("2026-01-10T11:00:00+00:00"), None), // exactly E: met
        (3, "service", Some("2026-01-10T11:01:00+00:00"), None), // missed by a minute
        (4, "refund", None, Some("2026-01-10T12:59:00+00:00")),  // resolved within 4 h: met
        (5, "payment", None, None),                              // never answered: missed
    ] {
        let quoted = |v: Option<&str>| v.map_or("NULL".to_owned(), |t| format!("'{t}'"));
        env.sql(&format!(
            "INSERT INTO complaints (id, user_id, category, subject, message, priority, status, created_at, updated_at, first_response_at, resolved_at) \
             VALUES ({id}, 1, '{category}', 's', 'm', 'low', '{}', '2026-01-10T09:00:00+00:00', '2026-01-10T09:00:00+00:00', {}, {})",
            if resolved.is_some() { "resolved" } else { "in_progress" },
            quoted(first_response),
            quoted(resolved)
        ))
        .unwrap();
    }
    let answer = ask(&env, "manager@example.com", "sla compliance rate on 2026-01-10");
    let facts = &answer["facts"][0]["facts"];
    assert_eq!(facts["met"], 3, "{answer}");
    assert_eq!(facts["missed"], 2);
    assert_eq!(facts["compliance_percent"], 60.0);
    assert_eq!(answer["window"]["label"], "2026-01-10");
    assert!(answer["window"]["from"].as_str().unwrap().starts_with("2026-01-10T00:00:00"));
    assert!(answer["window"]["to"].as_str().unwrap().starts_with("2026-01-11T00:00:00"));
}

#[test]
fn revenue_matches_the_database_and_names_its_window_and_sources() {
    let env = Env::new().with_demo_data();
    let answer = ask(&env, "admin@example.com", "revenue in the last 30 days");
    let window = &answer["window"];
    assert_eq!(window["label"], "last 30 days");
    assert_eq!(window["time_zone"], "UTC");
    let net = answer["facts"][0]["facts"]["EUR"]["net_cents"].as_i64().unwrap();
    // Recompute from the same instants (the statement's bound values).
    let source = &answer["sources"][0];
    assert_eq!(source["kind"], "query");
    let params: Vec<&str> =
        source["params"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let time = |i: usize| {
        if env.is_postgres() { format!("'{}'::timestamptz", params[i]) } else { format!("'{}'", params[i]) }
    };
    let expected = env.scalar(&format!(
        "SELECT CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) FROM bookings \
         WHERE payment_status IN ('paid', 'settled', 'partially_refunded', 'refunded') AND created_at >= {} AND created_at < {}",
        time(0),
        time(1)
    ));
    assert_eq!(net, expected);
    assert!(answer["sources"].as_array().unwrap().len() >= 3, "current, previous, pending, all-time");
    let confidence = answer["confidence"].as_f64().unwrap();
    assert!(confidence > 0.5 && confidence <= 1.0);
    assert!(answer["answer"].as_str().unwrap().contains("net from"));
}

#[test]
fn windows_are_shown_in_the_configured_time_zone() {
    let env = Env::new().with_demo_data();
    env.sql("INSERT INTO ops_config (key, value, description, updated_at) VALUES ('time_zone', 'Asia/Kolkata', 'test', '2026-01-01T00:00:00+00:00')")
        .unwrap();
    let answer = ask(&env, "admin@example.com", "how many bookings today");
    assert_eq!(answer["window"]["time_zone"], "Asia/Kolkata");
    let from = answer["window"]["from"].as_str().unwrap();
    assert!(from.ends_with("T00:00:00+05:30"), "{from}");
    env.sql("UPDATE ops_config SET value = 'Mars/Olympus' WHERE key = 'time_zone'").unwrap();
    env.run_as("admin@example.com", ["ask", "how many bookings today"]).exit(1).stderr_has("Mars/Olympus");
}

#[test]
fn a_viewer_sees_masked_contacts_and_a_manager_sees_them_whole() {
    let env = Env::new().seeded();
    complaints(&env, &[]);
    let viewer = ask(&env, "viewer@example.com", "find user anna.kowalski@example.net");
    let row = &viewer["rows"][0];
    assert_eq!(row["email"], "a***@example.net");
    assert_eq!(row["phone"], "+49*******6789");
    assert_eq!(viewer["masked"], true);
    assert!(!viewer.to_string().contains("kowalski@"));
    let table = env.run_as("viewer@example.com", ["ask", "find user anna.kowalski@example.net"]).exit(0);
    assert!(!table.stdout.contains("2345 6789") && !table.stdout.contains("kowalski@"));

    let manager = ask(&env, "manager@example.com", "find user anna.kowalski@example.net");
    assert_eq!(manager["rows"][0]["email"], "anna.kowalski@example.net");
    assert_eq!(manager["rows"][0]["phone"], "+49 151 2345 6789");
    assert_eq!(manager["masked"], false);
}

#[test]
fn a_request_to_change_something_changes_nothing_and_points_to_plan() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let plans = env.scalar("SELECT COUNT(*) FROM opsgate_plans");
    let answer = ask(&env, "admin@example.com", "refund booking 142");
    assert_eq!(answer["suggested_command"], "opsgate plan 'refund booking 142'");
    assert!(answer["answer"].as_str().unwrap().contains("Nothing was changed"));
    assert_eq!(env.ops_checksum(), before);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), plans);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_actions"), 0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'ask.answered'"), 1);
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn drafts_are_text_filled_from_the_database_and_write_nothing() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let email = ask(&env, "admin@example.com", "draft an apologetic email to the customer of complaint 17");
    let text = email["draft"].as_str().unwrap();
    let subject = env.scalar("SELECT COUNT(*) FROM complaints WHERE id = 17");
    assert_eq!(subject, 1);
    assert!(text.contains("complaint #17"), "{text}");
    assert!(text.starts_with("To: "), "{text}");

    let report = ask(&env, "admin@example.com", "draft the weekly revenue report");
    let text = report["draft"].as_str().unwrap();
    assert!(text.contains("## Revenue") && text.contains("## SLA"), "{text}");
    assert_eq!(report["window"]["label"], "last 7 days");

    // A template override in the config directory replaces the built-in one.
    let templates = env.config_dir().join("opsgate/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("draft.coupon.j2"),
        "Coupon {{ code }} worth {{ amount }} for {{ customer.name }}",
    )
    .unwrap();
    let coupon = ask(&env, "admin@example.com", "draft a coupon for user 88 worth 10 eur");
    assert!(coupon["draft"].as_str().unwrap().starts_with("Coupon GW-88-"), "{coupon}");
    assert!(coupon["draft"].as_str().unwrap().contains("10.00 EUR"));
    // The viewer gets the same draft with contacts masked.
    let masked = ask(&env, "viewer@example.com", "draft an email to the customer of complaint 17");
    assert!(masked["draft"].as_str().unwrap().contains("***@"), "{masked}");
    assert_eq!(env.ops_checksum(), before);
}

#[test]
fn runbook_questions_cite_lines_that_hold_the_answer() {
    let env = Env::new().seeded();
    let runbook = repo_root().join("runbooks/refund-policy.md");
    env.run_as("admin@example.com", ["docs", "add", runbook.to_str().unwrap()]).exit(0);
    let answer = ask(&env, "viewer@example.com", "what does our refund policy say about no-shows?");
    let passage = &answer["passages"][0];
    let (start, end) =
        (passage["line_start"].as_u64().unwrap() as usize, passage["line_end"].as_u64().unwrap() as usize);
    let text = std::fs::read_to_string(&runbook).unwrap();
    let cited: Vec<&str> = text.lines().skip(start - 1).take(end - start + 1).collect();
    assert!(cited.join("\n").to_lowercase().contains("no-show"), "{cited:?}");
    assert_eq!(answer["sources"][0]["kind"], "runbook");
    assert!(answer["answer"].as_str().unwrap().contains(&format!("#L{start}-L{end}")));
}

#[test]
fn health_and_log_analysis_read_opsgates_own_tables() {
    let env = Env::new().with_demo_data();
    env.run_as("viewer@example.com", ["plan", "cancel booking 3"]).exit(3);
    let logs = ask(&env, "admin@example.com", "what went wrong today");
    let facts = &logs["facts"][0]["facts"];
    assert!(facts["total"].as_i64().unwrap() >= 1, "{logs}");
    assert!(logs["answer"].as_str().unwrap().contains("viewer@example.com"));

    let health = ask(&env, "admin@example.com", "system health");
    let facts = &health["facts"][0]["facts"];
    assert_eq!(facts["pending_approvals"], 0);
    assert!(facts["database_ms"].as_f64().unwrap() >= 0.0);
}

#[test]
fn questions_that_cannot_be_answered_fail_clearly() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["ask", "what's the weather in Paris"])
        .exit(7)
        .stderr_has("could not turn");
    env.run_as("admin@example.com", ["ask", "show booking 99999"])
        .exit(1)
        .stderr_has("booking 99999 does not exist");
    // Support may not see metrics: denied, naming the permission.
    env.run_as("support@example.com", ["ask", "revenue this month"]).exit(3).stderr_has("ops.metrics.view");
    env.sql("DELETE FROM role_permissions WHERE permission_id = (SELECT id FROM permissions WHERE name = 'ai.use') AND role_id = (SELECT id FROM roles WHERE name = 'viewer')").unwrap();
    env.run_as("viewer@example.com", ["ask", "list bookings"]).exit(3).stderr_has("ai.use");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'ask.denied'"), 2);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'ask.unplannable'"), 1);
}

#[test]
fn a_question_about_one_record_is_answered_with_that_record_and_every_answer_has_a_window() {
    let env = Env::new().seeded();
    complaints(&env, &[(17, "payment", 30), (18, "service", 200)]);
    for prompt in ["what is the status of complaint 17?", "show complaint 17", "complaint #17 status"] {
        let answer = ask(&env, "manager@example.com", prompt);
        assert_eq!(answer["steps"][0]["action"], "complaints.get", "{prompt}: {answer}");
        let rows = answer["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{prompt}: {answer}");
        assert_eq!(rows[0]["id"], 17);
        assert_eq!(rows[0]["status"], "open");
        assert!(answer["answer"].as_str().unwrap().contains("open"), "{answer}");
    }
    // A snapshot (open complaints at risk now) still says when it was true: to = now, from null.
    let risk = ask(&env, "manager@example.com", "which complaints are about to breach SLA?");
    assert!(risk["window"]["from"].is_null(), "{risk}");
    let to = chrono::DateTime::parse_from_rfc3339(risk["window"]["to"].as_str().unwrap()).unwrap();
    assert!((Utc::now() - to.with_timezone(&Utc)).num_seconds().abs() < 120, "{risk}");
    let windowed = ask(&env, "manager@example.com", "how many complaints this month?");
    assert!(windowed["window"]["from"].is_string(), "{windowed}");
}
