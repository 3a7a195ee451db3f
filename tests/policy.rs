//! Policy rules through the real binary: validated and audited when applied,
//! each effect when planning and again before execution, `policy test` agreeing
//! with `plan`, and a cap that holds across processes.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::{Authenticator, Env};

const SUPER: &str = "super_admin@example.com";
const REQUESTER: &str = "senior_agent@example.com";
const APPROVER: &str = "manager@example.com";
const OPEN: &str = "SELECT MIN(id) FROM complaints WHERE status = 'open'";

/// Writes `text` as `name` in the test's config directory and returns its path.
fn rule_file(env: &Env, name: &str, text: &str) -> String {
    let path = env.config_dir().join(name);
    std::fs::create_dir_all(env.config_dir()).unwrap();
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn apply(env: &Env, name: &str, text: &str) -> String {
    let path = rule_file(env, name, text);
    env.run_as(SUPER, ["policy", "apply", &path]).exit(0);
    path
}

fn first_step(plan: &Value) -> &Value {
    &plan["steps"][0]
}

fn action_id(plan: &Value) -> String {
    first_step(plan)["action_id"].as_str().unwrap().to_owned()
}

/// A paid booking whose full refund is at least `cents`, other than `except`.
fn paid_booking(env: &Env, cents: i64, except: &[i64]) -> i64 {
    let except: Vec<String> = except.iter().map(i64::to_string).collect();
    let except = if except.is_empty() { "0".to_owned() } else { except.join(", ") };
    env.scalar(&format!(
        "SELECT MIN(id) FROM bookings WHERE payment_status = 'paid' AND refunded_cents = 0 \
         AND amount_cents >= {cents} AND id NOT IN ({except})"
    ))
}

fn small_paid_booking(env: &Env) -> i64 {
    env.scalar(
        "SELECT MIN(id) FROM bookings WHERE payment_status = 'paid' AND refunded_cents = 0 \
         AND amount_cents BETWEEN 100 AND 5000",
    )
}

fn status(env: &Env, action: &str) -> String {
    env.run_as("admin@example.com", ["show", action, "-o", "json"]).exit(0).json()["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn audit_count(env: &Env, event: &str) -> i64 {
    env.scalar(&format!("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = '{event}'"))
}

const TWO_FOR_BIG_REFUNDS: &str = "\
rules:
  - name: big-refunds-need-two
    action: bookings.refund            # exact name or glob (bookings.*)
    when: \"params.amount_cents > 10000\"
    require: { approvals: 2, second_factor: true }
";

#[test]
fn a_rule_file_is_validated_before_anything_is_stored_and_each_error_is_located() {
    let env = Env::new().with_demo_data();
    let cases = [
        (
            "loosen.yaml",
            "rules:\n  - name: fewer\n    action: bookings.refund\n    require: { approvals: 0 }\n",
            "4:",
        ),
        ("none.yaml", "rules:\n  - name: free\n    action: bookings.cancel\n    require: none\n", "4:"),
        ("field.yaml", "rules:\n  - name: typo\n    actoin: bookings.refund\n    deny: no\n", "3:5"),
        ("glob.yaml", "rules:\n  - name: nothing\n    action: \"tickets.*\"\n    deny: no\n", "3:"),
        (
            "expr.yaml",
            "rules:\n  - name: broken\n    action: bookings.refund\n    when: \"params.amount_cents >> 3\"\n    deny: no\n",
            "4:",
        ),
        (
            "var.yaml",
            "rules:\n  - name: who\n    action: bookings.refund\n    when: \"customer.vip\"\n    deny: no\n",
            "4:",
        ),
        (
            "param.yaml",
            "rules:\n  - name: what\n    action: bookings.refund\n    when: \"params.amount > 1\"\n    deny: no\n",
            "4:",
        ),
        (
            "two.yaml",
            "rules:\n  - name: both\n    action: bookings.refund\n    deny: no\n    require: confirm\n",
            "2:",
        ),
        ("yaml.yaml", "rules:\n  - name: [unclosed\n", "2:"),
    ];
    for (name, text, location) in cases {
        let path = rule_file(&env, name, text);
        let run = env.run_as(SUPER, ["policy", "apply", &path]).exit(1);
        let message = run.stderr.clone();
        assert!(message.contains(&format!("{name}:{location}")), "{name}: expected {location} in {message}");
        assert_eq!(message.trim().lines().count(), 1, "{name}: not one line: {message}");
    }
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_policy_sets"), 0);
    assert_eq!(audit_count(&env, "policy.invalid"), cases.len() as i64);
}

#[test]
fn only_system_admin_applies_rules_and_the_file_is_audited_with_its_sha256() {
    let env = Env::new().with_demo_data();
    let path = rule_file(&env, "rules.yaml", TWO_FOR_BIG_REFUNDS);
    env.run_as("admin@example.com", ["policy", "apply", &path]).exit(3).stderr_has("system.admin");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_policy_sets"), 0);
    assert_eq!(audit_count(&env, "policy.denied"), 1);

    let applied = env.run_as(SUPER, ["policy", "apply", &path, "-o", "json"]).exit(0).json();
    let sha: String =
        Sha256::digest(TWO_FOR_BIG_REFUNDS.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(applied["sha256"], sha);
    let details = env.scalar_text("SELECT payload FROM opsgate_audit_log WHERE event = 'policy.applied'");
    assert!(details.contains(&sha), "{details}");
    assert!(details.contains("big-refunds-need-two"), "{details}");

    let shown = env.run_as("analyst@example.com", ["policy", "show"]).exit(0);
    assert!(shown.stdout.contains("big-refunds-need-two"));
    // Applying again replaces the set; the newest one is in force.
    apply(&env, "empty.yaml", "rules: []\n");
    let shown = env.run_as(SUPER, ["policy", "show", "-o", "json"]).exit(0).json();
    assert_eq!(shown["rules"].as_array().map(Vec::len), Some(0), "{shown}");
}

#[test]
fn two_approvals_and_a_second_factor_when_planning_and_policy_test_agrees() {
    let env = Env::new().with_demo_data();
    let path = apply(&env, "rules.yaml", TWO_FOR_BIG_REFUNDS);
    let big = paid_booking(&env, 20000, &[]);
    let small = small_paid_booking(&env);

    for (booking, approvals, rules) in [(big, 2, 1), (small, 1, 0)] {
        let plan = env.plan_json(REQUESTER, &format!("refund booking {booking}"));
        let step = first_step(&plan);
        assert_eq!(step["approvals"], approvals, "{step}");
        assert_eq!(step["second_factor"], true);
        assert_eq!(step["rules"].as_array().map_or(0, Vec::len), rules, "{step}");
        let judged = env
            .run_as(
                REQUESTER,
                [
                    "policy",
                    "test",
                    &path,
                    "--action",
                    "bookings.refund",
                    "--params",
                    &format!("{{\"booking_id\": {booking}}}"),
                    "-o",
                    "json",
                ],
            )
            .exit(0)
            .json();
        for field in ["decision", "requires", "approvals", "second_factor", "params"] {
            assert_eq!(judged[field], step[field], "policy test and plan differ on {field}");
        }
    }
    // `policy test` wrote nothing.
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), 2);
}

#[test]
fn two_approvals_are_collected_before_the_refund_runs() {
    let env = Env::new().with_demo_data();
    apply(&env, "rules.yaml", TWO_FOR_BIG_REFUNDS);
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let mut manager = Authenticator::enroll(&env, APPROVER);
    let mut admin = Authenticator::enroll(&env, "admin@example.com");
    let booking = paid_booking(&env, 20000, &[]);
    let action = action_id(&env.plan_json(REQUESTER, &format!("refund booking {booking}")));

    env.run_as(APPROVER, ["approve", &action, "--yes", "--totp", &manager.next_code()]).exit(0);
    assert_eq!(status(&env, &action), "pending_approval");
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()]).exit(4);
    env.run_as("admin@example.com", ["approve", &action, "--yes", "--totp", &admin.next_code()]).exit(0);
    assert_eq!(status(&env, &action), "approved");
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(0)
        .stdout_has("succeeded");
    assert_eq!(
        env.scalar(&format!("SELECT refunded_cents - amount_cents FROM bookings WHERE id = {booking}")),
        0
    );
}

#[test]
fn a_rule_applied_after_planning_holds_before_execution() {
    let env = Env::new().with_demo_data();
    let cancellable: Vec<i64> = (0..3)
        .map(|skip| {
            env.scalar(&format!(
                "SELECT id FROM bookings WHERE status IN ('pending', 'confirmed') ORDER BY id LIMIT 1 OFFSET {skip}"
            ))
        })
        .collect();
    let [frozen, approved, coded] = [cancellable[0], cancellable[1], cancellable[2]];
    let before = env.ops_checksum();
    let denied = env.plan_json("admin@example.com", &format!("cancel booking {frozen}"));
    let approval = env.plan_json("admin@example.com", &format!("cancel booking {approved}"));
    let second_factor = env.plan_json("admin@example.com", &format!("cancel booking {coded}"));
    apply(
        &env,
        "later.yaml",
        &format!(
            "rules:
  - name: freeze-one
    action: bookings.cancel
    when: \"params.booking_id == {frozen}\"
    deny: \"this booking is frozen for an investigation\"
  - name: another-needs-a-second-person
    action: bookings.cancel
    when: \"params.booking_id == {approved}\"
    require: approval
  - name: another-needs-a-code
    action: bookings.cancel
    when: \"params.booking_id == {coded}\"
    require: {{ second_factor: true }}
"
        ),
    );
    let token = |plan: &Value| first_step(plan)["confirmation_token"].as_str().unwrap().to_owned();
    env.run_as("admin@example.com", ["execute", &action_id(&denied), "--token", &token(&denied)])
        .exit(3)
        .stderr_has("freeze-one");
    env.run_as("admin@example.com", ["execute", &action_id(&approval), "--token", &token(&approval)])
        .exit(4)
        .stderr_has("plan it again");
    env.run_as(
        "admin@example.com",
        ["execute", &action_id(&second_factor), "--token", &token(&second_factor)],
    )
    .exit(5)
    .stderr_has("second factor");
    assert_eq!(env.ops_checksum(), before);

    // Planned now, the same requests carry the rules from the start.
    env.run_as("admin@example.com", ["plan", &format!("cancel booking {frozen}")])
        .exit(3)
        .stdout_has("DENIED: policy rule `freeze-one`");
    let plan = env.plan_json("admin@example.com", &format!("cancel booking {approved}"));
    assert_eq!(first_step(&plan)["status"], "pending_approval", "{plan}");
    assert_eq!(first_step(&plan)["rules"][0], "another-needs-a-second-person");
}

#[test]
fn a_rule_can_require_confirmation_for_a_read() {
    let env = Env::new().with_demo_data();
    apply(
        &env,
        "reads.yaml",
        "rules:\n  - name: exports-are-confirmed\n    action: users.get\n    require: confirm\n",
    );
    let plan = env.plan_json("admin@example.com", "show user 12");
    let step = first_step(&plan);
    assert_eq!(step["action"], "users.get", "{plan}");
    assert_eq!(step["requires"], "confirm");
    assert!(step["confirmation_token"].is_string(), "{step}");
    env.run_as("admin@example.com", ["execute", &action_id(&plan)]).exit(4);
}

#[test]
fn agent_rules_deny_the_agent_and_not_the_person_and_read_the_target() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["agent", "add", "night-bot", "--model", "none", "--tier", "write"])
        .exit(0);
    apply(
        &env,
        "agents.yaml",
        "rules:
  - name: no-writes-by-agents
    actor: agent
    risk: [write, destructive, financial, admin]
    when: \"now.hour >= 0\"
    deny: \"agents do not write here\"
  - name: no-cancelling-paid-bookings
    action: bookings.cancel
    when: \"target.payment_status == 'paid'\"
    deny: \"a paid booking is refunded, not cancelled\"
",
    );
    let open = env.scalar(OPEN);
    let escalate = format!("escalate complaint {open}");
    let run =
        env.run_as("admin@example.com", ["plan", &escalate, "--agent", "night-bot", "-o", "json"]).exit(3);
    let text = run.json().to_string();
    assert!(text.contains("no-writes-by-agents") && text.contains("agents do not write here"), "{text}");
    env.run_as("admin@example.com", ["plan", "show booking 7", "--agent", "night-bot"]).exit(0);
    env.run_as("admin@example.com", ["plan", &escalate]).exit(0);

    let paid =
        env.scalar("SELECT MIN(id) FROM bookings WHERE payment_status = 'paid' AND status = 'confirmed'");
    let unpaid = env.scalar(
        "SELECT MIN(id) FROM bookings WHERE payment_status NOT IN ('paid', 'refunded', 'partially_refunded') \
         AND status = 'confirmed'",
    );
    env.run_as("admin@example.com", ["plan", &format!("cancel booking {paid}")])
        .exit(3)
        .stdout_has("no-cancelling-paid-bookings");
    env.run_as("admin@example.com", ["plan", &format!("cancel booking {unpaid}")]).exit(0);
}

#[test]
fn a_rate_per_agent_is_counted_across_processes() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["agent", "add", "busy-bot", "--model", "none", "--tier", "write"])
        .exit(0);
    apply(
        &env,
        "rate.yaml",
        "rules:\n  - name: agents-slow-down\n    actor: agent\n    action: \"bookings.*\"\n    rate: { max: 2, per: minute }\n",
    );
    for booking in [3, 4] {
        env.run_as("admin@example.com", ["plan", &format!("show booking {booking}"), "--agent", "busy-bot"])
            .exit(0);
    }
    let over = env
        .run_as("admin@example.com", ["plan", "show booking 5", "--agent", "busy-bot", "-o", "json"])
        .exit(6)
        .json();
    assert_eq!(over["error"]["code"], "rate_limited");
    assert!(over["error"]["message"].as_str().unwrap().contains("agents-slow-down"), "{over}");
    assert_eq!(audit_count(&env, "plan.rate_limited"), 1);
    // Other actions and the person alone are not slowed down.
    env.run_as("admin@example.com", ["plan", "list open complaints", "--agent", "busy-bot"]).exit(0);
    env.run_as("admin@example.com", ["plan", "show booking 5"]).exit(0);
}

#[test]
fn a_cap_holds_across_two_processes_executing_at_once() {
    let env = Env::new().with_demo_data();
    apply(
        &env,
        "cap.yaml",
        "rules:\n  - name: refund-cap\n    action: bookings.refund\n    cap: { sum: params.amount_cents, per: person, period: day, max: 50000 }\n",
    );
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let mut approver = Authenticator::enroll(&env, APPROVER);
    let first = paid_booking(&env, 30000, &[]);
    let second = paid_booking(&env, 30000, &[first]);
    let third = paid_booking(&env, 30000, &[first, second]);
    let actions: Vec<String> = [first, second]
        .iter()
        .map(|booking| action_id(&env.plan_json(REQUESTER, &format!("refund booking {booking}"))))
        .collect();
    for action in &actions {
        env.run_as(APPROVER, ["approve", action, "--yes", "--totp", &approver.next_code()]).exit(0);
    }
    // Each process gets its own code, and codes are accepted in order only: the
    // second starts once the first has spent its code, while the first runs.
    let spent = || {
        env.scalar(&format!("SELECT COALESCE(MAX(x.totp_last_step), 0) FROM staff s LEFT JOIN opsgate_staff_secrets x ON x.staff_id = s.id WHERE s.email = '{REQUESTER}'"))
    };
    let mut children = Vec::new();
    for action in &actions {
        let before = spent();
        let mut command = env.std_command();
        command
            .args(["--as", REQUESTER, "execute", action, "--totp", &requester.next_code()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while spent() == before && std::time::Instant::now() < deadline && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        children.push(child);
    }
    let outcomes: Vec<_> = children.into_iter().map(|child| child.wait_with_output().unwrap()).collect();
    let codes: Vec<i32> = outcomes.iter().map(|out| out.status.code().unwrap_or(-1)).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, vec![0, 3], "{outcomes:?}");
    let refused = &outcomes[codes.iter().position(|code| *code == 3).unwrap()];
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refund-cap"), "{refused:?}");
    let refunded = env.scalar(&format!(
        "SELECT COUNT(*) FROM bookings WHERE id IN ({first}, {second}) AND refunded_cents > 0"
    ));
    assert_eq!(refunded, 1);

    // What ran counts against the next plan.
    env.run_as(REQUESTER, ["plan", &format!("refund booking {third}")]).exit(3).stdout_has("refund-cap");
    // Another person has a cap of their own.
    let plan = env.plan_json("admin@example.com", &format!("refund booking {third}"));
    assert_eq!(first_step(&plan)["decision"], "allowed");
}

#[test]
fn a_rate_applied_after_planning_holds_when_executing() {
    let env = Env::new().with_demo_data();
    let bookings: Vec<i64> = (0..2)
        .map(|skip| {
            env.scalar(&format!(
                "SELECT id FROM bookings WHERE status IN ('pending', 'confirmed') ORDER BY id LIMIT 1 OFFSET {skip}"
            ))
        })
        .collect();
    let plans: Vec<Value> = bookings
        .iter()
        .map(|id| env.plan_json("admin@example.com", &format!("cancel booking {id}")))
        .collect();
    apply(
        &env,
        "rate.yaml",
        "rules:\n  - name: one-cancel-a-minute\n    action: bookings.cancel\n    rate: { max: 1, per: minute, by: person }\n",
    );
    let run = |plan: &Value| {
        let token = first_step(plan)["confirmation_token"].as_str().unwrap().to_owned();
        env.run_as("admin@example.com", ["execute", &action_id(plan), "--token", &token, "-o", "json"])
    };
    run(&plans[0]).exit(0);
    let over = run(&plans[1]).exit(6).json();
    assert_eq!(over["error"]["code"], "rate_limited");
    assert!(over["error"]["message"].as_str().unwrap().contains("one-cancel-a-minute"), "{over}");
    assert_eq!(audit_count(&env, "execute.rate_limited"), 1);
    assert_eq!(
        env.scalar(&format!(
            "SELECT COUNT(*) FROM bookings WHERE id = {} AND status = 'cancelled'",
            bookings[1]
        )),
        0
    );
}
