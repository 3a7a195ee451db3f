//! A playbook whose `for_each` makes 10,000 suggest-mode steps on SQLite (the
//! demo data set): each one a stored plan with its guarded, payload-built
//! action, confirmation token and audit entries. Target: ≥ 2,000 steps/s.
//!
//!     cargo bench --bench playbook
//!
//! `OPSGATE_BENCH_STEPS` changes the number of steps (default 10,000). Two
//! kinds of step are measured: explicit `action` steps, and `plan` steps whose
//! prompts go through the rules planner.

use std::time::Instant;

use opsgate::catalog::Catalog;
use opsgate::planner::RulesPlanner;
use opsgate::playbook::{self, Playbook, Quiet, RunRequest, RunStatus};
use opsgate::session::{Session, Surface, Who};
use opsgate::store::{DbLocation, Store};

const ACTION_STEPS: &str = r#"name: bench-actions
steps:
  - id: escalate
    for_each: range(STEPS)
    action: complaints.escalate
    params:
      complaint_id: "{{ item % 240 + 1 }}"
"#;

const PLAN_STEPS: &str = r#"name: bench-plans
steps:
  - id: escalate
    for_each: range(STEPS)
    plan: escalate complaint {{ item % 240 + 1 }}
"#;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let steps: usize =
        std::env::var("OPSGATE_BENCH_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let paths = opsgate::paths::Paths {
            data_dir: dir.path().join("data"),
            config_dir: dir.path().join("config"),
        };
        opsgate::demo::ensure(&paths).await.unwrap();
        let store = Store::open(&DbLocation::Sqlite(paths.demo_db()))
            .await
            .unwrap()
            .with_sealer(opsgate::sealed::Sealer::ephemeral().unwrap());
        let person = store.staff_by_email("admin@example.com").await.unwrap().unwrap();
        let catalog = Catalog::builtin();
        let planner = RulesPlanner::new(catalog);
        let session = Session::new(store.clone(), catalog, Who::Person(person), Surface::Playbook);
        println!("playbook for_each, suggest mode, SQLite, {steps} steps per run");
        for (kind, template) in [("action", ACTION_STEPS), ("plan", PLAN_STEPS)] {
            let file = dir.path().join(format!("{kind}.yaml"));
            std::fs::write(&file, template.replace("STEPS", &steps.to_string())).unwrap();
            let playbook = Playbook::load(&file).unwrap();
            let environment = |_: &str| None;
            let request = RunRequest {
                overrides: &[],
                allow_execute: false,
                planner: &planner,
                templates_dir: paths.config_dir.join("templates"),
                environment: &environment,
                terminal: None,
                progress: &Quiet,
            };
            let started = Instant::now();
            let report = playbook::run(&session, &playbook, request).await.unwrap();
            let seconds = started.elapsed().as_secs_f64();
            assert_eq!(report.status, RunStatus::Succeeded);
            assert_eq!(report.totals.pending_confirmation, steps);
            println!(
                "  {kind:<7} steps: {:>8.0} steps/s ({steps} plans in {seconds:.2} s; target ≥ 2,000/s)",
                steps as f64 / seconds
            );
        }
    });
}
