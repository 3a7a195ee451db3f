//! A request that moves money states its amount, or opsgate asks: shares,
//! words, figures without a currency, two amounts, negative or over-precise
//! amounts and another currency exit 7 and write nothing; a stated amount is
//! refunded exactly.

use crate::support::{Authenticator, Env};

const REQUESTER: &str = "senior_agent@example.com";
const APPROVER: &str = "manager@example.com";

fn refunded_cents(env: &Env) -> i64 {
    env.scalar("SELECT refunded_cents FROM bookings WHERE id = 142")
}

#[test]
fn an_amount_that_could_be_read_two_ways_is_asked_for_and_nothing_is_written() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let actions = env.scalar("SELECT COUNT(*) FROM opsgate_actions");
    let refused = env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.unplannable'");
    let prompts = [
        "refund half of booking 142",
        "refund 10% of booking 142",
        "refund booking 142 twenty euros",
        "refund booking 142 EUR 1.234,56",
        "refund booking 142 12.50",
        "refund booking 142 1,250 eur",
        "refund booking 142 12.505 eur",
        "refund booking 142 -5 eur",
        "partial refund for booking 142",
        "refund booking 142 in full, 20 eur",
        "refund 10 eur and 20 eur of booking 142",
        "refund booking 142 3/4",
        "reimburse a quarter of booking 142",
        "credit fifty euros to the wallet of user 3",
        "top up user 3 wallet by 12.5",
    ];
    for prompt in prompts {
        let run = env.run_as(REQUESTER, ["plan", prompt]).exit(7);
        let line = run.stderr.trim();
        assert!(!line.contains('\n'), "{prompt}: one line: {line}");
        assert!(line.contains("unclear") || line.contains("needs"), "{prompt}: {line}");
    }
    assert_eq!(env.ops_checksum(), before, "nothing written");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_actions"), actions, "nothing stored");
    let audited = env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'plan.unplannable'");
    assert!(
        audited - refused >= prompts.len() as i64 - 2,
        "refusals audited: {} of {}",
        audited - refused,
        prompts.len()
    );
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_refund_in_another_currency_than_the_bookings_is_asked_for() {
    let env = Env::new().with_demo_data();
    let currency = env.scalar_text("SELECT currency FROM bookings WHERE id = 142");
    let other = if currency == "USD" { "EUR" } else { "USD" };
    env.run_as(REQUESTER, ["plan", &format!("refund 5 {other} of booking 142")])
        .exit(7)
        .stderr_has(&format!("paid in {currency}, not {other}"));
    assert_eq!(refunded_cents(&env), 0);
}

#[test]
fn a_stated_partial_amount_is_refunded_exactly_in_minor_units() {
    let env = Env::new().with_demo_data();
    let currency = env.scalar_text("SELECT currency FROM bookings WHERE id = 142");
    let before = refunded_cents(&env);
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let mut approver = Authenticator::enroll(&env, APPROVER);
    let plan = env.plan_json(REQUESTER, &format!("refund 12.34 {currency} of booking 142"));
    let step = &plan["steps"][0];
    assert_eq!(step["params"]["amount_cents"], 1234, "{plan}");
    assert_eq!(step["status"], "pending_approval", "{plan}");
    let action = step["action_id"].as_str().unwrap();
    env.run_as(APPROVER, ["approve", action, "--yes", "--totp", &approver.next_code()]).exit(0);
    env.run_as(REQUESTER, ["execute", action, "--totp", &requester.next_code()]).exit(0);
    assert_eq!(refunded_cents(&env), before + 1234);
    assert_eq!(env.scalar_text("SELECT payment_status FROM bookings WHERE id = 142"), "partially_refunded");
}
