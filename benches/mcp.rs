//! MCP tool-call overhead for a read on the demo data: p50 and p99 of a
//! `tools/call` of `bookings.get` over stdio (the real `opsgate mcp`
//! process) and over Streamable HTTP (`/mcp` of `opsgate serve`, every
//! request signed), against the same read made in-process; and calls/s with
//! 8 concurrent HTTP sessions.
//!
//!     cargo bench --bench mcp
//!
//! `OPSGATE_BENCH_CALLS` sets the calls per measurement (default 400). A
//! session may make at most 100 tool calls (the elevated tier), so the
//! clients open a new session every 90 calls, as a long conversation would.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use opsgate::agents::{NewAgent, Tier};
use opsgate::audit::Actor;
use opsgate::catalog::Catalog;
use opsgate::keys::{KeyDir, KeyPair};
use opsgate::rbac::{ResolvedSeed, apply_seed};
use opsgate::server::{ServeOptions, serve};
use opsgate::session::{Session, Surface, Who};
use opsgate::store::{DbLocation, Store};
use serde_json::json;

const PERSON: &str = "admin@example.com";
const AGENT: &str = "bench";
const CALLS_PER_SESSION: usize = 90;
const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"0"}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;

fn call(id: usize, booking: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
           "params": {"name": "bookings.get", "arguments": {"booking_id": booking}}})
    .to_string()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1e3
}

fn report(label: &str, took: &mut [Duration], baseline: Option<f64>) -> f64 {
    took.sort();
    let (p50, p99) = (percentile(took, 0.5), percentile(took, 0.99));
    let overhead = baseline.map(|b| format!("  p50 overhead {:>5.2} ms", p50 - b)).unwrap_or_default();
    println!("{label:<28} p50 {p50:>6.2} ms  p99 {p99:>6.2} ms{overhead}");
    p50
}

async fn prepared(location: &DbLocation, keys: &KeyDir) -> (Store, KeyPair) {
    let store = Store::open_with_connections(location, 9)
        .await
        .unwrap()
        .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
    apply_seed(&store, &ResolvedSeed::builtin(), Actor::system(), Some(keys)).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    opsgate::demo::populate(&mut tx, chrono::Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let admin = store.staff_by_email(PERSON).await.unwrap().unwrap();
    let new = NewAgent {
        name: AGENT,
        model: "bench",
        tier: Tier::Write,
        rate_limit_per_min: 1_000_000,
        daily_token_budget: 1_000_000,
        daily_tool_call_budget: 1_000_000,
        daily_mutation_budget: 1_000,
    };
    opsgate::agents::register(&store, &admin, new).await.unwrap();
    let issued = opsgate::agents::credentials::issue(&store, &admin, AGENT, 1).await.unwrap();
    let credential = opsgate::agents::credentials::parse_private(&issued.private_key).unwrap();
    (store, credential)
}

/// The same read, in-process, through the same guard and answer modules.
async fn in_process(store: &Store, calls: usize) -> Vec<Duration> {
    let catalog = Catalog::builtin();
    let person = store.staff_by_email(PERSON).await.unwrap().unwrap();
    let session = Session::new(store.clone(), catalog, Who::Person(person), Surface::Mcp);
    let action = catalog.get("bookings.get").unwrap();
    let dir = std::path::PathBuf::new();
    let mut took = Vec::with_capacity(calls);
    for n in 0..calls {
        let started = Instant::now();
        opsgate::answer::read_explicit(&session, action, json!({"booking_id": 1 + n as i64 % 400}), &dir)
            .await
            .unwrap();
        took.push(started.elapsed());
    }
    took
}

/// `opsgate mcp` as a client starts it, one process per session.
fn over_stdio(db: &str, home: &std::path::Path, calls: usize) -> Vec<Duration> {
    let mut took = Vec::with_capacity(calls);
    while took.len() < calls {
        let mut child = Command::new(env!("CARGO_BIN_EXE_opsgate"))
            .args(["--db", db, "--as", PERSON, "mcp", "--agent", AGENT])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        writeln!(stdin, "{INITIALIZE}\n{INITIALIZED}").unwrap();
        stdout.read_line(&mut line).unwrap();
        for n in 0..CALLS_PER_SESSION.min(calls - took.len()) {
            let request = call(n + 1, 1 + (took.len() % 400) as i64);
            let started = Instant::now();
            writeln!(stdin, "{request}").unwrap();
            line.clear();
            stdout.read_line(&mut line).unwrap();
            took.push(started.elapsed());
            assert!(line.contains("structuredContent"), "{line}");
        }
        drop(stdin);
        let _ = child.wait();
    }
    took
}

/// One signed MCP session over HTTP.
struct HttpSession {
    client: reqwest::Client,
    url: String,
    key: Arc<KeyPair>,
    session: Option<String>,
}

impl HttpSession {
    async fn open(client: reqwest::Client, base: &str, key: Arc<KeyPair>) -> HttpSession {
        let mut session =
            HttpSession { client, url: format!("{base}/mcp?acting_for={PERSON}"), key, session: None };
        session.post(INITIALIZE).await;
        session.post(INITIALIZED).await;
        session
    }

    async fn post(&mut self, body: &str) -> String {
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).unwrap();
        let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let request =
            opsgate::httpsig::Request { method: "POST", target_uri: &self.url, body: body.as_bytes() };
        let created = chrono::Utc::now().timestamp();
        let signed =
            opsgate::httpsig::sign(self.key.signing_key(), &self.key.public_hex(), &request, created, &nonce);
        let mut builder = self
            .client
            .post(&self.url)
            .header("accept", "application/json, text/event-stream")
            .header("content-type", "application/json")
            .header("content-digest", signed.content_digest)
            .header("signature-input", signed.signature_input)
            .header("signature", signed.signature)
            .body(body.to_owned());
        if let Some(id) = &self.session {
            builder = builder.header("mcp-session-id", id).header("mcp-protocol-version", "2025-11-25");
        }
        let response = builder.send().await.unwrap();
        if let Some(id) = response.headers().get("mcp-session-id") {
            self.session = Some(id.to_str().unwrap().to_owned());
        }
        response.text().await.unwrap()
    }
}

async fn over_http(
    base: &str,
    key: Arc<KeyPair>,
    sessions: usize,
    calls: usize,
) -> (Vec<Duration>, Duration) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().build().unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for task in 0..sessions {
        let (client, base, key) = (client.clone(), base.to_owned(), key.clone());
        let per_session = calls / sessions;
        tasks.push(tokio::spawn(async move {
            let mut took = Vec::with_capacity(per_session);
            while took.len() < per_session {
                let mut session = HttpSession::open(client.clone(), &base, key.clone()).await;
                for n in 0..CALLS_PER_SESSION.min(per_session - took.len()) {
                    let request = call(n + 1, 1 + ((task * 37 + took.len()) % 400) as i64);
                    let t = Instant::now();
                    let answer = session.post(&request).await;
                    took.push(t.elapsed());
                    assert!(answer.contains("structuredContent"), "{answer}");
                }
            }
            took
        }));
    }
    let mut took = Vec::new();
    for task in tasks {
        took.extend(task.await.unwrap());
    }
    (took, started.elapsed())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let calls: usize = std::env::var("OPSGATE_BENCH_CALLS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path().join("keys"));
        let db = dir.path().join("bench.db");
        let location = DbLocation::Sqlite(db.clone());
        let (store, credential) = prepared(&location, &keys).await;
        println!("== SQLite, {calls} calls of bookings.get each");
        let baseline = report("in-process read", &mut in_process(&store, calls).await, None);
        let db_text = db.display().to_string();
        let home = dir.path().to_owned();
        let mut stdio =
            tokio::task::spawn_blocking(move || over_stdio(&db_text, &home, calls)).await.unwrap();
        report("stdio tools/call", &mut stdio, Some(baseline));

        let (ready, bound) = tokio::sync::oneshot::channel();
        let options = ServeOptions {
            shutdown_grace: Duration::from_secs(1),
            ..ServeOptions::on("127.0.0.1:0".parse().unwrap())
        };
        let paths = opsgate::paths::Paths {
            data_dir: dir.path().join("data"),
            config_dir: dir.path().join("config"),
        };
        tokio::spawn(serve(store.clone(), paths, location.clone(), options, move |addr| {
            let _ = ready.send(addr);
        }));
        let base = format!("http://{}", bound.await.unwrap());
        let key = Arc::new(credential);
        let (mut one, _) = over_http(&base, key.clone(), 1, calls).await;
        report("HTTP tools/call, 1 session", &mut one, Some(baseline));
        let (mut eight, elapsed) = over_http(&base, key, 8, calls).await;
        report("HTTP tools/call, 8 sessions", &mut eight, Some(baseline));
        println!("8 concurrent HTTP sessions  {:>6.0} calls/s", eight.len() as f64 / elapsed.as_secs_f64());
    });
}
