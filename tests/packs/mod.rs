//! Packs against a real REST API: json-server 0.17 from npm on 127.0.0.1 (a
//! fresh copy of its db.json per test), plus a small front in the test that
//! never answers, for the lost-answer case; `front` injects the other faults.

mod destructive;
mod faults;
mod front;
mod surfaces;

use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Authenticator, Env, Run, repo_root};

const SECRET: &str = "tok-pack-s3cr3t-4711";
const ADMIN: &str = "super_admin@example.com";
const REQUESTER: &str = "admin@example.com";

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/packs").join(name)
}

/// json-server on a free port with its own copy of the fixture database.
struct JsonServer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl JsonServer {
    fn start() -> JsonServer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture("db.json"), dir.path().join("db.json")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new("json-server")
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--quiet", "db.json"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("json-server 0.17 (npm install -g json-server@0.17.4; .ci/run installs it)");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "json-server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        JsonServer { child, url, _dir: dir }
    }

    fn get(&self, path: &str) -> Value {
        let output = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1]).read().decode())",
            ])
            .arg(format!("{}{path}", self.url))
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).unwrap_or(Value::Null)
    }
}

impl Drop for JsonServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs opsgate with the pack's environment.
fn run(env: &Env, base_url: &str, email: Option<&str>, args: &[&str]) -> Run {
    let mut command = env.command();
    command.env("BILLING_URL", base_url).env("BILLING_TOKEN", SECRET);
    if let Some(email) = email {
        command.args(["--as", email]);
    }
    command.args(args);
    Run::from(command.output().unwrap())
}

/// Demo data, the billing pack added and its permissions granted by the seed file.
fn with_billing(url: &str) -> Env {
    let env = Env::new().with_demo_data();
    let pack = fixture("billing.yaml");
    run(&env, url, Some(REQUESTER), &["pack", "add", pack.to_str().unwrap()]).exit(3);
    run(&env, url, Some(ADMIN), &["pack", "add", pack.to_str().unwrap()])
        .exit(0)
        .stdout_has("added: pack billing");
    let seed = fixture("rbac-with-billing.yaml");
    run(&env, url, None, &["seed", "rbac", "--test-staff", "--file", seed.to_str().unwrap()]).exit(0);
    env
}

/// The billing pack edited by `edit`, written to a file of its own.
fn edited_pack(dir: &tempfile::TempDir, edit: impl FnOnce(String) -> String) -> PathBuf {
    let pack = dir.path().join("billing.yaml");
    std::fs::write(&pack, edit(std::fs::read_to_string(fixture("billing.yaml")).unwrap())).unwrap();
    pack
}

/// Demo data with `pack` added and the billing permissions granted.
fn with_pack(url: &str, pack: &std::path::Path) -> Env {
    let env = Env::new().with_demo_data();
    run(&env, url, Some(ADMIN), &["pack", "add", pack.to_str().unwrap()]).exit(0);
    let seed = fixture("rbac-with-billing.yaml");
    run(&env, url, None, &["seed", "rbac", "--test-staff", "--file", seed.to_str().unwrap()]).exit(0);
    env
}

/// Plans a confirm-level write and returns its action id and token.
fn planned(env: &Env, url: &str, request: &str) -> (String, String) {
    let plan = run(env, url, Some(REQUESTER), &["--output", "json", "plan", request]).exit(0).json();
    let step = &plan["steps"][0];
    let id = step["action_id"].as_str().unwrap_or_else(|| panic!("{plan}")).to_owned();
    (id, step["confirmation_token"].as_str().unwrap_or_else(|| panic!("{plan}")).to_owned())
}

fn audit_text(env: &Env) -> String {
    env.run(["audit", "query", "--output", "json", "--limit", "1000"]).exit(0).stdout
}

#[test]
fn the_example_pack_validates_without_a_database_and_mistakes_are_located() {
    let env = Env::new();
    env.run(["pack", "validate", fixture("billing.yaml").to_str().unwrap()])
        .exit(0)
        .stdout_has("billing.refund");
    let broken = fixture("broken.yaml");
    let run = env.run(["pack", "validate", broken.to_str().unwrap()]).exit(1);
    let located: Vec<&str> =
        run.stderr.lines().filter(|l| l.contains("broken.yaml:") && !l.starts_with("error:")).collect();
    for expected in [
        ":4:18: `lower` is not a secret name",
        "must be named `billing.<something>`",
        "is not declared under `permissions:`",
        "needs a second person",
        "needs `second_factor: true`",
        "additionalProperties: false",
        "the host comes only from base_url",
        "`params.nope` is not a parameter",
        "cannot use secrets",
        "a destructive action needs a `target`",
    ] {
        assert!(located.iter().any(|l| l.contains(expected)), "{expected} in:\n{}", run.stderr);
    }
    assert!(
        located.iter().all(|l| l.split(':').nth(1).is_some_and(|n| n.parse::<u32>().is_ok())),
        "{}",
        run.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    for (name, text, says) in [
        ("escape.yaml", "base_url: \"http://127.0.0.1:1\"\n", "http://{{ params.invoice_id }}/x"),
        ("hosted.yaml", "base_url: \"http://{{ env.HOST }}.example\"\n", ""),
        ("yaml.yaml", "base_url: [\n", ""),
    ] {
        let body = std::fs::read_to_string(fixture("billing.yaml"))
            .unwrap()
            .replace("base_url: \"{{ env.BILLING_URL }}\"\n", text)
            .replace(
                "path: /refunds",
                &format!("path: \"{}\"", if says.is_empty() { "/refunds" } else { says }),
            );
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let run = env.run(["pack", "validate", path.to_str().unwrap()]).exit(1);
        assert!(run.stderr.contains(&format!("{name}:")), "{name}: {}", run.stderr);
    }
}

#[test]
fn a_pack_read_is_answered_and_a_refund_is_planned_with_its_amount_in_cents() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    let packs = run(&env, &api.url, Some(ADMIN), &["pack", "list"]).exit(0);
    assert!(packs.stdout.contains("billing"), "{}", packs.stdout);
    let actions = run(&env, &api.url, Some(REQUESTER), &["actions"]).exit(0);
    assert!(actions.stdout.contains("billing.refund"), "{}", actions.stdout);
    run(&env, &api.url, Some(REQUESTER), &["ask", "show invoice INV-7"]).exit(0).stdout_has("Ann");
    let plan =
        run(&env, &api.url, Some(REQUESTER), &["--output", "json", "plan", "refund 25 eur of invoice INV-7"])
            .exit(0)
            .json();
    let step = &plan["steps"][0];
    assert_eq!(step["action"], "billing.refund", "{plan}");
    assert_eq!(step["params"]["amount_cents"], 2500, "{plan}");
    assert_eq!(step["status"], "pending_approval", "{plan}");
    let payload = step["payload"].to_string();
    assert!(payload.contains("secret('BILLING_TOKEN')") && !payload.contains(SECRET), "{payload}");

    // Approval by a second person and both second factors, then exactly one refund with exactly that body.
    let action = step["action_id"].as_str().unwrap();
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let mut approver = Authenticator::enroll(&env, ADMIN);
    run(&env, &api.url, Some(ADMIN), &["approve", action, "--yes", "--totp", &approver.next_code()]).exit(0);
    run(&env, &api.url, Some(REQUESTER), &["execute", action, "--totp", &requester.next_code()]).exit(0);
    let refunds = api.get("/refunds");
    assert_eq!(refunds.as_array().map(Vec::len), Some(1), "{refunds}");
    assert_eq!(refunds[0]["invoice_id"], "INV-7");
    assert_eq!(refunds[0]["amount_cents"], 2500);
    assert!(refunds[0].get("reason").is_none(), "an absent optional parameter is left out: {refunds}");
    let history = run(&env, &api.url, Some(REQUESTER), &["history"]).exit(0).stdout;
    assert!(history.contains("billing.refund") && history.contains("succeeded"), "{history}");
    assert!(!audit_text(&env).contains(SECRET));
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn concurrent_executes_of_one_confirmed_write_send_it_once_and_secrets_stay_out() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    let plan = run(
        &env,
        &api.url,
        Some(REQUESTER),
        &["--output", "json", "plan", "void invoice INV-8 because duplicate"],
    )
    .exit(0)
    .json();
    let step = &plan["steps"][0];
    assert_eq!(step["action"], "billing.void", "{plan}");
    let action = step["action_id"].as_str().unwrap().to_owned();
    let token = step["confirmation_token"].as_str().unwrap().to_owned();
    let dry = run(&env, &api.url, Some(REQUESTER), &["dry-run", &action]).exit(0);
    assert_eq!(api.get("/voids"), serde_json::json!([]), "dry-run sends nothing to the write path");
    assert!(!dry.stdout.contains(SECRET));
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| run(&env, &api.url, Some(REQUESTER), &["execute", &action, "--token", &token]))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(runs.iter().filter(|r| r.code == 0).count(), 1, "one execute wins");
    let voids = api.get("/voids");
    assert_eq!(voids.as_array().map(Vec::len), Some(1), "{voids}");
    assert_eq!(
        voids[0],
        serde_json::json!({"invoice_id": "INV-8", "reason": "duplicate", "by": "opsgate", "id": 1})
    );
    for run in &runs {
        assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
    }
    assert!(!audit_text(&env).contains(SECRET));
}

#[test]
fn a_refusal_by_the_api_fails_with_its_message() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    // json-server answers 404 for a collection it does not have: point the void at one.
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(fixture("billing.yaml")).unwrap().replace("path: /voids", "path: /nowhere");
    let pack = dir.path().join("billing.yaml");
    std::fs::write(&pack, text).unwrap();
    run(&env, &api.url, Some(ADMIN), &["pack", "add", pack.to_str().unwrap()])
        .exit(1)
        .stderr_has("--replace");
    run(&env, &api.url, Some(ADMIN), &["pack", "add", "--replace", pack.to_str().unwrap()]).exit(0);
    let plan = run(&env, &api.url, Some(REQUESTER), &["--output", "json", "plan", "void invoice INV-8"])
        .exit(0)
        .json();
    let step = &plan["steps"][0];
    let action = step["action_id"].as_str().unwrap();
    let token = step["confirmation_token"].as_str().unwrap();
    run(&env, &api.url, Some(REQUESTER), &["execute", action, "--token", token])
        .exit(1)
        .stderr_has("refused by the API (HTTP 404)");
    let show = run(&env, &api.url, Some(REQUESTER), &["show", action]).exit(0).stdout;
    assert!(show.contains("failed"), "{show}");
}

/// Accepts connections, reads what is sent, and never answers.
fn silent_front() -> (String, Arc<AtomicUsize>, Arc<std::sync::Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    let received = Arc::new(std::sync::Mutex::new(String::new()));
    let kept = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            let counted = counted.clone();
            let kept = kept.clone();
            std::thread::spawn(move || {
                stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
                let mut buffer = [0u8; 4096];
                if let Ok(n) = stream.read(&mut buffer)
                    && n > 0
                {
                    counted.fetch_add(1, Ordering::SeqCst);
                    kept.lock().unwrap().push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
                std::thread::sleep(Duration::from_secs(4));
            });
        }
    });
    (url, requests, received)
}

#[test]
fn a_write_whose_answer_is_lost_is_unknown_not_retried_and_shown_to_a_person() {
    let (url, requests, received) = silent_front();
    let env = Env::new().with_demo_data();
    let dir = tempfile::tempdir().unwrap();
    // No target (it would be read first) and a one-second timeout.
    let text = std::fs::read_to_string(fixture("billing.yaml"))
        .unwrap()
        .replace("headers:\n", "timeout: { connect: 1, request: 1 }\nheaders:\n")
        .replace("    target: { path: \"/invoices/{{ params.invoice_id }}\", watch: [status] }\n", "");
    let pack = dir.path().join("billing.yaml");
    std::fs::write(&pack, text).unwrap();
    run(&env, &url, Some(ADMIN), &["pack", "add", pack.to_str().unwrap()]).exit(0);
    let seed = fixture("rbac-with-billing.yaml");
    run(&env, &url, None, &["seed", "rbac", "--test-staff", "--file", seed.to_str().unwrap()]).exit(0);
    let plan =
        run(&env, &url, Some(REQUESTER), &["--output", "json", "plan", "void invoice INV-8"]).exit(0).json();
    let step = &plan["steps"][0];
    let action = step["action_id"].as_str().unwrap();
    let token = step["confirmation_token"].as_str().unwrap();
    run(&env, &url, Some(REQUESTER), &["execute", action, "--token", token]).exit(1).stderr_has("unknown");
    assert_eq!(requests.load(Ordering::SeqCst), 1, "sent once, never retried");
    let sent = received.lock().unwrap().to_lowercase();
    let number = action.trim_start_matches('a');
    assert!(sent.contains(&format!("idempotency-key: opsgate-a{number}")), "{sent}");
    assert!(
        sent.contains(&format!("authorization: bearer {}", SECRET.to_lowercase())),
        "the secret is filled at send time"
    );
    let show = run(&env, &url, Some(REQUESTER), &["show", action]).exit(0).stdout;
    assert!(show.contains("unknown"), "{show}");
    let history = run(&env, &url, Some(REQUESTER), &["history"]).exit(0).stdout;
    assert!(history.contains("unknown"), "{history}");
    let recover = run(&env, &url, Some(REQUESTER), &["execute", "--recover"]).exit(0).stdout;
    assert!(recover.contains(&format!("{action}: outcome unknown")), "{recover}");
    assert_eq!(requests.load(Ordering::SeqCst), 1, "recovery sends nothing");
    run(
        &env,
        &url,
        Some("agent@example.com"),
        &["execute", "--recover", "--settle", &format!("{action}=failed")],
    )
    .exit(3);
    run(&env, &url, Some(REQUESTER), &["execute", "--recover", "--settle", &format!("{action}=failed")])
        .exit(0)
        .stdout_has("settled as failed");
    let show = run(&env, &url, Some(REQUESTER), &["show", action]).exit(0).stdout;
    assert!(show.contains("failed") && !show.contains("unknown"), "{show}");
    env.run(["audit", "verify"]).exit(0);
}
