//! Team mode through the real binary: `opsgate serve` on 127.0.0.1 and the
//! command line talking to it with `--server`, against this backend's database.

use serde_json::Value;

use crate::support::server::{RawRequest, Server, key_id, key_of, now};
use crate::support::{Authenticator, Env, Run};

const ADMIN: &str = "admin@example.com";
const REQUESTER: &str = "senior_agent@example.com";
const APPROVER: &str = "manager@example.com";

/// What differs between two runs of the same session: times, random tokens
/// and signatures, the surface the session came through.
fn normalized(mut value: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let varies = key.ends_with("_at")
                        || matches!(
                            key.as_str(),
                            "confirmation_token"
                                | "signature"
                                | "age_seconds"
                                | "surface"
                                | "head"
                                | "time"
                                | "hash"
                                | "prev_hash"
                                | "claimed_by"
                        );
                    if varies && !value.is_null() {
                        *value = Value::String("<varies>".into());
                    } else {
                        walk(value);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::String(text) if is_time(text) => *text = "<time>".into(),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

/// `2026-12-07T09:32:51.328412+00:00` and the like: data the clock wrote.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 19 && b[4] == b'-' && b[7] == b'-' && (b[10] == b'T' || b[10] == b' ') && b[13] == b':'
}

/// One step of the golden session: its exit code and its JSON document.
fn outcome(run: Run) -> (i32, Value) {
    let code = run.code;
    (code, normalized(run.json()))
}

/// The same session, run by `run(email, args)` locally or against a server.
fn golden_session(env: &Env, run: &dyn Fn(&str, &[&str]) -> Run) -> Vec<(i32, Value)> {
    let mut requester = Authenticator::enroll(env, REQUESTER);
    let mut approver = Authenticator::enroll(env, APPROVER);
    let mut out = Vec::new();
    // A confirm-level write: plan, dry-run, execute without and with its token, a replayed token.
    let plan = run(ADMIN, &["plan", "cancel booking 7", "-o", "json"]);
    let planned = plan.json();
    out.push(outcome(plan));
    let (plan_id, action, token) = (
        planned["plan_id"].as_str().unwrap().to_owned(),
        planned["steps"][0]["action_id"].as_str().unwrap().to_owned(),
        planned["steps"][0]["confirmation_token"].as_str().unwrap().to_owned(),
    );
    out.push(outcome(run(ADMIN, &["dry-run", &plan_id, "-o", "json"])));
    out.push(outcome(run(ADMIN, &["execute", &action, "-o", "json"])));
    out.push(outcome(run(ADMIN, &["execute", &action, "--token", &token, "-o", "json"])));
    out.push(outcome(run(ADMIN, &["execute", &action, "--token", &token, "-o", "json"])));
    // A refund: the second person approves with their second factor, the requester executes with theirs.
    let refund = run(REQUESTER, &["plan", "refund booking 142", "-o", "json"]);
    let refund_id = refund.json()["steps"][0]["action_id"].as_str().unwrap().to_owned();
    out.push(outcome(refund));
    out.push(outcome(run(REQUESTER, &["execute", &refund_id, "-o", "json"])));
    out.push(outcome(run(REQUESTER, &["approve", &refund_id, "--yes", "-o", "json"])));
    out.push(outcome(run(APPROVER, &["approve", "--list", "-o", "json"])));
    out.push(outcome(run(APPROVER, &["approve", &refund_id, "--yes", "-o", "json"])));
    let code = approver.next_code();
    out.push(outcome(run(APPROVER, &["approve", &refund_id, "--yes", "--totp", &code, "-o", "json"])));
    let code = requester.next_code();
    out.push(outcome(run(REQUESTER, &["execute", &refund_id, "--totp", &code, "-o", "json"])));
    out.push(outcome(run(REQUESTER, &["show", &refund_id, "-o", "json"])));
    out.push(outcome(run(REQUESTER, &["history", "-o", "json"])));
    out.push(outcome(run("viewer@example.com", &["history", "--all", "-o", "json"])));
    out.push(outcome(run(ADMIN, &["ask", "how many open complaints are there?", "-o", "json"])));
    out.push(outcome(run(ADMIN, &["audit", "query", "--event", "action.*", "-o", "json"])));
    out.push(outcome(run(ADMIN, &["plan", "make me a sandwich", "-o", "json"])));
    out.push(outcome(run(ADMIN, &["show", "a999", "-o", "json"])));
    // What a person reads: the same text on stdout, the same one-line error on stderr.
    for args in [&["show", action.as_str()][..], &["show", "a999"], &["execute", &refund_id], &["staff", "list"]] {
        let run = run(ADMIN, args);
        out.push((run.code, Value::String(format!("{}\n--- stderr\n{}", run.stdout, run.stderr))));
    }
    out
}

#[test]
fn the_same_session_gives_the_same_json_and_exit_codes_locally_and_against_a_server() {
    let local_env = Env::new().with_demo_data();
    let local = golden_session(&local_env, &|email, args| local_env.run_as(email, args));

    let remote_env = Env::new().with_demo_data();
    let server = Server::start(&remote_env);
    let remote = golden_session(&remote_env, &|email, args| server.run_as(&remote_env, email, args));

    let codes: Vec<i32> = local.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, [0, 0, 4, 0, 5, 0, 4, 3, 0, 5, 0, 0, 0, 0, 3, 0, 0, 7, 1, 0, 1, 1, 0]);
    for (step, (local, remote)) in local.iter().zip(&remote).enumerate() {
        assert_eq!(local, remote, "step {step} differs between local and remote");
    }
    // The remote session came through the server's surface; the local one did not.
    assert_eq!(remote_env.scalar("SELECT COUNT(*) FROM plans WHERE surface = 'http'"), 2);
    assert_eq!(local_env.scalar("SELECT COUNT(*) FROM plans WHERE surface = 'http'"), 0);
}
