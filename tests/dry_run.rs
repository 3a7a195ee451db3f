//! `opsgate dry-run` through the real binary: a plan's steps simulated in
//! order in one transaction that is rolled back, every changed column shown,
//! and a step that would fail ending the command with exit 1.

use serde_json::Value;

use crate::support::Env;

const ADMIN: &str = "admin@example.com";

/// A booking that can be cancelled and then refunded in full.
fn cancellable_paid_booking(env: &Env) -> i64 {
    env.scalar(
        "SELECT MIN(id) FROM bookings WHERE status IN ('pending', 'confirmed') \
         AND payment_status = 'paid' AND refunded_cents = 0",
    )
}

/// YAML output keeps the whole simulation on stdout when a step would fail.
fn yaml_document(stdout: &str) -> Value {
    opsgate::yaml::from_str(std::path::Path::new("stdout"), stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn simulation(json: &Value, step: usize) -> &Value {
    &json["simulations"][step]["simulation"]
}

/// A step's changes as column → (before, after).
fn changes(json: &Value, step: usize) -> Vec<(String, Option<String>, Option<String>)> {
    simulation(json, step)["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("step {step} has no changes: {json}"))
        .iter()
        .map(|c| {
            (
                c["column"].as_str().unwrap().to_owned(),
                c["before"].as_str().map(str::to_owned),
                c["after"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn change<'a>(
    changes: &'a [(String, Option<String>, Option<String>)],
    column: &str,
) -> Option<(Option<&'a str>, Option<&'a str>)> {
    changes.iter().find(|(c, _, _)| c == column).map(|(_, b, a)| (b.as_deref(), a.as_deref()))
}

#[test]
fn a_later_step_is_simulated_against_what_the_earlier_steps_did() {
    let env = Env::new().with_demo_data();
    let booking = cancellable_paid_booking(&env);
    let status = env.scalar_text(&format!("SELECT status FROM bookings WHERE id = {booking}"));
    let before = env.ops_checksum();
    let prompt = format!("cancel booking {booking} and refund it");
    let json = env.run_as(ADMIN, ["dry-run", &prompt, "-o", "json"]).exit(0).json();
    let actions: Vec<&str> =
        json["steps"].as_array().unwrap().iter().map(|s| s["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["bookings.cancel", "bookings.refund"]);
    let cancel = changes(&json, 0);
    assert_eq!(change(&cancel, "status"), Some((Some(status.as_str()), Some("cancelled"))));
    // The refund meets the booking the cancel left behind, not the stored one.
    let refund = changes(&json, 1);
    assert_eq!(change(&refund, "status"), Some((Some("cancelled"), Some("refunded"))), "{json}");
    assert_eq!(change(&refund, "payment_status"), Some((Some("paid"), Some("refunded"))));
    assert_eq!(simulation(&json, 1)["rows_affected"], serde_json::json!([1, 1]));
    assert_eq!(env.ops_checksum(), before, "a dry-run keeps nothing");
    assert_eq!(env.scalar_text(&format!("SELECT status FROM bookings WHERE id = {booking}")), status);

    // The stored plan, dry-run again by its id, reads the same: the first run kept nothing.
    let plan_id = json["plan_id"].as_str().unwrap();
    let again = env.run_as(ADMIN, ["dry-run", plan_id, "-o", "json"]).exit(0).json();
    assert_eq!(change(&changes(&again, 1), "status"), Some((Some("cancelled"), Some("refunded"))));
    assert_eq!(env.ops_checksum(), before);
}

#[test]
fn every_column_a_step_changes_is_shown_as_executing_it_changes_them() {
    let env = Env::new().with_demo_data();
    let booking = cancellable_paid_booking(&env);
    let prompt = format!("cancel booking {booking}");
    let json = env.run_as(ADMIN, ["dry-run", &prompt, "-o", "json"]).exit(0).json();
    let simulated = changes(&json, 0);
    let (cancelled_before, cancelled_after) =
        change(&simulated, "cancelled_at").expect("cancelled_at is shown");
    assert_eq!(cancelled_before, None);
    assert!(cancelled_after.is_some_and(|at| at.starts_with("20")), "{cancelled_after:?}");
    let human = env.run_as(ADMIN, ["dry-run", json["plan_id"].as_str().unwrap()]).exit(0);
    assert!(human.stdout.contains("cancelled_at"), "{}", human.stdout);

    // Executing the step changes exactly the columns the dry-run showed.
    let row_before = env.row("bookings", booking);
    let step = &env.plan_json(ADMIN, &prompt)["steps"][0];
    let (id, token) = (step["action_id"].as_str().unwrap(), step["confirmation_token"].as_str().unwrap());
    env.run_as(ADMIN, ["execute", id, "--token", token]).exit(0);
    let row_after = env.row("bookings", booking);
    let executed: Vec<&str> = row_before
        .iter()
        .zip(&row_after)
        .filter(|(before, after)| before.1 != after.1)
        .map(|(before, _)| before.0.as_str())
        .collect();
    let shown: Vec<&str> = simulated.iter().map(|(column, _, _)| column.as_str()).collect();
    assert_eq!(shown, executed);
}

#[test]
fn a_step_that_would_fail_exits_1_naming_it_and_the_steps_after_it_still_run() {
    let env = Env::new().with_demo_data();
    let booking = cancellable_paid_booking(&env);
    let scheduled =
        env.scalar_text(&format!("SELECT CAST(scheduled_at AS TEXT) FROM bookings WHERE id = {booking}"));
    let before = env.ops_checksum();
    // Planned against the stored booking, the reschedule is fine; after the
    // cancel before it, it no longer applies.
    let prompt = format!(
        "cancel booking {booking} and reschedule booking {booking} to 2026-12-20 10:00 and refund booking {booking}"
    );
    let planned = env.plan_json(ADMIN, &prompt);
    let actions: Vec<&str> =
        planned["steps"].as_array().unwrap().iter().map(|s| s["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["bookings.cancel", "bookings.reschedule", "bookings.refund"]);
    let run = env.run_as(ADMIN, ["dry-run", &prompt, "-o", "json"]).exit(1);
    let envelope = run.json();
    let error = envelope["error"].as_object().unwrap_or_else(|| panic!("{envelope}"));
    assert_eq!(envelope.as_object().unwrap().len(), 1, "only the error envelope: {envelope}");
    assert_eq!(error["code"], "conflict");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("(bookings.reschedule) would fail"), "{message}");
    assert!(!message.contains('\n'));
    assert_eq!(env.ops_checksum(), before);

    // On a terminal the whole simulation shows, then the one error line.
    let plan = env.scalar("SELECT MAX(id) FROM opsgate_plans");
    let reschedule = env.scalar(&format!(
        "SELECT id FROM opsgate_actions WHERE plan_id = {plan} AND action = 'bookings.reschedule'"
    ));
    assert!(message.starts_with(&format!("a{reschedule} ")), "names the step: {message}");
    let human = env.run_as(ADMIN, ["dry-run", &format!("p{plan}")]).exit(1);
    let error_lines: Vec<&str> = human.stderr.lines().collect();
    assert_eq!(error_lines.len(), 1, "{}", human.stderr);
    assert!(error_lines[0].starts_with(&format!("error: a{reschedule} (bookings.reschedule) would fail")));
    assert!(human.stdout.contains("WOULD FAIL"), "{}", human.stdout);

    // The failed step is undone on its own: the refund after it still sees the
    // cancel before it, and the schedule as it was.
    let yaml = env.run_as(ADMIN, ["dry-run", &format!("p{plan}"), "-o", "yaml"]).exit(1);
    let json = yaml_document(&yaml.stdout);
    assert!(simulation(&json, 1)["would_fail"].is_string());
    let refund = changes(&json, 2);
    assert_eq!(change(&refund, "status"), Some((Some("cancelled"), Some("refunded"))), "{json}");
    assert_eq!(change(&refund, "scheduled_at"), None);
    assert_eq!(env.ops_checksum(), before);
    assert_eq!(
        env.scalar_text(&format!("SELECT CAST(scheduled_at AS TEXT) FROM bookings WHERE id = {booking}")),
        scheduled
    );
}

#[test]
fn a_statement_the_database_refuses_fails_its_step_only_and_nothing_is_kept() {
    let env = Env::new().with_demo_data();
    let user = env.scalar("SELECT MIN(id) FROM users WHERE status = 'active'");
    let other = env.scalar(&format!("SELECT MIN(id) FROM users WHERE id > {user}"));
    let taken = env.scalar_text(&format!("SELECT email FROM users WHERE id = {other}"));
    let before = env.ops_checksum();
    // The unique e-mail refuses the update; on PostgreSQL that would abort the
    // whole transaction, and the delete after it would fail too.
    let prompt = format!("update email of user {user} to {taken} and delete user {user}");
    let run = env.run_as(ADMIN, ["dry-run", &prompt]).exit(1);
    assert!(run.stderr.contains("(users.update) would fail"), "{}", run.stderr);
    assert!(run.stdout.contains("WOULD FAIL"), "{}", run.stdout);
    let plan = env.scalar("SELECT MAX(id) FROM opsgate_plans");
    let json = env.run_as(ADMIN, ["dry-run", &format!("p{plan}"), "-o", "json"]).exit(1).json();
    assert_eq!(json["error"]["code"], "conflict", "{json}");
    let yaml = env.run_as(ADMIN, ["dry-run", &format!("p{plan}"), "-o", "yaml"]).exit(1);
    let json = yaml_document(&yaml.stdout);
    assert!(simulation(&json, 0)["would_fail"].is_string());
    assert_eq!(change(&changes(&json, 1), "status"), Some((Some("active"), Some("deleted"))), "{json}");
    assert_eq!(env.ops_checksum(), before);
    let audit = env
        .scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.dry_run' AND status = 'failed'");
    assert_eq!(audit, 3, "each failing dry-run is audited as failed");
}
