//! Several processes appending to one database keep one linear chain.
//!
//! The writers are real OS processes: this test binary re-runs itself with the
//! ignored `append_child` test selected and the database named in the environment.

use std::process::Command;
use std::time::{Duration, Instant};

use opsgate::audit::{Actor, Event, NewAuditEntry, Outcome};
use opsgate::store::{DbLocation, Store};
use serde_json::json;

use crate::support::{Env, block_on};

const WRITERS: usize = 8;
const ENTRIES_PER_WRITER: usize = 500;

#[test]
fn eight_processes_appending_500_entries_each_leave_one_valid_chain() {
    let env = Env::new();
    // Migrate once up front so that the writers only race on appends.
    block_on(async { env.store().await.close().await });

    let started = Instant::now();
    let mut children: Vec<_> = (0..WRITERS)
        .map(|writer| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "concurrent_audit::append_child",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("OPSGATE_CHILD_DB", &env.db_url)
                .env("OPSGATE_CHILD_WRITER", writer.to_string())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in &mut children {
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "a writer failed: {status}");
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(240), "writers did not finish in time");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    let total = (WRITERS * ENTRIES_PER_WRITER) as i64;
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log"), total);
    assert_eq!(env.scalar("SELECT MAX(id) FROM opsgate_audit_log"), total);
    assert_eq!(env.scalar("SELECT COUNT(DISTINCT actor_id) FROM opsgate_audit_log"), WRITERS as i64);
    assert_eq!(
        env.scalar("SELECT COUNT(DISTINCT prev_hash) FROM opsgate_audit_log"),
        total,
        "no fork in the chain"
    );
    let report = env.run(["audit", "verify", "-o", "json"]).exit(0).json();
    assert_eq!(report["entries"], total);
}

/// A writer process; does nothing unless started by the test above.
#[test]
#[ignore = "run as a child process by eight_processes_appending_500_entries_each_leave_one_valid_chain"]
fn append_child() {
    let (Ok(url), Ok(writer)) = (std::env::var("OPSGATE_CHILD_DB"), std::env::var("OPSGATE_CHILD_WRITER"))
    else {
        return;
    };
    block_on(async {
        let store = Store::open(&DbLocation::parse(&url).unwrap()).await.unwrap();
        for n in 0..ENTRIES_PER_WRITER {
            let entry = NewAuditEntry::new(
                Actor::agent(format!("writer-{writer}")),
                Event::LlmRequest,
                Outcome::Succeeded,
            )
            .payload(json!({"writer": writer, "n": n}));
            store.append_audit(&[entry]).await.unwrap();
        }
        store.close().await;
    });
}
