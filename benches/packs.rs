//! opsgate's overhead per pack action over json-server's own latency: p50
//! and p99 of a pack read (`billing.invoice_get` through the guard and the
//! answer module) and of a confirmed pack write (`billing.void` planned from
//! plain language, then executed with its token: the target read at plan
//! time and again before sending, the POST, the intent and outcome records
//! and their audit entries), each against the same HTTP requests sent
//! straight to json-server, interleaved so that both see the same machine.
//!
//!     cargo bench --bench packs
//!
//! Needs json-server 0.17 on PATH (`npm install -g json-server@0.17.4`).
//! `OPSGATE_BENCH_ACTIONS` sets the actions per measurement (default 300).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use opsgate::pipeline::{Confirmation, ExecuteRequest, PlanOptions, execute_action, plan_prompt};
use opsgate::planner::RulesPlanner;
use opsgate::second_factor::{CodeSource, SecondFactor};
use opsgate::session::{Constraints, Mode, Session, Surface, Who};
use opsgate::store::{DbLocation, Store};
use serde_json::json;

const PERSON: &str = "admin@example.com";
const TOKEN: &str = "bench-token";
const INVOICES: usize = 50;

struct JsonServer(Child);

impl Drop for JsonServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn json_server(dir: &std::path::Path) -> (JsonServer, String) {
    let invoices: Vec<_> = (1..=INVOICES)
        .map(|n| json!({"id": format!("INV-{n}"), "customer": "Ann", "status": "open", "total_cents": 1000 * n, "refunded_cents": 0}))
        .collect();
    let db = json!({"invoices": invoices, "refunds": [], "voids": []});
    std::fs::write(dir.join("db.json"), db.to_string()).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("json-server")
        .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--quiet", "db.json"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("json-server 0.17 on PATH (npm install -g json-server@0.17.4)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "json-server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (JsonServer(child), format!("http://127.0.0.1:{port}"))
}

fn opsgate(db: &std::path::Path, home: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_opsgate"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "opsgate {args:?}");
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1e3
}

fn report(label: &str, took: &mut [Duration], baseline: &mut [Duration]) {
    took.sort();
    baseline.sort();
    let (p50, p99) = (percentile(took, 0.5), percentile(took, 0.99));
    let (b50, b99) = (percentile(baseline, 0.5), percentile(baseline, 0.99));
    println!(
        "{label:<34} opsgate p50 {p50:>6.2} ms p99 {p99:>6.2} ms · json-server p50 {b50:>6.2} ms p99 {b99:>6.2} ms · overhead p50 {:>5.2} ms p99 {:>5.2} ms",
        p50 - b50,
        p99 - b99
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let actions: usize =
        std::env::var("OPSGATE_BENCH_ACTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let dir = tempfile::tempdir().unwrap();
    let (_server, url) = json_server(dir.path());
    // SAFETY: set before the runtime starts any thread.
    unsafe {
        std::env::set_var("BILLING_URL", &url);
        std::env::set_var("BILLING_TOKEN", TOKEN);
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    // The baseline client needs the TLS provider opsgate's own client installs.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let paths = opsgate::paths::Paths {
            data_dir: dir.path().join("data"),
            config_dir: dir.path().join("config"),
        };
        opsgate::demo::ensure(&paths).await.unwrap();
        let db = paths.demo_db();
        let pack = root.join("billing.yaml");
        opsgate(&db, dir.path(), &["--as", "super_admin@example.com", "pack", "add", pack.to_str().unwrap()]);
        let seed = root.join("rbac-with-billing.yaml");
        opsgate(&db, dir.path(), &["seed", "rbac", "--test-staff", "--file", seed.to_str().unwrap()]);

        let store = Store::open(&DbLocation::Sqlite(db))
            .await
            .unwrap()
            .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
        let catalog = store.catalog().await.unwrap();
        let person = store.staff_by_email(PERSON).await.unwrap().unwrap();
        let session = Session::new(store.clone(), catalog, Who::Person(person), Surface::Cli)
            .with_constraints(Constraints::mode(Mode::Execute));
        let planner = RulesPlanner::new(catalog);
        let read = catalog.get("billing.invoice_get").unwrap();
        let templates = std::path::PathBuf::new();
        let client = reqwest::Client::new();
        let auth = format!("Bearer {TOKEN}");

        let (mut read_took, mut read_base) = (Vec::new(), Vec::new());
        let (mut plan_took, mut plan_base) = (Vec::new(), Vec::new());
        let (mut execute_took, mut execute_base) = (Vec::new(), Vec::new());
        for n in 0..actions {
            let invoice = format!("INV-{}", 1 + n % INVOICES);
            let target = format!("{url}/invoices/{invoice}");

            let started = Instant::now();
            let got = client.get(&target).header("Authorization", &auth).send().await.unwrap();
            got.bytes().await.unwrap();
            read_base.push(started.elapsed());
            let started = Instant::now();
            opsgate::answer::read_explicit(&session, read, json!({"invoice_id": invoice}), &templates)
                .await
                .unwrap();
            read_took.push(started.elapsed());

            // Plan: the target read once, then the plan and its action stored.
            let started = Instant::now();
            let got = client.get(&target).header("Authorization", &auth).send().await.unwrap();
            got.bytes().await.unwrap();
            plan_base.push(started.elapsed());
            let started = Instant::now();
            let plan = plan_prompt(
                &session,
                &planner,
                &format!("void invoice {invoice}"),
                PlanOptions { mode: "execute" },
            )
            .await
            .unwrap();
            plan_took.push(started.elapsed());
            let step = &plan.steps[0];
            assert_eq!(step.action, "billing.void");
            let row = store.load_action(step.action_id.0).await.unwrap().unwrap();
            let token = step.confirmation_token.clone().unwrap();

            // Execute: the target read again, the POST, and the intent and outcome records.
            let started = Instant::now();
            let got = client.get(&target).header("Authorization", &auth).send().await.unwrap();
            got.bytes().await.unwrap();
            let body = json!({"invoice_id": invoice, "by": "opsgate"});
            let sent = client
                .post(format!("{url}/voids"))
                .header("Authorization", &auth)
                .header("Idempotency-Key", format!("bench-{n}"))
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(sent.status().is_success());
            sent.bytes().await.unwrap();
            execute_base.push(started.elapsed());
            let started = Instant::now();
            let mut second_factor = SecondFactor::new(CodeSource::Missing);
            let request = ExecuteRequest {
                confirmation: Confirmation::Token(&token),
                second_factor: &mut second_factor,
                queue: false,
            };
            execute_action(&session, &row, request).await.unwrap();
            execute_took.push(started.elapsed());
        }
        println!("{actions} actions of each kind against json-server 0.17 on 127.0.0.1, state in SQLite");
        report("read (billing.invoice_get)", &mut read_took, &mut read_base);
        report("plan of a write (billing.void)", &mut plan_took, &mut plan_base);
        report("execute with its token", &mut execute_took, &mut execute_base);
        store.close().await;
    });
}
