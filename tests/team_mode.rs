//! Team mode through the real binary: `opsgate serve` on 127.0.0.1 and the
//! command line talking to it with `--server`, against this backend's database.

use std::io::Write;
use std::time::Duration;

use serde_json::Value;

use crate::support::server::{RawRequest, Server, key_id, key_of, now};
use crate::support::terminal::{Killed, on_a_terminal};
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
    for args in
        [&["show", action.as_str()][..], &["show", "a999"], &["execute", &refund_id], &["staff", "list"]]
    {
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
    assert_eq!(remote_env.scalar("SELECT COUNT(*) FROM opsgate_plans WHERE surface = 'http'"), 2);
    assert_eq!(local_env.scalar("SELECT COUNT(*) FROM opsgate_plans WHERE surface = 'http'"), 0);
}

/// The `auth.rejected` entries so far: (claimed key id, reason).
fn rejections(env: &Env) -> Vec<(String, String)> {
    let entries = env.run(["audit", "query", "--event", "auth.rejected", "-o", "json"]).exit(0).json();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["payload"]["key_id"].as_str().unwrap_or_default().to_owned(),
                e["payload"]["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn forged_replayed_expired_unknown_and_revoked_requests_are_refused_with_401_and_audited() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let addr = server.addr.as_str();
    let admin = key_of(&env, ADMIN);
    let support = key_of(&env, "support@example.com");
    let body = br#"{"prompt":"cancel booking 7"}"#;
    let signed = |key: &ed25519_dalek::SigningKey, id: &str, created: i64| {
        RawRequest::signed(addr, "POST", "/v1/plans", body, key, id, created)
    };

    // A genuine request works, and its exact bytes work once.
    let genuine = signed(&admin, &key_id(&admin), now());
    let first = genuine.send(addr);
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.header("opsgate-exit-code"), Some("0"));
    assert_eq!(first.json()["steps"][0]["action"], "bookings.cancel");

    let mut cases: Vec<(&str, RawRequest, &str)> = vec![
        ("replayed", genuine.clone(), "the nonce was already used"),
        ("unsigned", RawRequest::new(addr, "POST", "/v1/plans", &[], body), "not signed"),
        // Signed by support, claiming to be the admin's key.
        ("forged", signed(&support, &key_id(&admin), now()), "does not verify"),
        ("expired", signed(&admin, &key_id(&admin), now() - 300), "from the server's clock"),
        ("from the future", signed(&admin, &key_id(&admin), now() + 300), "from the server's clock"),
    ];
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    cases.push(("unknown key", signed(&stranger, &key_id(&stranger), now()), "unknown key"));
    // The body changed after signing: its digest no longer matches.
    let mut tampered = signed(&admin, &key_id(&admin), now());
    let at = tampered.0.len() - 3;
    tampered.0[at] = b'8';
    cases.push(("tampered body", tampered, "does not match its Content-Digest"));

    for (what, request, reason) in &cases {
        let response = request.send(addr);
        assert_eq!(response.status, 401, "{what}: {}", response.body);
        assert_eq!(response.header("opsgate-exit-code"), Some("5"), "{what}");
        let error = &response.json()["error"];
        assert_eq!(error["code"], "unauthenticated", "{what}");
        assert!(error["message"].as_str().unwrap().contains(reason), "{what}: {error}");
    }

    // A revoked key is refused, on the server and at the command line (exit 5).
    let support_key = env.scalar(
        "SELECT k.id FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = 'support@example.com'",
    );
    env.run_as(ADMIN, ["staff", "revoke-key", &format!("k{support_key}"), "--reason", "laptop lost"]).exit(0);
    let revoked = RawRequest::signed(addr, "GET", "/v1/history", b"", &support, &key_id(&support), now());
    let response = revoked.send(addr);
    assert_eq!(response.status, 401, "{}", response.body);
    assert!(response.body.contains("was revoked"), "{}", response.body);
    server.run_as(&env, "support@example.com", ["history"]).exit(5).stderr_has("was revoked");
    server.run_as(&env, "support@example.com", ["history", "-o", "json"]).exit(5).json();

    // Every refusal is in the audit log, with the key id it claimed and why.
    let audited = rejections(&env);
    assert_eq!(audited.len(), cases.len() + 3, "{audited:#?}");
    for ((_, _, reason), (_, audited_reason)) in cases.iter().zip(&audited) {
        assert!(audited_reason.contains(reason), "{audited_reason} lacks {reason}");
    }
    assert_eq!(audited[2].0, key_id(&admin), "the forgery is recorded under the key it claimed");
    assert_eq!(audited[1].0, "", "an unsigned request claims no key");
    // Nothing the refused requests asked for was planned.
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), 1);
}

#[test]
fn a_request_replayed_to_a_second_server_on_the_same_database_is_refused() {
    let env = Env::new().with_demo_data();
    let first = Server::start(&env);
    // Behind one load balancer, servers check signatures made for its URL (here, the first's).
    let second = Server::start_with(&env, &["--public-url", &first.url]);
    let elsewhere = Server::start(&env);
    let admin = key_of(&env, ADMIN);
    let request = RawRequest::signed(&first.addr, "GET", "/v1/history", b"", &admin, &key_id(&admin), now());
    assert_eq!(request.send(&first.addr).status, 200);
    let replay = request.send(&second.addr);
    assert_eq!(replay.status, 401, "{}", replay.body);
    assert!(replay.body.contains("the nonce was already used"), "{}", replay.body);
    // A server with its own URL does not take a request signed for another one, whatever its
    // Host header says (a key registered on staging and production alike stays apart).
    let fresh = RawRequest::signed(&first.addr, "GET", "/v1/history", b"", &admin, &key_id(&admin), now());
    let moved = fresh.send(&elsewhere.addr);
    assert_eq!(moved.status, 401, "{}", moved.body);
    assert!(moved.body.contains(&format!("checks signatures made for {}", elsewhere.url)), "{}", moved.body);
    // Listening on every address needs the URL clients sign for.
    env.run(["serve", "--listen", "0.0.0.0:0", "--insecure-http"]).exit(2).stderr_has("--public-url");
}

#[test]
fn a_person_with_only_their_own_key_cannot_make_another_persons_approval() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let planned = server.run_as(&env, REQUESTER, ["plan", "refund booking 142", "-o", "json"]).exit(0).json();
    let action = planned["steps"][0]["action_id"].as_str().unwrap().to_owned();
    let id: i64 = action.trim_start_matches('a').parse().unwrap();
    let hash = planned["steps"][0]["payload_hash"].as_str().unwrap().to_owned();
    let own = key_of(&env, REQUESTER);
    // The requester signs an approval statement naming the manager, with their own key…
    let signed_at = chrono::Utc::now();
    let statement = opsgate::approval::SignedDecision {
        action_id: id,
        payload_hash: &hash,
        decision: "approve",
        approver: APPROVER,
        signed_at,
        reason: None,
    };
    let signature = opsgate::canonical::hex(
        &ed25519_dalek::Signer::sign(&own, statement.message().as_bytes()).to_bytes(),
    );
    let body = serde_json::json!({"decisions": [{
        "action_id": action, "decision": "approve", "signature": signature,
        "signed_at": signed_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
    }], "totp": requester.next_code()})
    .to_string();
    // …and sends it under their own key: the server takes them for who signed the request.
    let response = RawRequest::signed(
        &server.addr,
        "POST",
        "/v1/approvals",
        body.as_bytes(),
        &own,
        &key_id(&own),
        now(),
    )
    .send(&server.addr);
    assert_eq!(response.status, 403, "{}", response.body);
    assert!(response.body.contains("self-approval is not allowed"), "{}", response.body);
    // Under the manager's key id, the request itself does not verify.
    let manager = key_of(&env, APPROVER);
    let response = RawRequest::signed(
        &server.addr,
        "POST",
        "/v1/approvals",
        body.as_bytes(),
        &own,
        &key_id(&manager),
        now(),
    )
    .send(&server.addr);
    assert_eq!(response.status, 401, "{}", response.body);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_approvals"), 0);
    assert_eq!(
        env.scalar_text(&format!("SELECT status FROM opsgate_actions WHERE id = {id}")),
        "pending_approval"
    );
}

#[test]
fn an_approval_signed_by_the_approver_on_their_machine_is_verified_and_stored() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let mut approver = Authenticator::enroll(&env, APPROVER);
    let planned = server.run_as(&env, REQUESTER, ["plan", "refund booking 142", "-o", "json"]).exit(0).json();
    let action = planned["steps"][0]["action_id"].as_str().unwrap().to_owned();
    // Not on a terminal and without --yes: nothing is signed (exit 4).
    server.run_as(&env, APPROVER, ["approve", &action]).exit(4).stderr_has("needs your confirmation");
    let decided = server
        .run_as(&env, APPROVER, ["approve", &action, "--yes", "--totp", &approver.next_code(), "-o", "json"])
        .exit(0)
        .json();
    assert_eq!(decided[0]["status"], "approved", "{decided}");
    // The stored signature verifies against the manager's registered key, as every approval's must.
    let manager_key = key_id(&key_of(&env, APPROVER));
    let stored_key = env.scalar_text(&format!(
        "SELECT k.public_key FROM opsgate_approvals a JOIN opsgate_staff_keys k ON k.id = a.key_id WHERE a.action_id = {}",
        action.trim_start_matches('a')
    ));
    assert_eq!(stored_key, manager_key);
    // A rejection of another pending action is signed the same way and needs a reason.
    let other = server.run_as(&env, REQUESTER, ["plan", "refund booking 142", "-o", "json"]).exit(0).json();
    let other = other["steps"][0]["action_id"].as_str().unwrap().to_owned();
    server.run_as(&env, APPROVER, ["reject", &other, "--reason", " "]).exit(2);
    server
        .run_as(&env, APPROVER, ["reject", &other, "--reason", "duplicate request", "-o", "json"])
        .exit(0)
        .json();
    assert_eq!(
        env.scalar_text(&format!(
            "SELECT status FROM opsgate_actions WHERE id = {}",
            other.trim_start_matches('a')
        )),
        "rejected"
    );
}

/// A private CA and a certificate for 127.0.0.1 signed by it, made with openssl.
fn certificates(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(dir).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(&[
        &["req", "-x509"][..],
        &ec,
        &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=opsgate test CA"],
    ]
    .concat());
    run(&[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]]
        .concat());
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"))
}

#[test]
fn the_server_speaks_https_with_a_given_certificate_and_refuses_plain_http_off_loopback() {
    let env = Env::new().with_demo_data();
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let server =
        Server::start_with(&env, &["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()]);
    assert!(server.url.starts_with("https://127.0.0.1:"), "{}", server.url);
    let client = |ca: Option<&std::path::Path>| {
        let mut command = env.command();
        command.env_remove("OPSGATE_DB").args([
            "--server",
            &server.url,
            "--as",
            ADMIN,
            "history",
            "-o",
            "json",
        ]);
        if let Some(ca) = ca {
            command.env("OPSGATE_SERVER_CA", ca);
        }
        Run::from(command.output().unwrap())
    };
    client(Some(&ca)).exit(0).json();
    // Without the private CA, the certificate is not trusted: nothing is sent.
    client(None).exit(1).says("cannot reach the server").says("certificate");

    // Plain HTTP is for loopback (or, knowingly, behind a TLS proxy).
    env.run(["serve", "--listen", "0.0.0.0:0"]).exit(2).stderr_has("not a loopback address");
    env.run(["serve", "--listen", "127.0.0.1:0", "--tls-cert", cert.to_str().unwrap()]).exit(2);
    // And the client does not send a signed request with customer data in clear off this machine.
    env.command()
        .env_remove("OPSGATE_DB")
        .args(["--server", "http://192.0.2.1:8420", "--as", ADMIN, "history"])
        .assert()
        .code(2);
    // A broken certificate file is one line and exit 1, not a panic.
    std::fs::write(dir.path().join("bad.pem"), "not a certificate").unwrap();
    let bad = dir.path().join("bad.pem");
    env.run([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        bad.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ])
    .exit(1)
    .stderr_has("holds no PEM certificate");
}

#[test]
fn health_metrics_and_the_openapi_document_need_no_signature_and_sigterm_lets_requests_finish() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let get = |path: &str| RawRequest::new(&server.addr, "GET", path, &[], b"").send(&server.addr);
    assert_eq!(get("/healthz").status, 200);
    let openapi = get("/v1/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.1.0");
    for path in ["/v1/plans", "/v1/execute", "/v1/approvals", "/v1/audit", "/v1/ask", "/v1/history"] {
        assert!(openapi["paths"][path].is_object(), "{path} is documented");
    }
    server.run_as(&env, ADMIN, ["plan", "cancel booking 7"]).exit(0);
    server.run_as(&env, "viewer@example.com", ["plan", "cancel booking 7"]).exit(3);
    assert_eq!(get("/v1/history").status, 401);
    let metrics = get("/metrics").body;
    for line in [
        "opsgate_http_requests_total{route=\"/v1/plans\",method=\"POST\",status=\"200\"} 2",
        "opsgate_denied_total{route=\"/v1/plans\"} 1",
        "opsgate_auth_rejected_total{reason=\"unsigned\"} 1",
        "opsgate_http_request_duration_seconds_count{route=\"/v1/plans\"} 2",
        "opsgate_pending_approvals 0",
        "opsgate_queue_depth 0",
    ] {
        assert!(metrics.contains(line), "metrics lack {line}:\n{metrics}");
    }
    // An unknown route and a malformed body get the error envelope.
    assert_eq!(get("/v2/nothing").json()["error"]["code"], "not_found");
    let put = RawRequest::new(&server.addr, "PUT", "/v1/openapi.json", &[], b"").send(&server.addr);
    assert_eq!((put.status, put.json()["error"]["code"].as_str()), (405, Some("usage")), "{}", put.body);
    let admin_key = key_of(&env, ADMIN);
    let delete =
        RawRequest::signed(&server.addr, "DELETE", "/v1/staff", b"", &admin_key, &key_id(&admin_key), now())
            .send(&server.addr);
    assert_eq!(
        (delete.status, delete.json()["error"]["code"].as_str()),
        (405, Some("usage")),
        "{}",
        delete.body
    );
    let admin = key_of(&env, ADMIN);
    let bad = RawRequest::signed(
        &server.addr,
        "POST",
        "/v1/plans",
        b"{\"prompt\": 3}",
        &admin,
        &key_id(&admin),
        now(),
    )
    .send(&server.addr);
    assert_eq!((bad.status, bad.json()["error"]["code"].as_str()), (400, Some("usage")), "{}", bad.body);
    let oversized = vec![b' '; 2 << 20];
    let big =
        RawRequest::signed(&server.addr, "POST", "/v1/plans", &oversized, &admin, &key_id(&admin), now())
            .send(&server.addr);
    assert_eq!(big.status, 413, "{}", big.body);

    // SIGTERM: a request already sent is answered, then the server exits 0.
    let slow = RawRequest::signed(
        &server.addr,
        "POST",
        "/v1/ask",
        br#"{"prompt":"revenue in the last 30 days"}"#,
        &admin,
        &key_id(&admin),
        now(),
    );
    let addr = server.addr.clone();
    let in_flight = std::thread::spawn(move || slow.send(&addr));
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(server.stop(), Some(0));
    let answered = in_flight.join().unwrap();
    assert!(
        answered.status == 200 || answered.status == 0,
        "answered or refused before accept: {answered:?}"
    );
}

#[test]
fn a_request_signed_by_the_independent_implementation_is_accepted_by_the_server() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let admin = key_of(&env, ADMIN);
    let body = r#"{"prompt":"cancel booking 7"}"#;
    let spec = serde_json::json!({
        "method": "POST",
        "url": format!("{}/v1/plans", server.url),
        "body": body,
        "private_key_hex": opsgate::canonical::hex(admin.as_bytes()),
        "key_id": key_id(&admin),
        "created": now(),
        "nonce": "py-0001",
    });
    let headers = crate::httpsig::python("sign", &spec).unwrap();
    let headers: Vec<(String, String)> = ["content-digest", "signature-input", "signature"]
        .iter()
        .map(|name| (name.to_string(), headers[*name].as_str().unwrap().to_owned()))
        .collect();
    let request = RawRequest::new(&server.addr, "POST", "/v1/plans", &headers, body.as_bytes());
    let response = request.send(&server.addr);
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(response.json()["steps"][0]["action"], "bookings.cancel");
    assert_eq!(request.send(&server.addr).status, 401, "its nonce is spent");
}

/// `agent add` as the admin; returns the credential shown once.
fn agent_with_credential(env: &Env, name: &str, tier: &str) -> String {
    let added = env
        .run_as(ADMIN, ["agent", "add", name, "--model", "test-model", "--tier", tier, "-o", "json"])
        .exit(0)
        .json();
    added["credential"]["private_key"].as_str().unwrap().to_owned()
}

fn as_agent(server: &Server, env: &Env, credential: &str, email: &str, args: &[&str]) -> Run {
    let mut command = env.command();
    command
        .env_remove("OPSGATE_DB")
        .env("OPSGATE_AGENT_CREDENTIAL", credential)
        .args(["--server", &server.url, "--as", email])
        .args(args);
    Run::from(command.output().unwrap())
}

#[test]
fn an_agent_signs_with_its_own_credential_for_a_person_within_its_tier_until_rotated_or_revoked() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let reader = agent_with_credential(&env, "triage-bot", "read");
    // Shown once: only its public half is stored.
    assert_eq!(
        env.scalar(&format!(
            "SELECT COUNT(*) FROM opsgate_agent_credentials WHERE public_key LIKE '%{}%'",
            &reader[..16]
        )),
        0
    );

    // It acts for a person, through its own identity: the person's rights ∩ its tier.
    let asked = as_agent(
        &server,
        &env,
        &reader,
        ADMIN,
        &["ask", "how many open complaints are there?", "-o", "json"],
    )
    .exit(0)
    .json();
    assert!(asked["answer"].is_string(), "{asked}");
    as_agent(&server, &env, &reader, ADMIN, &["plan", "refund booking 142"]).exit(3);
    let refused =
        env.scalar("SELECT COUNT(*) FROM opsgate_actions WHERE agent = 'triage-bot' AND decision = 'denied'");
    assert_eq!(refused, 1, "the read-tier agent's write is recorded as denied");
    // A credential is its issuer's delegation: it acts for them, not for anyone it names.
    as_agent(&server, &env, &reader, "nobody@example.com", &["history"]).exit(5).stderr_has("acts only for");
    as_agent(&server, &env, &reader, "super_admin@example.com", &["staff", "list"])
        .exit(5)
        .stderr_has("acts only for admin@example.com");

    // A write-tier agent plans for the manager; the plan records the agent and the person.
    let writer = agent_with_credential(&env, "ops-bot", "write");
    let plan =
        as_agent(&server, &env, &writer, ADMIN, &["plan", "cancel booking 7", "-o", "json"]).exit(0).json();
    let action = plan["steps"][0]["action_id"].as_str().unwrap();
    let id = action.trim_start_matches('a');
    assert_eq!(env.scalar_text(&format!("SELECT agent FROM opsgate_actions WHERE id = {id}")), "ops-bot");
    assert_eq!(
        env.scalar_text(&format!(
            "SELECT s.email FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by WHERE a.id = {id}"
        )),
        ADMIN
    );
    // It has no terminal to confirm at: "the person said yes" is not its to send.
    let hash = plan["steps"][0]["payload_hash"].as_str().unwrap();
    let agent_key = opsgate::agents::credentials::parse_private(&writer).unwrap().signing_key().clone();
    let body = serde_json::json!({"targets": [action], "answered": {action: {"payload_hash": hash, "confirmed": true}}});
    let path = format!("/v1/execute?acting_for={}", ADMIN.replace('@', "%40"));
    let response = RawRequest::signed(
        &server.addr,
        "POST",
        &path,
        body.to_string().as_bytes(),
        &agent_key,
        &key_id(&agent_key),
        now(),
    )
    .send(&server.addr);
    assert_eq!(response.status, 403, "{}", response.body);
    assert!(response.body.contains("cannot confirm a write"), "{}", response.body);
    // Nor with the token its plan showed: that token is the person's.
    let token = plan["steps"][0]["confirmation_token"].as_str().unwrap();
    as_agent(&server, &env, &writer, ADMIN, &["execute", action, "--token", token])
        .exit(3)
        .stderr_has("cannot confirm a write");
    assert_eq!(
        env.scalar_text(&format!("SELECT status FROM opsgate_actions WHERE id = {id}")),
        "pending_confirmation"
    );

    // Whatever its person may do, it creates no identities, credentials or rules.
    for args in [
        &["staff", "invite", "agent@example.com"][..],
        &["staff", "add", "bot-made@example.com", "--name", "B", "--role", "agent"],
        &["agent", "rotate", "triage-bot"],
        &["staff", "totp", "enroll"],
    ] {
        as_agent(&server, &env, &writer, ADMIN, args).exit(3).stderr_has("may not");
    }
    as_agent(&server, &env, &writer, ADMIN, &["staff", "keygen"]).exit(3);
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("open.yaml");
    std::fs::write(&rules, "rules: []\n").unwrap();
    as_agent(&server, &env, &writer, ADMIN, &["policy", "apply", rules.to_str().unwrap()])
        .exit(3)
        .stderr_has("may not apply policy rules");

    // Rotation: the old credential is refused, the new one works.
    let rotated = env.run_as(ADMIN, ["agent", "rotate", "ops-bot", "-o", "json"]).exit(0).json();
    assert_eq!(rotated["credential"]["revoked"], 1);
    let new = rotated["credential"]["private_key"].as_str().unwrap();
    as_agent(&server, &env, &writer, ADMIN, &["history"]).exit(5).stderr_has("was revoked");
    as_agent(&server, &env, new, ADMIN, &["history", "-o", "json"]).exit(0).json();
    // Revocation and expiry end it.
    env.run_as(ADMIN, ["agent", "revoke", "ops-bot"]).exit(0).stdout_has("credentials revoked (1)");
    as_agent(&server, &env, new, ADMIN, &["history"]).exit(5).stderr_has("was revoked");
    env.sql("UPDATE opsgate_agent_credentials SET expires_at = created_at WHERE revoked_at IS NULL").unwrap();
    as_agent(&server, &env, &reader, ADMIN, &["history"]).exit(5).stderr_has("expired");
    // Only holders of ops.staff.edit issue credentials.
    env.run_as("viewer@example.com", ["agent", "rotate", "triage-bot"]).exit(3);
    let events = env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event IN ('agent.credential_issued', 'agent.credential_revoked')");
    assert_eq!(events, 4, "add, add, rotate and revoke are audited");
}

/// `opsgate --server URL --as EMAIL ARGS…` from another machine: its own home, no database.
fn from_machine(machine: &Env, server: &Server, email: &str, args: &[&str]) -> Run {
    let mut command = machine.command();
    command.env_remove("OPSGATE_DB").args(["--server", &server.url, "--as", email]).args(args);
    Run::from(command.output().unwrap())
}

#[test]
fn a_new_colleague_is_added_enrols_their_own_key_and_second_factor_through_the_server() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let laptop = Env::new();
    const NEW: &str = "newbie@example.com";
    // Without a key nobody gets anywhere, not even to register one.
    from_machine(&laptop, &server, "super_admin@example.com", &["staff", "keygen"])
        .exit(5)
        .stderr_has("no private key");

    let added = server
        .run_as(&env, ADMIN, ["staff", "add", NEW, "--name", "New Bie", "--role", "agent", "-o", "json"])
        .exit(0)
        .json();
    let code = added["enrolment"]["code"].as_str().unwrap().to_owned();
    // The admin saw the code: until a second person countersigns it, it registers nothing.
    from_machine(&laptop, &server, NEW, &["staff", "keygen", "--code", &code])
        .exit(5)
        .stderr_has("still needs a second person");
    server.run_as(&env, ADMIN, ["staff", "countersign", NEW]).exit(3);
    server.run_as(&env, "super_admin@example.com", ["staff", "countersign", NEW]).exit(0);
    // A wrong code is refused and audited; the right one registers the key made on the laptop.
    from_machine(&laptop, &server, NEW, &["staff", "keygen", "--code", "OGE-WRONG-CODE"]).exit(5);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'staff.enrolment_rejected'"),
        2
    );
    let enrolled = from_machine(&laptop, &server, NEW, &["staff", "keygen", "--code", &code, "-o", "json"])
        .exit(0)
        .json();
    let file = enrolled["private_key_file"].as_str().unwrap();
    assert!(file.starts_with(laptop.key_dir().to_str().unwrap()), "the key stays on the laptop: {file}");
    assert!(!env.key_dir().join(format!("{NEW}.ed25519")).exists(), "and nowhere else");
    assert_eq!(
        env.scalar_text(&format!(
            "SELECT k.public_key FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = '{NEW}'"
        )),
        enrolled["public_key"].as_str().unwrap()
    );
    // Nobody registers a key for someone else, even with their own key in good standing.
    let stranger = opsgate::keys::KeyPair::generate().unwrap();
    let statement = opsgate::staff::possession_statement(APPROVER, &stranger.public_hex());
    let possession = opsgate::canonical::hex(
        &ed25519_dalek::Signer::sign(stranger.signing_key(), statement.as_bytes()).to_bytes(),
    );
    let body =
        serde_json::json!({"email": APPROVER, "public_key": stranger.public_hex(), "possession": possession});
    let support = key_of(&env, "support@example.com");
    let response = RawRequest::signed(
        &server.addr,
        "POST",
        "/v1/staff/keys",
        body.to_string().as_bytes(),
        &support,
        &key_id(&support),
        now(),
    )
    .send(&server.addr);
    assert_eq!(response.status, 403, "{}", response.body);
    // The code is single use.
    let other = Env::new();
    from_machine(&other, &server, NEW, &["staff", "keygen", "--code", &code]).exit(5);

    // Signed with the new key, the colleague works, enrols TOTP, and rotates their key.
    from_machine(&laptop, &server, NEW, &["history", "-o", "json"]).exit(0).json();
    let enrollment = from_machine(&laptop, &server, NEW, &["staff", "totp", "enroll", "-o", "json"]).exit(0);
    assert!(
        enrollment.stderr.contains("pending: confirm"),
        "the server's note reaches the person: {}",
        enrollment.stderr
    );
    let secret =
        opsgate::totp::TotpSecret::from_base32(enrollment.json()["secret"].as_str().unwrap()).unwrap();
    let code_now = secret.code_at_step(opsgate::totp::step_at(now()));
    from_machine(&laptop, &server, NEW, &["staff", "totp", "confirm", "--totp", &code_now]).exit(0);
    assert_eq!(
        env.scalar(&format!("SELECT COUNT(*) FROM staff s JOIN opsgate_staff_secrets x ON x.staff_id = s.id WHERE s.email = '{NEW}' AND x.totp_secret IS NOT NULL")),
        1
    );
    from_machine(&laptop, &server, NEW, &["staff", "keygen", "-o", "json"]).exit(0).json();
    from_machine(&laptop, &server, NEW, &["history"]).exit(0);
    let keys = server.run_as(&env, ADMIN, ["staff", "keys", "--email", NEW, "-o", "json"]).exit(0).json();
    assert_eq!(keys.as_array().unwrap().len(), 2, "{keys}");

    // Role changes still go through the catalog: planned, waiting for a second person.
    let planned =
        server.run_as(&env, ADMIN, ["staff", "set-role", NEW, "manager", "-o", "json"]).exit(0).json();
    assert_eq!(planned["steps"][0]["status"], "pending_approval", "{planned}");
    // A key revoked through the server stops signing at once.
    let first = keys[0]["id"].as_str().map(str::to_owned).unwrap_or_else(|| format!("k{}", keys[0]["id"]));
    let last = keys[1]["id"].as_str().map(str::to_owned).unwrap_or_else(|| format!("k{}", keys[1]["id"]));
    server.run_as(&env, ADMIN, ["staff", "revoke-key", &first, "--reason", "rotated"]).exit(0);
    server.run_as(&env, ADMIN, ["staff", "revoke-key", &last, "--reason", "laptop stolen"]).exit(0);
    from_machine(&laptop, &server, NEW, &["history"]).exit(5).stderr_has("was revoked");
}

/// `opsgate --server URL --as EMAIL ARGS…` on a terminal, from a machine without the database.
fn remote_on_a_terminal(env: &Env, server: &Server, email: &str, args: &[&str]) -> Killed {
    let mut base = env.std_command();
    base.env_remove("OPSGATE_DB");
    let all: Vec<&str> =
        ["--server", server.url.as_str(), "--as", email].into_iter().chain(args.iter().copied()).collect();
    on_a_terminal(base, &all)
}

fn answer(run: &mut Killed, text: &str) {
    let stdin = run.child().stdin.as_mut().unwrap();
    stdin.write_all(text.as_bytes()).unwrap();
    stdin.flush().unwrap();
}

#[test]
fn on_a_terminal_the_person_confirms_and_signs_what_the_server_shows_them() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let bookings: Vec<i64> = (0..2)
        .map(|n| {
            env.scalar(&format!(
                "SELECT id FROM bookings WHERE status = 'confirmed' ORDER BY id LIMIT 1 OFFSET {n}"
            ))
        })
        .collect();
    let action_of = |prompt: &str, email: &str| {
        let plan = server.run_as(&env, email, ["plan", prompt, "-o", "json"]).exit(0).json();
        plan["steps"][0]["action_id"].as_str().unwrap().to_owned()
    };

    // A destructive write: the review comes from the server, the person types the booking id here.
    let cancel = action_of(&format!("cancel booking {}", bookings[0]), ADMIN);
    let mut run = remote_on_a_terminal(&env, &server, ADMIN, &["execute", &cancel]);
    std::thread::sleep(Duration::from_millis(500));
    answer(&mut run, &format!("{}\n", bookings[0]));
    let run = run.finish();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("changes to booking"), "the review was shown: {}", run.stdout);
    assert!(run.stdout.contains("confirmed by terminal"), "{}", run.stdout);

    // Typing something else declines: nothing is written, and the server records it.
    let other = action_of(&format!("cancel booking {}", bookings[1]), ADMIN);
    let mut run = remote_on_a_terminal(&env, &server, ADMIN, &["execute", &other]);
    std::thread::sleep(Duration::from_millis(500));
    answer(&mut run, "no\n");
    let run = run.finish();
    assert_eq!(run.code, 4, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        env.scalar_text(&format!("SELECT status FROM bookings WHERE id = {}", bookings[1])),
        "confirmed"
    );
    let declined = env.scalar(&format!(
        "SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'execute.declined' AND action_id = {}",
        other.trim_start_matches('a')
    ));
    assert_eq!(declined, 1);

    // An approver reviews, says yes, gives their code on the terminal; the signature is made here.
    let mut approver = Authenticator::enroll(&env, APPROVER);
    let refund = action_of("refund booking 142", REQUESTER);
    let mut run = remote_on_a_terminal(&env, &server, APPROVER, &["approve", &refund]);
    std::thread::sleep(Duration::from_millis(500));
    answer(&mut run, "y");
    std::thread::sleep(Duration::from_millis(300));
    answer(&mut run, &format!("{}\n", approver.next_code()));
    let run = run.finish();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("policy"), "the approval review was shown: {}", run.stdout);
    assert_eq!(
        env.scalar_text(&format!(
            "SELECT status FROM opsgate_actions WHERE id = {}",
            refund.trim_start_matches('a')
        )),
        "approved"
    );
}

#[test]
fn agents_are_registered_rotated_and_revoked_through_the_server_by_people_who_may() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let added = server
        .run_as(&env, ADMIN, ["agent", "add", "night-bot", "--model", "m", "--tier", "suggest", "-o", "json"])
        .exit(0)
        .json();
    let credential = added["credential"]["private_key"].as_str().unwrap().to_owned();
    as_agent(&server, &env, &credential, ADMIN, &["history", "-o", "json"]).exit(0).json();
    server.run_as(&env, "viewer@example.com", ["agent", "revoke", "night-bot"]).exit(3);
    server
        .run_as(&env, ADMIN, ["agent", "rotate", "night-bot", "--credential-days", "7"])
        .exit(0)
        .stdout_has("private key");
    as_agent(&server, &env, &credential, ADMIN, &["history"]).exit(5);
    server.run_as(&env, ADMIN, ["agent", "disable", "night-bot"]).exit(0);
    let listed = server.run_as(&env, ADMIN, ["agent", "list", "-o", "json"]).exit(0).json();
    assert_eq!(listed[0]["status"], "disabled", "{listed}");
}

#[test]
fn policy_rules_are_tested_applied_and_shown_through_the_server_from_a_file_on_the_laptop() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.yaml");
    std::fs::write(&rules, "rules:\n  - name: no-http-cancels\n    action: bookings.cancel\n    surface: http\n    deny: cancels go through the ops console\n").unwrap();
    let rules = rules.to_str().unwrap();
    const SUPER: &str = "super_admin@example.com";
    server
        .run_as(
            &env,
            ADMIN,
            [
                "policy",
                "test",
                rules,
                "--action",
                "bookings.cancel",
                "--params",
                r#"{"booking_id":7}"#,
                "--surface",
                "http",
            ],
        )
        .exit(3);
    server.run_as(&env, ADMIN, ["policy", "apply", rules]).exit(3).stderr_has("system.admin");
    server.run_as(&env, SUPER, ["policy", "apply", rules, "-o", "json"]).exit(0).json();
    server.run_as(&env, ADMIN, ["policy", "show"]).exit(0).stdout_has("no-http-cancels");
    // In force for every surface's requests: over HTTP the rule denies, locally it does not apply.
    server
        .run_as(&env, ADMIN, ["plan", "cancel booking 7"])
        .exit(3)
        .stdout_has("cancels go through the ops console");
    env.run_as(ADMIN, ["plan", "cancel booking 7"]).exit(0);
    // A broken file names its line, as locally.
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "rules:\n  - name: typo\n    actoin: bookings.refund\n    deny: no\n").unwrap();
    server
        .run_as(&env, SUPER, ["policy", "apply", broken.to_str().unwrap()])
        .exit(1)
        .stderr_has("broken.yaml:3:5");
}

#[test]
fn refused_requests_from_one_address_cannot_flood_the_audit_log() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let limit = opsgate::server::AUDITED_PER_MINUTE as usize;
    let statuses: Vec<u16> = (0..limit + 5)
        .map(|_| RawRequest::new(&server.addr, "GET", "/v1/history", &[], b"").send(&server.addr).status)
        .collect();
    assert!(statuses[..limit].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[limit..].iter().all(|s| *s == 429), "{statuses:?}");
    assert_eq!(rejections(&env).len(), limit, "only the first {limit} refusals are audited");
    // Enrolment attempts with wrong codes count against the same bound.
    let body = br#"{"email":"agent@example.com","public_key":"00","possession":"00","code":"OGE-X"}"#;
    let enrol = RawRequest::new(&server.addr, "POST", "/v1/enrolments", &[], body).send(&server.addr);
    assert_eq!(enrol.status, 429, "{}", enrol.body);
    let metrics = RawRequest::new(&server.addr, "GET", "/metrics", &[], b"").send(&server.addr).body;
    assert!(metrics.contains("opsgate_auth_rejected_total{reason=\"throttled\"} 5"), "{metrics}");
}

#[test]
fn one_person_with_staff_edit_cannot_mint_a_second_identity_to_approve_their_own_refund() {
    let env = Env::new().with_demo_data();
    let server = Server::start(&env);
    let attacker_laptop = Env::new();
    // Revoke a colleague's key, invite them again, enrol a key made on one's own laptop…
    let manager_key = env.scalar(
        "SELECT k.id FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = 'manager@example.com'",
    );
    server
        .run_as(&env, ADMIN, ["staff", "revoke-key", &format!("k{manager_key}"), "--reason", "lost"])
        .exit(0);
    let invited = server.run_as(&env, ADMIN, ["staff", "invite", APPROVER, "-o", "json"]).exit(0).json();
    let code = invited["code"].as_str().unwrap();
    from_machine(&attacker_laptop, &server, APPROVER, &["staff", "keygen", "--code", code])
        .exit(5)
        .stderr_has("still needs a second person");
    // …or add a new colleague with an approving role and enrol as them: neither counts alone.
    let added = server
        .run_as(
            &env,
            ADMIN,
            ["staff", "add", "puppet@example.com", "--name", "P", "--role", "manager", "-o", "json"],
        )
        .exit(0)
        .json();
    let code = added["enrolment"]["code"].as_str().unwrap();
    from_machine(&attacker_laptop, &server, "puppet@example.com", &["staff", "keygen", "--code", code])
        .exit(5)
        .stderr_has("still needs a second person");
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email IN ('manager@example.com', 'puppet@example.com') AND k.revoked_at IS NULL"),
        0
    );
}

#[test]
fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_refusal_bound() {
    let env = Env::new().with_demo_data();
    let server = Server::start_with(&env, &["--trusted-proxy", "127.0.0.1"]);
    let from = |client: &str| {
        let headers = [("x-forwarded-for".to_owned(), format!("203.0.113.9, {client}"))];
        RawRequest::new(&server.addr, "GET", "/v1/history", &headers, b"").send(&server.addr).status
    };
    let limit = opsgate::server::AUDITED_PER_MINUTE as usize;
    let first: Vec<u16> = (0..=limit).map(|_| from("198.51.100.1")).collect();
    assert_eq!(first[limit], 429, "{first:?}");
    assert_eq!(from("198.51.100.2"), 401, "another client behind the same proxy is not held back");
}
