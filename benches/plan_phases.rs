//! Where a cold `plan` spends its time, phase by phase, in one process.
//!
//!     cargo bench --bench plan_phases

use std::time::Instant;

use opsgate::catalog::Catalog;
use opsgate::pipeline::{PlanOptions, plan_prompt};
use opsgate::planner::RulesPlanner;
use opsgate::session::{Session, Surface, Who};
use opsgate::store::{DbLocation, Store};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let paths = opsgate::paths::Paths {
            data_dir: dir.path().join("data"),
            config_dir: dir.path().join("config"),
        };
        opsgate::demo::ensure(&paths).await.unwrap();
        let location = DbLocation::Sqlite(paths.demo_db());

        let t = Instant::now();
        let catalog = Catalog::builtin();
        println!("catalog parse         {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let store =
            Store::open(&location).await.unwrap().with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
        println!("open + migrate        {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let person = store.staff_by_email("admin@example.com").await.unwrap().unwrap();
        let session = Session::new(store.clone(), catalog, Who::Person(person), Surface::Cli);
        println!("acting person         {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let planner = RulesPlanner::new(catalog);
        println!("planner index         {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        catalog.validate("bookings.refund", &serde_json::json!({"booking_id": 142})).unwrap();
        println!("schema compile+check  {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        plan_prompt(&session, &planner, "refund booking 142", PlanOptions { mode: "suggest" }).await.unwrap();
        println!("plan (first)          {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        plan_prompt(&session, &planner, "refund booking 142", PlanOptions { mode: "suggest" }).await.unwrap();
        println!("plan (second)         {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        store.close().await;
        println!("close                 {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);
    });
}
