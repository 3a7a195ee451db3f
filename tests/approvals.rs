//! Two-person approvals through the real binary: the rules, the signature bound
//! to the payload, the second factor, keys, and running approved actions once.

use crate::support::{Authenticator, Env};

const REQUESTER: &str = "senior_agent@example.com";
const APPROVER: &str = "manager@example.com";

/// Plans a refund of booking 142 as `email`; returns the action id.
fn planned_refund(env: &Env, email: &str) -> String {
    let plan = env.plan_json(email, "refund booking 142");
    assert_eq!(plan["steps"][0]["status"], "pending_approval", "{plan}");
    plan["steps"][0]["action_id"].as_str().unwrap().to_owned()
}

fn status(env: &Env, action: &str) -> String {
    env.run_as("admin@example.com", ["show", action, "-o", "json"]).exit(0).json()["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn refunded_cents(env: &Env) -> i64 {
    env.scalar("SELECT refunded_cents FROM bookings WHERE id = 142")
}

fn audit_count(env: &Env, event: &str, action: &str) -> i64 {
    let id: i64 = action.trim_start_matches('a').parse().unwrap();
    env.scalar(&format!(
        "SELECT COUNT(*) FROM opsgate_audit_log WHERE event = '{event}' AND action_id = {id}"
    ))
}

/// A refund planned by the senior agent and approved by the manager, both enrolled in TOTP.
fn approved_refund(env: &Env) -> (String, Authenticator, Authenticator) {
    let mut requester = Authenticator::enroll(env, REQUESTER);
    let mut approver = Authenticator::enroll(env, APPROVER);
    let action = planned_refund(env, REQUESTER);
    env.run_as(APPROVER, ["approve", &action, "--yes", "--totp", &approver.next_code()])
        .exit(0)
        .stdout_has("now approved");
    let _ = &mut requester;
    (action, requester, approver)
}

#[test]
fn the_approval_rules_refuse_self_approval_juniors_and_people_without_the_permission() {
    let env = Env::new().with_demo_data();
    let action = planned_refund(&env, REQUESTER);
    env.run_as(REQUESTER, ["approve", &action, "--yes"]).exit(3).stderr_has("self-approval is not allowed");
    env.run_as("agent@example.com", ["approve", &action, "--yes"])
        .exit(3)
        .stderr_has("must hold `bookings.refund`");
    // A senior agent holds bookings.refund but ranks below a manager who asks.
    let managers = planned_refund(&env, APPROVER);
    env.run_as(REQUESTER, ["approve", &managers, "--yes"])
        .exit(3)
        .stderr_has("at the requester's level or more senior");
    assert_eq!(status(&env, &action), "pending_approval");
    assert_eq!(audit_count(&env, "approval.denied", &action), 2);
    // The list shows only what the person may approve.
    let listed = env.run_as(APPROVER, ["approve", "--list", "-o", "json"]).exit(0).json();
    let ids: Vec<&str> =
        listed.as_array().unwrap().iter().map(|p| p["action_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [action.as_str()]);
    let listed = env.run_as(REQUESTER, ["approve", "--list", "-o", "json"]).exit(0).json();
    assert!(listed.as_array().unwrap().is_empty(), "{listed}");
}

#[test]
fn an_approved_refund_runs_once_with_the_requesters_second_factor() {
    let env = Env::new().with_demo_data();
    let before = refunded_cents(&env);
    let (action, mut requester, _) = approved_refund(&env);
    assert_eq!(status(&env, &action), "approved");
    let shown = env.run_as(REQUESTER, ["show", &action, "-o", "json"]).exit(0).json();
    assert_eq!(shown["approvals"][0]["approver"], APPROVER, "{shown}");
    assert_eq!(shown["approvals"][0]["decision"], "approve");
    // Without a code, with a wrong one: refused, nothing written.
    env.run_as(REQUESTER, ["execute", &action]).exit(5).stderr_has("needs a second factor");
    env.run_as(REQUESTER, ["execute", &action, "--totp", "000000"]).exit(5);
    assert_eq!(refunded_cents(&env), before);
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code(), "-o", "json"])
        .exit(0)
        .stdout_has("\"confirmed_by\": \"approval\"");
    assert!(refunded_cents(&env) > before);
    assert_eq!(status(&env, &action), "succeeded");
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(1)
        .stderr_has("already succeeded");
    assert_eq!(audit_count(&env, "action.executed", &action), 1);
    assert_eq!(audit_count(&env, "approval.granted", &action), 1);
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_signature_with_one_flipped_byte_is_refused() {
    let env = Env::new().with_demo_data();
    let before = refunded_cents(&env);
    let (action, mut requester, _) = approved_refund(&env);
    let id = action.trim_start_matches('a');
    let signature: String = {
        let sig = env.scalar(&format!("SELECT COUNT(*) FROM opsgate_approvals WHERE action_id = {id}"));
        assert_eq!(sig, 1);
        let out = env
            .run_as("admin@example.com", ["audit", "query", "--event", "approval.granted", "-o", "json"])
            .json();
        out[0]["payload"]["signature"].as_str().unwrap().to_owned()
    };
    let first = u8::from_str_radix(&signature[..2], 16).unwrap() ^ 0x01;
    let flipped = format!("{first:02x}{}", &signature[2..]);
    env.sql(&format!("UPDATE opsgate_approvals SET signature = '{flipped}' WHERE action_id = {id}")).unwrap();
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(5)
        .stderr_has("does not verify");
    assert_eq!(refunded_cents(&env), before);
    assert_eq!(audit_count(&env, "approval.invalid", &action), 1);
}

#[test]
fn a_payload_changed_after_approval_is_refused() {
    let env = Env::new().with_demo_data();
    let before = refunded_cents(&env);
    let (action, mut requester, _) = approved_refund(&env);
    let id = action.trim_start_matches('a');
    let payload: String = {
        let out = env.run_as("admin@example.com", ["show", &action, "-o", "json"]).exit(0).json();
        serde_json::to_string(&out["payload"]).unwrap()
    };
    // Someone with database access doubles the refund and recomputes the hash.
    let tampered: serde_json::Value =
        serde_json::from_str(&payload.replacen("\"value\":", "\"value\":1", 1)).unwrap();
    let hash = opsgate::canonical::hash_value(&tampered);
    let text = serde_json::to_string(&tampered).unwrap().replace('\'', "''");
    env.sql(&format!(
        "UPDATE opsgate_actions SET payload = '{text}', payload_hash = '{hash}' WHERE id = {id}"
    ))
    .unwrap();
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(5)
        .stderr_has("changed after approval");
    // And the payload edited without fixing the hash.
    env.sql(&format!(
        "UPDATE opsgate_actions SET payload = '{}' WHERE id = {id}",
        payload.replace('\'', "''")
    ))
    .unwrap();
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()]).exit(5);
    assert_eq!(refunded_cents(&env), before);
    assert_eq!(status(&env, &action), "approved");
}

#[test]
fn totp_codes_are_required_checked_and_single_use() {
    let env = Env::new().with_demo_data();
    let mut approver = Authenticator::enroll(&env, APPROVER);
    let first = planned_refund(&env, REQUESTER);
    env.run_as(APPROVER, ["approve", &first, "--yes"]).exit(5).stderr_has("pass --totp CODE");
    env.run_as(APPROVER, ["approve", &first, "--yes", "--totp", "12345"]).exit(5);
    env.run_as(APPROVER, ["approve", &first, "--yes", "--totp", "not a code"]).exit(5);
    assert_eq!(status(&env, &first), "pending_approval");
    env.run_as(APPROVER, ["approve", &first, "--yes", "--totp", &approver.next_code()]).exit(0);
    // The same code a second time, for another action: replayed.
    let second = planned_refund(&env, REQUESTER);
    env.run_as(APPROVER, ["approve", &second, "--yes", "--totp", &approver.used_code()])
        .exit(5)
        .stderr_has("already used");
    assert_eq!(status(&env, &second), "pending_approval");
    assert!(audit_count(&env, "totp.rejected", &first) >= 3);
    // Someone never enrolled cannot approve an action that needs a second factor.
    env.run_as("admin@example.com", ["approve", &second, "--yes", "--totp", "123456"])
        .exit(5)
        .stderr_has("none enrolled");
}

#[test]
fn without_a_terminal_approve_needs_yes() {
    let env = Env::new().with_demo_data();
    let action = planned_refund(&env, REQUESTER);
    env.run_as(APPROVER, ["approve", &action]).exit(4).stderr_has("--yes");
    assert_eq!(status(&env, &action), "pending_approval");
}

#[test]
fn a_policy_may_require_two_approvals() {
    let env = Env::new().with_demo_data();
    env.sql(
        "INSERT INTO ops_config (key, value, description, updated_at) \
         VALUES ('approvals.required.bookings.refund', '2', 'two approvers', '2026-11-23T00:00:00Z')",
    )
    .unwrap();
    let mut manager = Authenticator::enroll(&env, APPROVER);
    let mut admin = Authenticator::enroll(&env, "admin@example.com");
    let action = planned_refund(&env, REQUESTER);
    env.run_as(APPROVER, ["approve", &action, "--yes", "--totp", &manager.next_code()])
        .exit(0)
        .stdout_has("approvals 1/2; now pending_approval");
    env.run_as(REQUESTER, ["execute", &action]).exit(4).stderr_has("1 of 2 valid approvals");
    env.run_as("admin@example.com", ["approve", &action, "--yes", "--totp", &admin.next_code()])
        .exit(0)
        .stdout_has("approvals 2/2; now approved");
}

#[test]
fn expired_approvals_and_revoked_keys_stop_counting_but_rotated_keys_still_verify() {
    let env = Env::new().with_demo_data();
    let (action, mut requester, mut approver) = approved_refund(&env);
    let id = action.trim_start_matches('a');
    // Rotation: the manager's new key does not invalidate what the old one signed.
    env.run_as(APPROVER, ["staff", "keygen"]).exit(0).stdout_has("key registered");
    let keys = env.run_as(APPROVER, ["staff", "keys", "--email", APPROVER, "-o", "json"]).exit(0).json();
    assert_eq!(keys.as_array().unwrap().len(), 2, "{keys}");
    // Expired: refused with 4, nothing written.
    env.sql(&format!(
        "UPDATE opsgate_approvals SET expires_at = '2020-01-01T00:00:00Z' WHERE action_id = {id}"
    ))
    .unwrap();
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(4)
        .stderr_has("expired");
    env.sql(&format!(
        "UPDATE opsgate_approvals SET expires_at = '2999-01-01T00:00:00Z' WHERE action_id = {id}"
    ))
    .unwrap();
    // Revoking the key that signed: the approval no longer counts.
    let signed_with = env.scalar(&format!("SELECT key_id FROM opsgate_approvals WHERE action_id = {id}"));
    env.run_as("agent@example.com", ["staff", "revoke-key", &format!("k{signed_with}"), "--reason", "x"])
        .exit(3);
    env.run_as(
        "admin@example.com",
        ["staff", "revoke-key", &format!("k{signed_with}"), "--reason", "laptop lost"],
    )
    .exit(0)
    .stdout_has("revoked");
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()])
        .exit(4)
        .stderr_has("was revoked");
    assert_eq!(status(&env, &action), "pending_approval");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'staff.key_revoked'"), 1);
    // The approver signs again with their new key; the approval that no longer counted is replaced.
    env.run_as(APPROVER, ["approve", &action, "--yes", "--totp", &approver.next_code()])
        .exit(0)
        .stdout_has("now approved");
    env.run_as(REQUESTER, ["execute", &action, "--totp", &requester.next_code()]).exit(0);
    assert_eq!(status(&env, &action), "succeeded");
}

#[test]
fn key_registration_needs_the_permission_or_the_current_key() {
    let env = Env::new().with_demo_data();
    // The agent holds their key: rotating it is allowed.
    env.run_as("agent@example.com", ["staff", "keygen"]).exit(0);
    // Without the key file, only someone with ops.staff.edit may register one.
    std::fs::remove_file(env.key_dir().join("support@example.com.ed25519")).unwrap();
    env.run_as("support@example.com", ["staff", "keygen"]).exit(3).stderr_has("ops.staff.edit");
    env.run_as("support@example.com", ["staff", "totp", "enroll"]).exit(3).stderr_has("private key");
}

#[test]
fn a_rejected_action_never_runs() {
    let env = Env::new().with_demo_data();
    let action = planned_refund(&env, REQUESTER);
    env.run_as(APPROVER, ["reject", &action, "--reason", "customer already compensated"])
        .exit(0)
        .stdout_has("rejected");
    assert_eq!(status(&env, &action), "rejected");
    env.run_as(REQUESTER, ["execute", &action]).exit(1).stderr_has("already rejected");
    // A requester may withdraw their own request.
    let second = planned_refund(&env, REQUESTER);
    env.run_as(REQUESTER, ["reject", &second, "--reason", "wrong booking"]).exit(0).stdout_has("withdrawn");
    assert_eq!(status(&env, &second), "cancelled");
}

#[test]
fn queued_actions_run_in_the_worker_exactly_once() {
    let env = Env::new().with_demo_data();
    let (action, mut requester, _) = approved_refund(&env);
    let before = refunded_cents(&env);
    env.run_as(REQUESTER, ["execute", &action, "--queue", "--totp", &requester.next_code()])
        .exit(0)
        .stdout_has("queued");
    assert_eq!(refunded_cents(&env), before);
    let report = env.run(["worker", "--once", "-o", "json"]).exit(0).json();
    assert_eq!(report["succeeded"], 1, "{report}");
    assert!(refunded_cents(&env) > before);
    let report = env.run(["worker", "--once", "-o", "json"]).exit(0).json();
    assert_eq!(report["succeeded"], 0, "{report}");
    assert_eq!(audit_count(&env, "action.executed", &action), 1);
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn recover_requeues_an_approved_action_whose_worker_died_before_committing() {
    let env = Env::new().with_demo_data();
    let (action, mut requester, _) = approved_refund(&env);
    let before = refunded_cents(&env);
    env.run_as(REQUESTER, ["execute", &action, "--queue", "--totp", &requester.next_code()]).exit(0);
    // A claim by a process that no longer exists, as a SIGKILL between claim and commit leaves it.
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let pid = dead.id();
    dead.wait().unwrap();
    let host = opsgate::pipeline::host_name();
    let id = action.trim_start_matches('a');
    env.sql(&format!(
        "UPDATE opsgate_actions SET status = 'executing', claimed_by = 'worker@{host}:{pid}/0', claimed_at = '2999-01-01T00:00:00Z' WHERE id = {id}"
    ))
    .unwrap();
    let report = env.run(["worker", "--recover", "-o", "json"]).exit(0).json();
    assert_eq!(report["recovered"][0]["status"], "approved", "{report}");
    assert_eq!(report["recovered"][0]["committed"], false);
    assert_eq!(refunded_cents(&env), before);
    env.run(["worker", "--once"]).exit(0);
    assert!(refunded_cents(&env) > before);
    assert_eq!(status(&env, &action), "succeeded");
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn recover_leaves_a_live_claim_alone() {
    let env = Env::new().with_demo_data();
    let (action, _, _) = approved_refund(&env);
    let host = opsgate::pipeline::host_name();
    let me = std::process::id();
    let id = action.trim_start_matches('a');
    env.sql(&format!(
        "UPDATE opsgate_actions SET status = 'executing', claimed_by = 'worker@{host}:{me}/0', claimed_at = '2999-01-01T00:00:00Z' WHERE id = {id}"
    ))
    .unwrap();
    let report = env.run(["worker", "--recover", "-o", "json"]).exit(0).json();
    assert_eq!(report["still_running"][0], action, "{report}");
    assert_eq!(status(&env, &action), "executing");
}
