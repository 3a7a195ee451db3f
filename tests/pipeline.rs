//! The guarded pipeline through the real binary: plan, dry-run, execute,
//! tokens, denials and stale plans, on the test backend with the demo data set.

use serde_json::Value;

use crate::support::Env;

const ROLES: [&str; 8] =
    ["super_admin", "admin", "manager", "senior_agent", "agent", "support", "analyst", "viewer"];

fn first_id(env: &Env, sql: &str) -> i64 {
    env.scalar(sql)
}

/// Plans a one-step prompt and returns its action id and confirmation token.
fn planned_with_token(env: &Env, email: &str, prompt: &str) -> (String, String) {
    let plan = env.plan_json(email, prompt);
    let step = &plan["steps"][0];
    (step["action_id"].as_str().unwrap().to_owned(), step["confirmation_token"].as_str().unwrap().to_owned())
}

/// One prompt per write action of the built-in pack, valid against the demo data.
fn write_prompts(env: &Env) -> Vec<(&'static str, String)> {
    let pending_provider = first_id(env, "SELECT MIN(id) FROM providers WHERE status = 'pending'");
    let open_complaint =
        first_id(env, "SELECT MIN(id) FROM complaints WHERE status IN ('open', 'in_progress')");
    let pending_item = first_id(env, "SELECT MIN(id) FROM priority_queue WHERE status = 'pending'");
    let active_user = first_id(env, "SELECT MIN(id) FROM users WHERE status = 'active'");
    vec![
        ("bookings.reschedule", "reschedule booking 7 to 2026-12-20 10:00".into()),
        ("bookings.cancel", "cancel booking 7".into()),
        ("bookings.refund", "refund booking 142".into()),
        ("users.update", format!("update phone of user {active_user} to +49 151 2345 6789")),
        ("users.delete", format!("delete user {active_user}")),
        ("users.wallet_credit", format!("credit user {active_user} wallet with 15 eur")),
        ("providers.approve", format!("approve provider {pending_provider}")),
        ("providers.reject", format!("reject provider {pending_provider}")),
        ("providers.delete", "delete provider 3".into()),
        ("complaints.assign", format!("assign complaint {open_complaint} to agent@example.com")),
        ("complaints.resolve", format!("resolve complaint {open_complaint}")),
        ("complaints.escalate", format!("escalate complaint {open_complaint}")),
        ("priority_queue.review", format!("dismiss queue item {pending_item}")),
        ("metrics.export", "export revenue metrics for last month".into()),
        ("alerts.rule_update", "disable the sla_at_risk alert rule".into()),
        ("alerts.subscribe", "subscribe manager@example.com to sla_breached alerts".into()),
        ("config.set", "set config sla.buffer_hours to 2".into()),
        ("staff.set_role", "set role of agent@example.com to senior agent".into()),
        ("staff.deactivate", "deactivate staff viewer@example.com".into()),
    ]
}

#[test]
fn every_role_gets_the_design_decision_for_every_write_action() {
    let env = Env::new().with_demo_data();
    let seed = opsgate::rbac::ResolvedSeed::builtin();
    let catalog = opsgate::catalog::Catalog::builtin();
    let before = env.ops_checksum();
    for (action, prompt) in write_prompts(&env) {
        let permission = &catalog.get(action).unwrap().permission;
        for role in ROLES {
            let holds =
                seed.roles.iter().find(|r| r.name == role).unwrap().permissions.contains(permission.as_str());
            let run = env.run_as(&format!("{role}@example.com"), ["plan", &prompt, "-o", "json"]);
            let run = run.exit(if holds { 0 } else { 3 });
            let plan = run.json();
            let step = &plan["steps"][0];
            assert_eq!(step["action"], action, "{prompt}");
            assert_eq!(step["decision"], if holds { "allowed" } else { "denied" }, "{role} {action}");
            if !holds {
                assert_eq!(step["missing_permission"], permission.as_str(), "{role} {action}");
                assert_eq!(step["status"], "denied");
            } else {
                assert_eq!(step["payload_hash"].as_str().unwrap().len(), 64);
                assert_eq!(step["payload"]["kind"], "sql");
            }
        }
    }
    assert_eq!(env.ops_checksum(), before, "planning writes nothing to the ops tables");
}

#[test]
fn executing_a_denied_step_is_refused_with_exit_3() {
    let env = Env::new().with_demo_data();
    let plan = env.plan_json("viewer@example.com", "refund booking 142");
    let step = &plan["steps"][0];
    assert_eq!(step["missing_permission"], "bookings.refund");
    let id = step["action_id"].as_str().unwrap();
    env.run_as("viewer@example.com", ["execute", id]).exit(3).stderr_has("lacks `bookings.refund`");
}

#[test]
fn without_a_terminal_or_a_token_nothing_is_written() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let plan = env.plan_json("admin@example.com", "cancel booking 7");
    let id = plan["steps"][0]["action_id"].as_str().unwrap().to_owned();
    env.run_as("admin@example.com", ["execute", &id]).exit(4).stderr_has("needs confirmation");
    env.run_as("admin@example.com", ["execute", "cancel booking 7"]).exit(4);
    let json = env.run_as("admin@example.com", ["execute", &id, "-o", "json"]).exit(4).json();
    assert_eq!(json["error"]["code"], "needs_confirmation");
    assert_eq!(env.ops_checksum(), before);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'execute.blocked'"), 3);
}

#[test]
fn a_token_executes_once_and_every_misuse_is_exit_5_and_audited() {
    let env = Env::new().with_demo_data();
    let (id, token) = planned_with_token(&env, "admin@example.com", "cancel booking 7");

    env.run_as("agent@example.com", ["execute", &id, "--token", &token]).exit(5).stderr_has("someone else");
    env.run_as("admin@example.com", ["execute", &id, "--token", "ogt1.1.2.3.4"])
        .exit(5)
        .stderr_has("malformed");
    let flipped = if token.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{flipped}", &token[..token.len() - 1]);
    env.run_as("admin@example.com", ["execute", &id, "--token", &forged]).exit(5);

    env.run_as("admin@example.com", ["execute", &id, "--token", &token]).exit(0).stdout_has("succeeded");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM bookings WHERE id = 7 AND status = 'cancelled'"), 1);
    env.run_as("admin@example.com", ["execute", &id, "--token", &token]).exit(5).stderr_has("already used");
    let show = env.run_as("admin@example.com", ["show", &id, "-o", "json"]).exit(0).json();
    assert_eq!(show["status"], "succeeded");

    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'token.rejected'"), 4);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'action.executed'"), 1);
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_token_for_an_altered_payload_is_refused() {
    let env = Env::new().with_demo_data();
    let (id, token) = planned_with_token(&env, "admin@example.com", "cancel booking 7");
    let number: i64 = id[1..].parse().unwrap();
    // Someone with database access points the reviewed payload at another booking.
    env.sql(&format!(
        "UPDATE opsgate_actions SET payload = REPLACE(payload, '{{\"type\":\"int\",\"value\":7}}', '{{\"type\":\"int\",\"value\":8}}') WHERE id = {number}"
    ))
    .unwrap();
    let before = env.ops_checksum();
    env.run_as("admin@example.com", ["execute", &id, "--token", &token]).exit(5).stderr_has("changed");
    assert_eq!(env.ops_checksum(), before);
}

#[test]
fn an_expired_token_is_refused() {
    let env = Env::new().with_demo_data();
    env.sql("INSERT INTO ops_config (key, value, description, updated_at) VALUES ('confirm.token_ttl_seconds', '1', 'test', '2026-01-01T00:00:00+00:00')")
        .unwrap();
    let (id, token) = planned_with_token(&env, "admin@example.com", "cancel booking 7");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    env.run_as("admin@example.com", ["execute", &id, "--token", &token]).exit(5).stderr_has("expired");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM bookings WHERE id = 7 AND status = 'cancelled'"), 0);
}

#[test]
fn a_plan_whose_target_changed_is_stale() {
    let env = Env::new().with_demo_data();
    let (id, token) = planned_with_token(&env, "admin@example.com", "cancel booking 7");
    env.sql("UPDATE bookings SET status = 'pending' WHERE id = 7").unwrap();
    env.run_as("admin@example.com", ["execute", &id, "--token", &token])
        .exit(1)
        .stderr_has("booking 7 changed since plan");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM bookings WHERE id = 7 AND status = 'pending'"), 1);
    let show = env.run_as("admin@example.com", ["show", &id, "-o", "json"]).exit(0).json();
    assert_eq!(show["status"], "expired");
}

#[test]
fn steps_needing_approval_answer_exit_4() {
    let env = Env::new().with_demo_data();
    let plan = env.plan_json("senior_agent@example.com", "refund booking 142");
    let step = &plan["steps"][0];
    assert_eq!(step["status"], "pending_approval");
    assert_eq!(step["requires"], "approval");
    assert_eq!(step["second_factor"], true);
    assert!(step.get("confirmation_token").is_none());
    let id = step["action_id"].as_str().unwrap();
    env.run_as("senior_agent@example.com", ["execute", id]).exit(4).stderr_has("needs approval");
}

#[test]
fn dry_run_leaves_the_database_unchanged() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    let prompt = format!("cancel booking 7 and escalate complaint {open}");
    let run = env.run_as("admin@example.com", ["dry-run", &prompt, "-o", "json"]).exit(0);
    let json = run.json();
    let simulation = &json["simulations"][0]["simulation"];
    assert_eq!(simulation["rows_affected"], serde_json::json!([1, 1]));
    let status = simulation["changes"].as_array().unwrap().iter().find(|c| c["column"] == "status").unwrap();
    assert_eq!(status["after"], "cancelled");
    let human = env.run_as("admin@example.com", ["dry-run", json["plan_id"].as_str().unwrap()]).exit(0);
    assert!(human.stdout.contains("rolled back"), "{}", human.stdout);
    assert_eq!(env.ops_checksum(), before);
}

#[test]
fn sql_in_a_prompt_only_ever_reaches_the_database_as_a_bound_value() {
    let env = Env::new().with_demo_data();
    let bookings = env.scalar("SELECT COUNT(*) FROM bookings");
    let prompt = "refund booking 7; DROP TABLE bookings";
    let plan = env.plan_json("senior_agent@example.com", prompt);
    let step = &plan["steps"][0];
    assert_eq!(step["action"], "bookings.refund");
    // A full refund is planned with the amount it will pay, read from the booking.
    let amount = env.scalar("SELECT amount_cents FROM bookings WHERE id = 7");
    assert_eq!(step["params"], serde_json::json!({"booking_id": 7, "amount_cents": amount}));
    for statement in step["payload"]["statements"].as_array().unwrap() {
        assert!(!statement["sql"].as_str().unwrap().to_uppercase().contains("DROP"));
    }
    assert_eq!(env.scalar("SELECT COUNT(*) FROM bookings"), bookings);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans WHERE prompt LIKE '%DROP TABLE%'"), 1);
}

#[test]
fn out_of_scope_prompts_exit_7_with_the_closest_actions() {
    let env = Env::new().with_demo_data();
    let run = env.run_as("admin@example.com", ["plan", "what's the weather in Paris"]).exit(7);
    assert!(run.stderr.contains("closest actions"), "{}", run.stderr);
    env.run_as("admin@example.com", ["plan", "refund the booking"]).exit(7).stderr_has("booking_id");
    let json = env.run_as("admin@example.com", ["plan", "sing me a song", "-o", "json"]).exit(7).json();
    assert_eq!(json["error"]["code"], "unplannable");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.unplannable'"), 3);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), 0);
}

#[test]
fn a_missing_row_is_a_one_line_error() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["plan", "cancel booking 999999"])
        .exit(1)
        .stderr_has("booking 999999 does not exist");
}

#[test]
fn without_ai_use_nothing_is_planned() {
    let env = Env::new().with_demo_data();
    env.sql("DELETE FROM role_permissions WHERE permission_id = (SELECT id FROM permissions WHERE name = 'ai.use') AND role_id = (SELECT id FROM roles WHERE name = 'viewer')").unwrap();
    env.run_as("viewer@example.com", ["plan", "list bookings"]).exit(3).stderr_has("ai.use");
}

#[test]
fn people_without_full_access_see_masked_pii() {
    let env = Env::new().with_demo_data();
    let prompt = "update phone of user 12 to +49 151 2345 6789";
    let viewer: Value = env.plan_json("viewer@example.com", prompt);
    assert_eq!(viewer["steps"][0]["params"]["phone"], "+49*******6789");
    assert!(!viewer.to_string().contains("2345 6789"));
    let manager: Value = env.plan_json("manager@example.com", prompt);
    assert_eq!(manager["steps"][0]["params"]["phone"], "+4915123456789");
}

#[test]
fn history_and_show_follow_who_may_see_what() {
    let env = Env::new().with_demo_data();
    let plan = env.plan_json("agent@example.com", "cancel booking 7");
    let plan_id = plan["plan_id"].as_str().unwrap();
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    env.plan_json("admin@example.com", &format!("escalate complaint {open}"));
    let mine = env.run_as("agent@example.com", ["history", "-o", "json"]).exit(0).json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    env.run_as("agent@example.com", ["history", "--all"]).exit(3).stderr_has("ops.audit.view");
    let all = env.run_as("analyst@example.com", ["history", "--all", "-o", "json"]).exit(0).json();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let pending = env
        .run_as(
            "analyst@example.com",
            [
                "history",
                "--all",
                "--status",
                "pending_confirmation",
                "--action",
                "bookings.cancel",
                "-o",
                "json",
            ],
        )
        .exit(0)
        .json();
    assert_eq!(pending.as_array().unwrap().len(), 1);
    env.run_as("viewer@example.com", ["show", plan_id]).exit(3);
    env.run_as("agent@example.com", ["show", plan_id]).exit(0).stdout_has("bookings.cancel");
    env.run_as("agent@example.com", ["show", "p999"]).exit(1).stderr_has("no plan p999");
}

#[test]
fn the_catalog_lists_what_i_may_do() {
    let env = Env::new().seeded();
    let all = env.run(["actions", "-o", "json"]).exit(0).json();
    assert_eq!(all.as_array().unwrap().len(), 40, "the 39 actions of DESIGN.md and complaints.get");
    let mine = env.run_as("support@example.com", ["actions", "--mine", "-o", "json"]).exit(0).json();
    let names: Vec<&str> = mine.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"complaints.resolve") && !names.contains(&"bookings.refund"), "{names:?}");
    env.run(["actions", "show", "bookings.refund"])
        .exit(0)
        .stdout_has("approval + second factor")
        .stdout_has("\"booking_id\"");
    env.run(["actions", "show", "bookings.fly"]).exit(1).stderr_has("unknown action");
}
