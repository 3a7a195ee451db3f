//! The rules planner against prompts written the way people type them.

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use super::{Planner, RulesPlanner};
use crate::catalog::Catalog;
use crate::error::Error;

fn plan(prompt: &str) -> Result<Vec<(String, Value)>, Error> {
    let catalog = Catalog::builtin();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap().with_timezone(&chrono_tz::Tz::UTC);
    RulesPlanner::new(catalog)
        .propose(prompt, catalog, now)
        .map(|p| p.steps.into_iter().map(|s| (s.action, s.params)).collect())
}

/// (prompt, action, parameters that must be present with these values)
const CORPUS: &[(&str, &str, &str)] = &[
    ("refund booking 1042", "bookings.refund", r#"{"booking_id":1042}"#),
    ("Refund #1042", "bookings.refund", r#"{"booking_id":1042}"#),
    ("please refund order no. 77", "bookings.refund", r#"{"booking_id":77}"#),
    ("reimburse reservation 12", "bookings.refund", r#"{"booking_id":12}"#),
    ("give the customer their money back for booking 301", "bookings.refund", r#"{"booking_id":301}"#),
    ("refund 25 eur of booking 88", "bookings.refund", r#"{"booking_id":88,"amount_cents":2500}"#),
    ("refund booking 88 €12.50", "bookings.refund", r#"{"booking_id":88,"amount_cents":1250}"#),
    ("cancel booking 5", "bookings.cancel", r#"{"booking_id":5}"#),
    ("Cancel reservation #19 because the customer is sick", "bookings.cancel", r#"{"booking_id":19}"#),
    ("call off appointment 44", "bookings.cancel", r#"{"booking_id":44}"#),
    ("void order 3", "bookings.cancel", r#"{"booking_id":3}"#),
    (
        "reschedule booking 12 to 2026-12-01 14:30",
        "bookings.reschedule",
        r#"{"booking_id":12,"scheduled_at":"2026-12-01T14:30:00+00:00"}"#,
    ),
    ("move appointment 7 to 2026-12-03 09:00", "bookings.reschedule", r#"{"booking_id":7}"#),
    ("postpone booking 9 to 2026-12-24 10:00", "bookings.reschedule", r#"{"booking_id":9}"#),
    ("show booking 1042", "bookings.get", r#"{"booking_id":1042}"#),
    ("what is the status of order 77", "bookings.get", r#"{"booking_id":77}"#),
    ("list cancelled bookings this week", "bookings.list", r#"{"status":"cancelled"}"#),
    ("which bookings were refunded last month", "bookings.list", r#"{"status":"refunded"}"#),
    ("show pending bookings today", "bookings.list", r#"{"status":"pending"}"#),
    ("find user anna@example.net", "users.search", r#"{"query":"anna@example.net"}"#),
    ("list suspended users", "users.search", r#"{"status":"suspended"}"#),
    ("show user 88", "users.get", r#"{"user_id":88}"#),
    ("details of customer 12", "users.get", r#"{"user_id":12}"#),
    (
        "update phone of user 12 to +49 151 2345 6789",
        "users.update",
        r#"{"user_id":12,"phone":"+4915123456789"}"#,
    ),
    (
        "change the email of customer 5 to new.address@example.net",
        "users.update",
        r#"{"user_id":5,"email":"new.address@example.net"}"#,
    ),
    ("suspend user 9", "users.update", r#"{"user_id":9,"status":"suspended"}"#),
    ("delete user 88", "users.delete", r#"{"user_id":88}"#),
    ("remove customer account 12", "users.delete", r#"{"user_id":12}"#),
    ("credit user 88 wallet with 15 eur", "users.wallet_credit", r#"{"user_id":88,"amount_cents":1500}"#),
    (
        "top up the wallet of customer 12 by 10 euros",
        "users.wallet_credit",
        r#"{"user_id":12,"amount_cents":1000}"#,
    ),
    ("list pending providers", "providers.list", r#"{"status":"pending"}"#),
    ("which providers are waiting for approval", "providers.list", "{}"),
    ("approve provider 3", "providers.approve", r#"{"provider_id":3}"#),
    ("accept the application of partner 12", "providers.approve", r#"{"provider_id":12}"#),
    ("reject provider 4", "providers.reject", r#"{"provider_id":4}"#),
    ("decline the application of vendor 8", "providers.reject", r#"{"provider_id":8}"#),
    ("delete provider 3", "providers.delete", r#"{"provider_id":3}"#),
    ("offboard vendor #7", "providers.delete", r#"{"provider_id":7}"#),
    ("list critical complaints opened this week", "complaints.list", r#"{"priority":"critical"}"#),
    ("show open complaints", "complaints.list", r#"{"status":"open"}"#),
    ("which complaints are about to breach sla?", "complaints.sla_report", "{}"),
    ("show overdue complaints", "complaints.sla_report", r#"{"state":"breached"}"#),
    (
        "assign complaint 17 to agent@example.com",
        "complaints.assign",
        r#"{"complaint_id":17,"staff_email":"agent@example.com"}"#,
    ),
    (
        "give ticket 9 to support@example.com",
        "complaints.assign",
        r#"{"complaint_id":9,"staff_email":"support@example.com"}"#,
    ),
    (
        "resolve complaint 9: customer refunded",
        "complaints.resolve",
        r#"{"complaint_id":9,"resolution":"customer refunded"}"#,
    ),
    ("close ticket 12", "complaints.resolve", r#"{"complaint_id":12}"#),
    ("escalate complaint #23", "complaints.escalate", r#"{"complaint_id":23}"#),
    ("show the priority queue", "priority_queue.list", "{}"),
    ("top 10 queue items", "priority_queue.list", r#"{"limit":10}"#),
    ("dismiss queue item 7", "priority_queue.review", r#"{"item_id":7,"decision":"dismissed"}"#),
    ("mark queue item 12 reviewed", "priority_queue.review", r#"{"item_id":12,"decision":"reviewed"}"#),
    ("revenue in the last 30 days", "metrics.revenue", "{}"),
    ("how much revenue did we make this week", "metrics.revenue", "{}"),
    ("how many bookings this week", "metrics.bookings", "{}"),
    ("sla compliance rate this week", "metrics.sla", "{}"),
    ("export revenue metrics for last month", "metrics.export", r#"{"metric":"revenue"}"#),
    ("show open alerts", "alerts.list", r#"{"status":"open"}"#),
    ("disable the sla_at_risk alert rule", "alerts.rule_update", r#"{"rule":"sla_at_risk","enabled":false}"#),
    (
        "subscribe manager@example.com to sla_breached alerts",
        "alerts.subscribe",
        r#"{"rule":"sla_breached","staff_email":"manager@example.com"}"#,
    ),
    ("what is sla.buffer_hours", "config.get", r#"{"key":"sla.buffer_hours"}"#),
    ("set config sla.buffer_hours to 2", "config.set", r#"{"key":"sla.buffer_hours","value":"2"}"#),
    ("list staff", "staff.list", "{}"),
    (
        "make kim@example.com a senior agent",
        "staff.set_role",
        r#"{"staff_email":"kim@example.com","role":"senior_agent"}"#,
    ),
    (
        "set role of bob@corp.example to manager",
        "staff.set_role",
        r#"{"staff_email":"bob@corp.example","role":"manager"}"#,
    ),
    ("deactivate staff viewer@example.com", "staff.deactivate", r#"{"staff_email":"viewer@example.com"}"#),
    ("draft an apology email for complaint 17", "draft.email", r#"{"complaint_id":17,"tone":"apologetic"}"#),
    ("draft a coupon for user 88", "draft.coupon", r#"{"user_id":88}"#),
    ("draft the weekly report", "draft.report", "{}"),
    ("system health", "ops.health", "{}"),
    ("analyze the logs for the last 24 hours", "logs.analyze", "{}"),
];

#[test]
fn prompts_map_to_the_right_action_and_parameters() {
    assert!(CORPUS.len() >= 60);
    let mut failures = Vec::new();
    for (prompt, action, expected) in CORPUS {
        let expected: Value = serde_json::from_str(expected).unwrap();
        match plan(prompt) {
            Ok(steps) if steps.len() == 1 && steps[0].0 == *action => {
                for (key, value) in expected.as_object().unwrap() {
                    if steps[0].1.get(key) != Some(value) {
                        failures
                            .push(format!("{prompt:?}: {key} = {:?}, expected {value}", steps[0].1.get(key)));
                    }
                }
            }
            Ok(steps) => failures.push(format!("{prompt:?}: got {steps:?}, expected {action}")),
            Err(error) => failures.push(format!("{prompt:?}: {error}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} prompts failed:\n{}",
        failures.len(),
        CORPUS.len(),
        failures.join("\n")
    );
}

#[test]
fn a_compound_request_gives_two_steps_sharing_the_target() {
    let steps = plan("cancel booking 5 and refund it").unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0], ("bookings.cancel".to_owned(), json!({"booking_id": 5})));
    assert_eq!(steps[1], ("bookings.refund".to_owned(), json!({"booking_id": 5})));
}

#[test]
fn windows_are_not_split_into_clauses() {
    let steps = plan("list bookings between 2026-11-01 and 2026-11-15").unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].1["from"], "2026-11-01T00:00:00+00:00");
    assert_eq!(steps[0].1["to"], "2026-11-16T00:00:00+00:00");
}

#[test]
fn out_of_scope_prompts_are_unplannable_never_guessed() {
    for prompt in [
        "what's the weather in Paris",
        "write me a poem about spring",
        "DROP TABLE bookings",
        "",
        "   ",
        "refund",
        "asdf qwer zxcv",
        "bookings",
        "please do the thing",
        "tell me a joke",
    ] {
        match plan(prompt) {
            Err(Error::Unplannable(message)) => assert!(!message.contains('\n'), "{message}"),
            other => panic!("{prompt:?} should be unplannable, got {other:?}"),
        }
    }
}

#[test]
fn sql_in_a_prompt_is_at_most_a_bound_value() {
    let steps = plan("refund booking 7; DROP TABLE bookings").unwrap();
    assert_eq!(steps, vec![("bookings.refund".to_owned(), json!({"booking_id": 7}))]);
}

#[test]
fn a_write_naming_two_targets_is_not_guessed() {
    match plan("refund booking 5 for 30") {
        Err(Error::Unplannable(message)) => assert!(message.contains("5, 30"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_write_missing_its_target_asks_for_it() {
    match plan("refund the booking") {
        Err(Error::Unplannable(message)) => assert!(message.contains("booking_id"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn confidence_reflects_the_match() {
    let catalog = Catalog::builtin();
    let now = Utc::now().with_timezone(&chrono_tz::Tz::UTC);
    let planner = RulesPlanner::new(catalog);
    let strong = planner.propose("refund booking 1042", catalog, now).unwrap().steps[0].confidence;
    let weaker = planner.propose("refund 1042", catalog, now).unwrap().steps[0].confidence;
    assert!(strong > weaker, "{strong} vs {weaker}");
    assert!(strong <= 1.0 && weaker >= 0.55);
}
