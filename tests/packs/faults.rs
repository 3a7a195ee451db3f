//! The executor against a failing API: json-server behind [`Front`], which
//! answers 500s, drops connections, stops listening or answers late.

use std::time::Duration;

use super::front::{Fault, Front};
use super::{JsonServer, REQUESTER, edited_pack, planned, run, with_pack};

/// The billing pack with one-second timeouts, `billing.void` declared
/// idempotent when `idempotent` is set.
fn fast_pack(dir: &tempfile::TempDir, idempotent: bool) -> std::path::PathBuf {
    edited_pack(dir, |text| {
        let text = text.replace("headers:\n", "timeout: { connect: 1, request: 1 }\nheaders:\n");
        if idempotent {
            text.replace(
                "    examples: [\"void invoice INV-8\"]",
                "    examples: [\"void invoice INV-8\"]\n    idempotent: true",
            )
        } else {
            text
        }
    })
}

fn idempotency_key(head: &str) -> Option<String> {
    head.lines()
        .find_map(|line| {
            line.strip_prefix("idempotency-key: ").or_else(|| line.strip_prefix("Idempotency-Key: "))
        })
        .map(str::to_owned)
}

#[test]
fn an_idempotent_write_is_retried_through_500s_and_dropped_connections_and_applied_once() {
    let api = JsonServer::start();
    let front = Front::start(&api.url, "POST", &[Fault::ServerError, Fault::Drop, Fault::Forward]);
    let dir = tempfile::tempdir().unwrap();
    let env = with_pack(&front.url, &fast_pack(&dir, true));
    let (action, token) = planned(&env, &front.url, "void invoice INV-8");
    run(&env, &front.url, Some(REQUESTER), &["execute", &action, "--token", &token]).exit(0);
    let posts = front.seen("POST");
    assert_eq!(posts.len(), 3, "two failed tries and the one that got through");
    let key = format!("opsgate-{action}");
    for post in &posts {
        assert_eq!(idempotency_key(&post.head).as_deref(), Some(key.as_str()), "{}", post.head);
        assert!(post.body.contains("INV-8"), "the same request each time: {}", post.body);
    }
    let voids = api.get("/voids");
    assert_eq!(voids.as_array().map(Vec::len), Some(1), "{voids}");
    let show = run(&env, &front.url, Some(REQUESTER), &["show", &action]).exit(0).stdout;
    assert!(show.contains("succeeded"), "{show}");
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_write_answered_500_is_unknown_and_sent_once_unless_declared_idempotent() {
    let api = JsonServer::start();
    let front = Front::start(&api.url, "POST", &[Fault::ServerError, Fault::Forward]);
    let dir = tempfile::tempdir().unwrap();
    let env = with_pack(&front.url, &fast_pack(&dir, false));
    let (action, token) = planned(&env, &front.url, "void invoice INV-8");
    let failed = run(&env, &front.url, Some(REQUESTER), &["execute", &action, "--token", &token]).exit(1);
    failed.stderr_has("unknown").stderr_has("HTTP 500").stderr_has("injected failure");
    assert_eq!(front.seen("POST").len(), 1, "a 5xx to a write that is not idempotent is not retried");
    assert_eq!(api.get("/voids"), serde_json::json!([]));
    // Unknown is final until a person or the target says otherwise: a second execute sends nothing.
    run(&env, &front.url, Some(REQUESTER), &["execute", &action, "--token", &token]).exit(5);
    assert_eq!(front.seen("POST").len(), 1);
    let history = run(&env, &front.url, Some(REQUESTER), &["history"]).exit(0).stdout;
    assert!(history.contains("unknown"), "{history}");
}

#[test]
fn a_retried_write_whose_first_answer_was_lost_stays_unknown_when_later_tries_cannot_connect() {
    let api = JsonServer::start();
    let front = Front::start(&api.url, "POST", &[Fault::DropAndClose]);
    let dir = tempfile::tempdir().unwrap();
    let env = with_pack(&front.url, &fast_pack(&dir, true));
    let (action, token) = planned(&env, &front.url, "void invoice INV-8");
    let failed = run(&env, &front.url, Some(REQUESTER), &["execute", &action, "--token", &token]).exit(1);
    // The refused reconnects show nothing about the first try, which may have been applied.
    failed.stderr_has("unknown").stderr_has("a later try");
    assert_eq!(front.seen("POST").len(), 1);
    let show = run(&env, &front.url, Some(REQUESTER), &["show", &action]).exit(0).stdout;
    assert!(show.contains("unknown"), "{show}");
}

#[test]
fn a_read_that_answers_late_is_retried_and_answered() {
    let api = JsonServer::start();
    let front = Front::start(&api.url, "GET", &[Fault::Slow(Duration::from_millis(1600))]);
    let dir = tempfile::tempdir().unwrap();
    let env = with_pack(&front.url, &fast_pack(&dir, false));
    run(&env, &front.url, Some(REQUESTER), &["ask", "show invoice INV-7"]).exit(0).stdout_has("Ann");
    assert_eq!(front.seen("GET").len(), 2, "the late answer was given up on and the GET tried again");
}

#[test]
fn a_read_that_keeps_failing_says_so_in_one_line_and_writes_nothing() {
    let api = JsonServer::start();
    let front = Front::start(&api.url, "GET", &[Fault::ServerError; 3]);
    let dir = tempfile::tempdir().unwrap();
    let env = with_pack(&front.url, &fast_pack(&dir, false));
    let failed = run(&env, &front.url, Some(REQUESTER), &["ask", "show invoice INV-7"]);
    assert_ne!(failed.code, 0, "{}", failed.stdout);
    assert_eq!(failed.stderr.trim().lines().count(), 1, "{}", failed.stderr);
    failed.stderr_has("HTTP 500").stderr_has("injected failure");
    assert_eq!(front.seen("GET").len(), 3, "tried three times with backoff");
}
