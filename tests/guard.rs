//! One guard: masking for the reader on every output path, conflicts found
//! when planning, and budgets that hold across processes and surfaces.

use crate::support::{Env, times_are_intact};

const OPEN: &str = "SELECT MIN(id) FROM complaints WHERE status = 'open'";
const RESOLVED: &str = "SELECT MIN(id) FROM complaints WHERE status = 'resolved'";

#[test]
fn an_analyst_reads_the_audit_log_without_customer_contacts() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["plan", "update phone of user 12 to +49 151 2345 6789"]).exit(0);
    env.run_as("admin@example.com", ["plan", "update email of user 12 to jane.doe@example.org"]).exit(0);
    let secrets = ["2345 6789", "+4915123456789", "jane.doe@example.org"];
    for args in [
        vec!["audit", "query", "-o", "json"],
        vec!["audit", "query", "--format", "jsonl"],
        vec!["audit", "query", "--limit", "10"],
    ] {
        let run = env.run_as("analyst@example.com", &args).exit(0);
        for secret in secrets {
            assert!(!run.stdout.contains(secret), "{args:?} shows {secret}:\n{}", run.stdout);
        }
        times_are_intact(&run.stdout);
        // Staff identities stay readable: they are the trail, not customer data.
        assert!(run.stdout.contains("admin@example.com"), "{args:?}");
    }
    // Someone with full access sees what was asked.
    let admin = env.run_as("admin@example.com", ["audit", "query", "-o", "json"]).exit(0);
    assert!(admin.stdout.contains("jane.doe@example.org"));
}

#[test]
fn an_agent_role_dry_run_does_not_show_the_contact_it_overwrites() {
    let env = Env::new().with_demo_data();
    let old_phone = env.scalar_text("SELECT phone FROM users WHERE id = 12");
    let old_digits: String = old_phone.chars().filter(char::is_ascii_digit).collect();
    assert!(old_digits.len() >= 8, "user 12 has a phone in the demo");
    for output in ["table", "json", "yaml"] {
        let run = env
            .run_as(
                "agent@example.com",
                ["dry-run", "update phone of user 12 to +49 151 2345 6789", "-o", output],
            )
            .exit(0);
        let shown: String = run.stdout.chars().filter(char::is_ascii_digit).collect();
        assert!(!shown.contains(&old_digits), "{output} shows the old phone {old_phone}:\n{}", run.stdout);
        assert!(!run.stdout.contains("2345 6789"), "{output}");
        times_are_intact(&run.stdout);
    }
    let show = env.run_as("agent@example.com", ["show", "p1", "-o", "json"]).exit(0);
    assert!(!show.stdout.contains("2345 6789"));
    let history = env.run_as("agent@example.com", ["history"]).exit(0);
    assert!(!history.stdout.contains("2345 6789"));
}

#[test]
fn a_write_whose_target_does_not_allow_it_is_a_conflict_when_planning() {
    let env = Env::new().with_demo_data();
    let resolved = env.scalar(RESOLVED);
    let cancelled = env.scalar("SELECT MIN(id) FROM bookings WHERE status = 'cancelled'");
    let plans_before = env.scalar("SELECT COUNT(*) FROM opsgate_plans");
    for prompt in [
        format!("escalate complaint {resolved}"),
        format!("resolve complaint {resolved}"),
        format!("cancel booking {cancelled}"),
    ] {
        let run = env.run_as("admin@example.com", ["plan", &prompt, "-o", "json"]).exit(1);
        assert_eq!(run.json()["error"]["code"], "conflict", "{prompt}: {}", run.stdout);
    }
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), plans_before, "nothing stored");
    assert!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.conflict'") >= 3);
    let open = env.scalar(OPEN);
    env.run_as("admin@example.com", ["plan", &format!("escalate complaint {open}")]).exit(0);
}

#[test]
fn an_agent_over_its_mutation_budget_is_refused_across_processes() {
    let env = Env::new().with_demo_data();
    env.run_as(
        "admin@example.com",
        ["agent", "add", "cron-bot", "--model", "none", "--tier", "write", "--daily-mutations", "1"],
    )
    .exit(0);
    let open = env.scalar(OPEN);
    let escalate = format!("escalate complaint {open}");
    let first =
        env.run_as("admin@example.com", ["plan", &escalate, "--agent", "cron-bot", "-o", "json"]).exit(0);
    assert_eq!(first.json()["steps"][0]["decision"], "allowed");
    // A second process: the budget is counted in the database.
    let over =
        env.run_as("admin@example.com", ["plan", &escalate, "--agent", "cron-bot", "-o", "json"]).exit(6);
    assert_eq!(over.json()["error"]["code"], "rate_limited");
    assert!(over.json()["error"]["message"].as_str().unwrap().contains("cron-bot"));
    // Reads are not mutations, but they still count as tool calls, and still pass.
    env.run_as("admin@example.com", ["plan", "show booking 7", "--agent", "cron-bot"]).exit(0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.over_budget'"), 1);
    // The person alone is not limited by the agent's budget.
    env.run_as("admin@example.com", ["plan", &escalate]).exit(0);
}

#[test]
fn an_agent_over_its_tool_call_budget_is_refused_by_ask() {
    let env = Env::new().with_demo_data();
    env.run_as(
        "admin@example.com",
        ["agent", "add", "asker", "--model", "none", "--tier", "read", "--daily-tool-calls", "1"],
    )
    .exit(0);
    env.run_as("admin@example.com", ["ask", "show booking 7", "--agent", "asker"]).exit(0);
    env.run_as("admin@example.com", ["ask", "show booking 8", "--agent", "asker"]).exit(6);
}

#[test]
fn a_read_tier_agent_gets_a_visible_denial_for_a_write() {
    let env = Env::new().with_demo_data();
    env.run_as("admin@example.com", ["agent", "add", "reader", "--model", "none", "--tier", "read"]).exit(0);
    let open = env.scalar(OPEN);
    let run = env
        .run_as(
            "admin@example.com",
            ["plan", &format!("escalate complaint {open}"), "--agent", "reader", "-o", "json"],
        )
        .exit(3);
    let step = &run.json()["steps"][0];
    assert_eq!(step["decision"], "denied");
    assert!(step["denial"].as_str().unwrap().contains("read tier"), "{step}");
    // It is recorded as the agent acting for the person.
    assert!(env.scalar("SELECT COUNT(*) FROM opsgate_actions WHERE agent = 'reader'") >= 1);
}
