//! Signed `plan` requests per second against `opsgate serve`, with 1, 8 and
//! 32 concurrent clients, and the server's overhead over the same plan made
//! in-process (p50 and p99 of each).
//!
//!     cargo bench --bench serve
//!     OPSGATE_BENCH_PG_URL=postgres://… cargo bench --bench serve   # PostgreSQL too
//!
//! `OPSGATE_BENCH_REQUESTS` sets the requests per concurrency level (default 600).

use std::sync::Arc;
use std::time::{Duration, Instant};

use opsgate::audit::Actor;
use opsgate::catalog::Catalog;
use opsgate::keys::KeyDir;
use opsgate::pipeline::{PlanOptions, plan_prompt};
use opsgate::planner::RulesPlanner;
use opsgate::rbac::{ResolvedSeed, apply_seed};
use opsgate::remote::{Call, Remote};
use opsgate::render::OutputFormat;
use opsgate::server::{ServeOptions, serve};
use opsgate::session::{Session, Surface, Who};
use opsgate::store::{DbLocation, Store};

const PERSON: &str = "admin@example.com";
const PROMPT: &str = "refund booking 142";

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1e3
}

async fn prepared(location: &DbLocation, keys: &KeyDir) -> Store {
    let store = Store::open_with_connections(location, 9)
        .await
        .unwrap()
        .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
    apply_seed(&store, &ResolvedSeed::builtin(), Actor::system(), Some(keys)).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    opsgate::demo::populate(&mut tx, chrono::Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    store
}

async fn in_process(store: &Store, requests: usize) -> Vec<Duration> {
    let catalog = Catalog::builtin();
    let person = store.staff_by_email(PERSON).await.unwrap().unwrap();
    let planner = RulesPlanner::new(catalog);
    let mut took = Vec::with_capacity(requests);
    for _ in 0..requests {
        // A session per plan, as the server builds one per request.
        let session = Session::new(store.clone(), catalog, Who::Person(person.clone()), Surface::Cli);
        let started = Instant::now();
        plan_prompt(&session, &planner, PROMPT, PlanOptions { mode: "suggest" }).await.unwrap();
        took.push(started.elapsed());
    }
    took.sort();
    took
}

async fn bench(label: &str, location: DbLocation, keys: &KeyDir, requests: usize) {
    let store = prepared(&location, keys).await;
    let local = in_process(&store, requests.min(300)).await;
    let (p50_local, p99_local) = (percentile(&local, 0.5), percentile(&local, 0.99));
    println!("== {label}");
    println!("in-process plan       p50 {p50_local:>6.2} ms  p99 {p99_local:>6.2} ms");

    let (ready, bound) = tokio::sync::oneshot::channel();
    let options = ServeOptions {
        shutdown_grace: Duration::from_secs(1),
        ..ServeOptions::on("127.0.0.1:0".parse().unwrap())
    };
    let paths =
        opsgate::paths::Paths { data_dir: keys.dir().join("data"), config_dir: keys.dir().join("config") };
    tokio::spawn(serve(store.clone(), paths, location.clone(), options, move |addr| {
        let _ = ready.send(addr);
    }));
    let addr = bound.await.unwrap();
    let key = keys.read(PERSON).unwrap();
    let remote = Arc::new(Remote::new(&format!("http://{addr}"), key, PERSON.into(), None).unwrap());
    let call = Call::post("/v1/plans", serde_json::json!({"prompt": PROMPT}));
    for clients in [1usize, 8, 32] {
        let per_client = requests / clients;
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let (remote, call) = (remote.clone(), call.clone());
            tasks.push(tokio::spawn(async move {
                let mut took = Vec::with_capacity(per_client);
                for _ in 0..per_client {
                    let t = Instant::now();
                    let answer = remote.send(&call, OutputFormat::Json).await.unwrap();
                    answer.result.unwrap();
                    took.push(t.elapsed());
                }
                took
            }));
        }
        let mut took = Vec::new();
        for task in tasks {
            took.extend(task.await.unwrap());
        }
        let elapsed = started.elapsed();
        took.sort();
        let (p50, p99) = (percentile(&took, 0.5), percentile(&took, 0.99));
        println!(
            "{clients:>2} client{}  {:>7.0} signed plans/s  p50 {p50:>6.2} ms  p99 {p99:>6.2} ms  p50 overhead {:>5.2} ms",
            if clients == 1 { " " } else { "s" },
            took.len() as f64 / elapsed.as_secs_f64(),
            p50 - p50_local,
        );
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let requests: usize =
        std::env::var("OPSGATE_BENCH_REQUESTS").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    // Two worker threads: this machine's two cores, shared by the server and its clients.
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path().join("keys"));
        bench("SQLite", DbLocation::Sqlite(dir.path().join("bench.db")), &keys, requests).await;
        match std::env::var("OPSGATE_BENCH_PG_URL") {
            Ok(url) => bench("PostgreSQL", DbLocation::parse(&url).unwrap(), &keys, requests).await,
            Err(_) => println!("OPSGATE_BENCH_PG_URL is not set: PostgreSQL skipped"),
        }
    });
}
