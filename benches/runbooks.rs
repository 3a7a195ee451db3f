//! Runbook search benchmark: indexes 10,000 passages (200 Markdown documents of
//! 50 sections each) into a fresh SQLite database (PostgreSQL too when
//! `OPSGATE_BENCH_PG_URL` names an empty database), then times
//! `opsgate::runbooks::search` over a few hundred queries.
//!
//!     cargo bench --bench runbooks
//!     OPSGATE_BENCH_PG_URL=postgres://… cargo bench --bench runbooks
//!
//! Target (issue 5): `docs search` over 10,000 chunks ≤ 10 ms.

use std::time::{Duration, Instant};

use opsgate::audit::Actor;
use opsgate::runbooks::{Source, index, search};
use opsgate::store::{DbLocation, Store};

const DOCUMENTS: usize = 200;
const SECTIONS: usize = 50;
const QUERIES: usize = 400;
const LIMIT: usize = 5;

/// Words of an operations team's runbooks, most frequent first (drawn with a
/// Zipf-like skew), so that some query words are everywhere and some rare.
const OPS_WORDS: &[&str] = &[
    "the",
    "customer",
    "booking",
    "refund",
    "provider",
    "complaint",
    "agent",
    "within",
    "hours",
    "policy",
    "escalate",
    "manager",
    "payment",
    "approval",
    "queue",
    "priority",
    "response",
    "breach",
    "risk",
    "no-show",
    "cancel",
    "voucher",
    "wallet",
    "chargeback",
    "dispute",
    "insurance",
    "onboarding",
    "review",
    "suspend",
    "identity",
    "payout",
    "invoice",
    "settlement",
    "fraud",
    "safety",
    "legal",
    "shift",
    "rota",
    "pager",
    "incident",
    "outage",
    "database",
    "backup",
    "restore",
    "deploy",
    "rollback",
    "latency",
    "alert",
    "threshold",
    "metrics",
    "export",
    "report",
    "audit",
    "token",
    "signature",
    "totp",
    "rotation",
    "staff",
];

/// A small deterministic generator: the same corpus and queries on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An index in 0..n, skewed towards small values.
    fn skewed(&mut self, n: usize) -> usize {
        let a = (self.next() % n as u64) as usize;
        let b = (self.next() % n as u64) as usize;
        a.min(b)
    }

    fn word(&mut self) -> String {
        if self.next().is_multiple_of(3) {
            // A long tail of rarer made-up terms ("term4711").
            format!("term{}", self.skewed(5_000))
        } else {
            OPS_WORDS[self.skewed(OPS_WORDS.len())].to_owned()
        }
    }
}

fn corpus() -> Vec<Source> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..DOCUMENTS)
        .map(|d| {
            let mut text = format!("# Runbook {d}\n\n");
            for s in 0..SECTIONS {
                text.push_str(&format!("## Section {s} {}\n\n", rng.word()));
                for _ in 0..(3 + rng.next() % 6) {
                    let line: Vec<String> = (0..(6 + rng.next() % 8)).map(|_| rng.word()).collect();
                    text.push_str(&line.join(" "));
                    text.push('\n');
                }
                text.push('\n');
            }
            Source::from_text(&format!("runbooks/bench-{d:03}.md"), &text)
        })
        .collect()
}

fn queries() -> Vec<String> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut queries: Vec<String> = (0..QUERIES - 4)
        .map(|_| (0..(1 + rng.next() % 4)).map(|_| rng.word()).collect::<Vec<_>>().join(" "))
        .collect();
    queries.extend(
        [
            "what does our refund policy say about no-shows?",
            "which complaints are about to breach SLA",
            "\"foo AND (bar OR\" NEAR*",
            "escal",
        ]
        .map(str::to_owned),
    );
    queries
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

async fn bench(label: &str, store: &Store) {
    let sources = corpus();
    let started = Instant::now();
    let indexed = index(store, Actor::system(), &sources).await.unwrap();
    let elapsed = started.elapsed();
    let chunks: usize = indexed.iter().map(|d| d.chunks).sum();
    assert_eq!(chunks, DOCUMENTS * SECTIONS, "one passage per section");
    println!(
        "== {label}: {chunks} passages in {DOCUMENTS} documents, indexed in {:.2} s ({:.0} passages/s)",
        elapsed.as_secs_f64(),
        chunks as f64 / elapsed.as_secs_f64()
    );

    let queries = queries();
    for query in queries.iter().take(20) {
        search(store, query, LIMIT).await.unwrap();
    }
    let mut samples = Vec::with_capacity(queries.len());
    let mut found = 0;
    for query in &queries {
        let started = Instant::now();
        let passages = search(store, query, LIMIT).await.unwrap();
        samples.push(started.elapsed());
        found += usize::from(!passages.is_empty());
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "search (limit {LIMIT}), {} queries: median {:.2} ms · p95 {:.2} ms · max {:.2} ms ({found} found something)",
        samples.len(),
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.95)),
        ms(*samples.last().unwrap()),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing to select.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DbLocation::Sqlite(dir.path().join("bench.db"))).await.unwrap();
        bench("SQLite", &store).await;
        store.close().await;

        if let Ok(url) = std::env::var("OPSGATE_BENCH_PG_URL") {
            let store = Store::open(&DbLocation::parse(&url).unwrap()).await.unwrap();
            bench("PostgreSQL", &store).await;
            store.close().await;
        }
    });
}
