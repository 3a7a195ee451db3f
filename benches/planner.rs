//! In-process planner throughput: the offline rules planner over a mix of
//! prompts (issue 3 target: ≥ 10,000 prompts/s).
//!
//!     cargo bench --bench planner

use std::time::Instant;

use chrono::Utc;
use opsgate::catalog::Catalog;
use opsgate::planner::{Planner, RulesPlanner};

const PROMPTS: &[&str] = &[
    "refund booking 1042",
    "cancel booking 5 and refund it",
    "which complaints are about to breach sla?",
    "revenue in the last 30 days",
    "assign complaint 17 to agent@example.com",
    "update phone of user 12 to +49 151 2345 6789",
    "list critical complaints opened this week",
    "make kim@example.com a senior agent",
    "reschedule booking 12 to 2026-12-01 14:30",
    "what's the weather in Paris",
];

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let catalog = Catalog::builtin();
    let planner = RulesPlanner::new(catalog);
    let now = Utc::now().with_timezone(&chrono_tz::Tz::UTC);
    // Warm up: first use builds lookup tables.
    for prompt in PROMPTS {
        let _ = planner.propose(prompt, catalog, now);
    }
    let rounds = 5_000;
    let started = Instant::now();
    let mut planned = 0usize;
    for _ in 0..rounds {
        for prompt in PROMPTS {
            if planner.propose(prompt, catalog, now).is_ok() {
                planned += 1;
            }
        }
    }
    let elapsed = started.elapsed();
    let total = rounds * PROMPTS.len();
    println!(
        "rules planner: {total} prompts in {:.3} s = {:.0} prompts/s ({planned} planned, {} unplannable)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        total - planned
    );
}
