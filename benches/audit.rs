//! Audit log benchmark: append (one by one and batched), `verify`, and a
//! filtered query over 1,000,000 entries on SQLite (PostgreSQL too when
//! `OPSGATE_BENCH_PG_URL` names an empty database).
//!
//!     cargo bench --bench audit            # full run, 1,000,000 entries
//!     OPSGATE_BENCH_ENTRIES=100000 cargo bench --bench audit
//!
//! Targets (issue 2): batched append ≥ 20,000/s, verify ≥ 1,000,000/s,
//! filtered query ≤ 20 ms.

use std::time::{Duration, Instant};

use opsgate::audit::{Actor, Event, NewAuditEntry, Outcome};
use opsgate::store::{AuditFilter, DbLocation, Store};
use serde_json::json;

const BATCH: usize = 10_000;
const ONE_BY_ONE: usize = 2_000;

fn entry(n: usize) -> NewAuditEntry {
    let actor = format!("person{}@example.com", n % 100);
    let event = [
        Event::PlanCreated,
        Event::ActionExecuted,
        Event::StepPlanned,
        Event::ApprovalGranted,
        Event::StaffAdd,
    ][n % 5];
    let status = match n % 20 {
        0 => Outcome::Denied,
        1 => Outcome::Failed,
        _ => Outcome::Succeeded,
    };
    NewAuditEntry::new(Actor::person(actor), event, status)
        .subject(format!("person{}@example.com", (n * 7) % 100))
        .action((n / 3) as i64)
        .payload(json!({"prompt": "refund booking 1042", "action": "bookings.refund", "params": {"booking_id": n % 600, "amount_cents": 4200}}))
        .result(json!({"rows_affected": 1}))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

async fn bench(label: &str, store: &Store, entries: usize) {
    println!("== {label}: {entries} entries");

    let started = Instant::now();
    for n in 0..ONE_BY_ONE {
        store.append_audit(&[entry(n)]).await.unwrap();
    }
    let elapsed = started.elapsed();
    println!(
        "append one by one:   {:>10.0} entries/s ({ONE_BY_ONE} transactions)",
        ONE_BY_ONE as f64 / elapsed.as_secs_f64()
    );

    let started = Instant::now();
    let mut written = ONE_BY_ONE;
    while written < entries {
        let batch: Vec<_> = (written..(written + BATCH).min(entries)).map(entry).collect();
        written += batch.len();
        store.append_audit(&batch).await.unwrap();
    }
    let elapsed = started.elapsed();
    let batched = entries - ONE_BY_ONE;
    println!(
        "append batched:      {:>10.0} entries/s (batches of {BATCH})",
        batched as f64 / elapsed.as_secs_f64()
    );

    let started = Instant::now();
    let mut scanned = 0u64;
    store
        .scan_audit(|_| {
            scanned += 1;
            true
        })
        .await
        .unwrap();
    let elapsed = started.elapsed();
    println!("  (read rows only:   {:>10.0} entries/s)", scanned as f64 / elapsed.as_secs_f64());
    let rows: Vec<_> =
        store.query_audit(&AuditFilter { limit: Some(100_000), ..Default::default() }).await.unwrap();
    let started = Instant::now();
    for entry in &rows {
        std::hint::black_box(opsgate::audit::entry_hash(&entry.hashed_fields()));
    }
    let elapsed = started.elapsed();
    println!("  (hash only:        {:>10.0} entries/s)", rows.len() as f64 / elapsed.as_secs_f64());

    let started = Instant::now();
    let report = store.verify_audit().await.unwrap();
    let elapsed = started.elapsed();
    assert!(report.ok && report.entries == entries as u64, "{report:?}");
    println!(
        "verify:              {:>10.0} entries/s ({:.2} s)",
        entries as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );

    // Checkpoints and proofs at this size, then 10,000 more entries verified from the checkpoint.
    let started = Instant::now();
    let (checkpoint, _) = opsgate::audit::tree::checkpoint(store).await.unwrap();
    println!("checkpoint (full):   {:>10.2} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    opsgate::audit::tree::prove_inclusion(store, entries as i64 / 2, None).await.unwrap();
    println!("inclusion proof:     {:>10.2} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    opsgate::audit::tree::prove_consistency(store, entries as i64 / 2, None).await.unwrap();
    println!("consistency proof:   {:>10.2} s", started.elapsed().as_secs_f64());
    let more: Vec<NewAuditEntry> = (0..10_000).map(|n| entry(entries + n)).collect();
    for batch in more.chunks(1000) {
        store.append_audit(batch).await.unwrap();
    }
    let started = Instant::now();
    let (report, consistency) = opsgate::audit::tree::verify_since(store, &checkpoint).await.unwrap();
    let elapsed = started.elapsed();
    assert!(report.ok && consistency.size == entries as u64 + 10_000, "{report:?}");
    println!("verify since checkpoint, 10,000 new entries: {:>7.1} ms", elapsed.as_secs_f64() * 1000.0);
    let started = Instant::now();
    opsgate::audit::tree::checkpoint(store).await.unwrap();
    println!(
        "checkpoint after 10,000 new entries:        {:>7.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let filters = [
        (
            "actor + event, newest 50",
            AuditFilter {
                actor: Some("person41@example.com".into()),
                event: Some("action.executed".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "status denied, newest 50",
            AuditFilter { status: Some("denied".into()), limit: Some(50), ..Default::default() },
        ),
        ("action id", AuditFilter { action_id: Some(1234), limit: Some(50), ..Default::default() }),
        (
            "event prefix + since, newest 50",
            AuditFilter {
                event: Some("approval.*".into()),
                since: Some(chrono::Utc::now() - chrono::Duration::hours(1)),
                limit: Some(50),
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in filters {
        let mut samples = Vec::new();
        for _ in 0..21 {
            let started = Instant::now();
            let rows = store.query_audit(&filter).await.unwrap();
            samples.push(started.elapsed());
            assert!(!rows.is_empty(), "{name} matched nothing");
        }
        println!("query {name:<32} median {:>7.2} ms", median(samples).as_secs_f64() * 1000.0);
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing to select.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let entries: usize =
        std::env::var("OPSGATE_BENCH_ENTRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sealer = || opsgate::sealed::Sealer::ephemeral().unwrap();
        let store = Store::open(&DbLocation::Sqlite(dir.path().join("bench.db")))
            .await
            .unwrap()
            .with_sealer(sealer());
        bench("SQLite", &store, entries).await;
        store.close().await;

        if let Ok(url) = std::env::var("OPSGATE_BENCH_PG_URL") {
            let store = Store::open(&DbLocation::parse(&url).unwrap()).await.unwrap().with_sealer(sealer());
            bench("PostgreSQL", &store, entries).await;
            store.close().await;
        }
    });
}
