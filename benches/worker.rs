//! Worker throughput: approved wallet credits executed per second from the
//! queue, with 1 and 4 workers, on PostgreSQL (SQLite too, for comparison).
//!
//!     OPSGATE_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/empty_db cargo bench --bench worker
//!     OPSGATE_BENCH_ACTIONS=2000 …       # actions per run (default 1000)
//!
//! Each run plans, approves (Ed25519 + TOTP) and queues its own batch through
//! the library, then times `run_worker` until the queue is empty. Workers are
//! lanes of one process, each claiming with its own connection, exactly as
//! separate `opsgate worker` processes would.

use std::time::Instant;

use opsgate::audit::Actor;
use opsgate::catalog::Catalog;
use opsgate::keys::KeyDir;
use opsgate::pipeline::{
    ApprovalDecision, Confirmation, DecisionSigner, ExecuteRequest, PlanOptions, decide_approval,
    execute_action, plan_prompt,
};
use opsgate::planner::RulesPlanner;
use opsgate::rbac::{ResolvedSeed, apply_seed};
use opsgate::second_factor::{CodeSource, SecondFactor, enroll};
use opsgate::session::{Constraints, Mode, Session, Surface, Who};
use opsgate::store::{DbLocation, Pool, Store};
use opsgate::totp::TotpSecret;
use opsgate::worker::{WorkerOptions, run_worker};

const REQUESTER: &str = "admin@example.com";
const APPROVER: &str = "super_admin@example.com";

async fn sql(store: &Store, text: String) {
    match store.pool() {
        Pool::Sqlite(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(text)).execute(pool).await.map(|_| ()),
        Pool::Postgres(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(text)).execute(pool).await.map(|_| ()),
    }
    .unwrap();
}

fn code(secret: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    TotpSecret::from_base32(secret).unwrap().code_at(now)
}

/// Plans, approves and queues `count` wallet credits to fresh customers.
async fn queue_batch(store: &Store, keys: &KeyDir, secrets: &(String, String), first_user: i64, count: i64) {
    let values: Vec<String> = (first_user..first_user + count)
        .map(|id| format!("({id}, 'Bench {id}', 'bench{id}@example.org', 'active', 0, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"))
        .collect();
    sql(
        store,
        format!(
            "INSERT INTO users (id, name, email, status, wallet_balance_cents, created_at, updated_at) VALUES {}",
            values.join(", ")
        ),
    )
    .await;
    let catalog = Catalog::builtin();
    let planner = RulesPlanner::new(catalog);
    let requester = store.staff_by_email(REQUESTER).await.unwrap().unwrap();
    let approver = store.staff_by_email(APPROVER).await.unwrap().unwrap();
    let requesting = Session::new(store.clone(), catalog, Who::Person(requester), Surface::Cli)
        .with_constraints(Constraints::mode(Mode::Execute));
    let approving = Session::new(store.clone(), catalog, Who::Person(approver), Surface::Cli);
    let mut rows = Vec::new();
    for user in first_user..first_user + count {
        let prompt = format!("credit user {user} wallet with 1 eur");
        let plan =
            plan_prompt(&requesting, &planner, &prompt, PlanOptions { mode: "suggest" }).await.unwrap();
        rows.push(store.load_action(plan.steps[0].action_id.0).await.unwrap().unwrap());
    }
    let approver_code = code(&secrets.1);
    let mut approver_factor = SecondFactor::new(CodeSource::Given(&approver_code));
    for row in &rows {
        decide_approval(
            &approving,
            row,
            &DecisionSigner::Key(keys),
            ApprovalDecision::Approve,
            &mut approver_factor,
        )
        .await
        .unwrap();
    }
    let requester_code = code(&secrets.0);
    let mut requester_factor = SecondFactor::new(CodeSource::Given(&requester_code));
    for row in &rows {
        let row = store.load_action(row.id).await.unwrap().unwrap();
        let request = ExecuteRequest {
            confirmation: Confirmation::Missing,
            second_factor: &mut requester_factor,
            queue: true,
        };
        execute_action(&requesting, &row, request).await.unwrap();
    }
}

async fn bench(label: &str, store: &Store, keys: &KeyDir, count: i64) {
    apply_seed(store, &ResolvedSeed::builtin(), Actor::system(), Some(keys)).await.unwrap();
    let mut secrets = Vec::new();
    for email in [REQUESTER, APPROVER] {
        let person = store.staff_by_email(email).await.unwrap().unwrap();
        let mut none = SecondFactor::new(CodeSource::Missing);
        let proof = opsgate::staff::KeyProof::Local(keys.clone());
        secrets.push(enroll(store, &person, &proof, &mut none).await.unwrap().secret);
    }
    let secrets = (secrets[0].clone(), secrets[1].clone());
    println!("== {label}: {count} approved actions per run");
    let mut first_user = 1_000_000;
    for concurrency in [1, 4] {
        queue_batch(store, keys, &secrets, first_user, count).await;
        first_user += count;
        let options = WorkerOptions { concurrency, poll: std::time::Duration::from_secs(1), once: true };
        let started = Instant::now();
        let report = run_worker(store, Catalog::builtin(), options, std::future::pending()).await.unwrap();
        let elapsed = started.elapsed();
        assert_eq!(
            report.succeeded as i64,
            count,
            "{:?}",
            report.outcomes.iter().find(|o| o.error.is_some())
        );
        println!(
            "{concurrency} worker{}: {:>8.0} actions/s ({count} in {:.2} s)",
            if concurrency == 1 { " " } else { "s" },
            count as f64 / elapsed.as_secs_f64(),
            elapsed.as_secs_f64()
        );
        if concurrency == 1 {
            // Each person's TOTP code is single-use: the next batch needs the next 30-second step.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
            std::thread::sleep(std::time::Duration::from_secs(31 - now % 30));
        }
    }
    let verify = store.verify_audit().await.unwrap();
    assert!(verify.first_broken.is_none());
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let count: i64 = std::env::var("OPSGATE_BENCH_ACTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path().join("keys"));
        if let Ok(url) = std::env::var("OPSGATE_BENCH_PG_URL") {
            let store = Store::open(&DbLocation::parse(&url).unwrap())
                .await
                .unwrap()
                .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
            bench("PostgreSQL", &store, &keys, count).await;
            store.close().await;
        } else {
            println!("OPSGATE_BENCH_PG_URL is not set: PostgreSQL skipped");
        }
        let store = Store::open_with_connections(&DbLocation::Sqlite(dir.path().join("bench.db")), 5)
            .await
            .unwrap()
            .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
        bench("SQLite", &store, &keys, count).await;
        store.close().await;
    });
}
