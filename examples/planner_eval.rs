//! Scores the rules planner on corpus files (JSON Lines, see
//! `opsgate::planner::eval`) as of Monday 2026-11-23 15:00 UTC, the corpus's
//! "now".
//!
//!     cargo run --example planner_eval -- tests/fixtures/corpus/tuning.jsonl [--misses] [--calibration]
//!
//! Only the tuning part may guide changes to the planner: reading the
//! held-out part's misses spoils it as a measure.

use chrono::TimeZone;
use opsgate::catalog::Catalog;
use opsgate::planner::RulesPlanner;
use opsgate::planner::eval::{self, Expect};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: planner_eval FILE.jsonl… [--misses]");
        std::process::exit(2);
    }
    let mut cases = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        cases.extend(eval::load(&text).unwrap_or_else(|e| panic!("{file}: {e}")));
    }
    let catalog = Catalog::builtin();
    let now = chrono_tz::Tz::UTC.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let score = eval::score(&RulesPlanner::new(catalog), catalog, &cases, now);
    println!("{}", score.summary());
    if args.iter().any(|a| a == "--calibration") {
        let mut bins = [(0usize, 0usize, 0.0f64); 10];
        for verdict in &score.verdicts {
            if let Some((_, _, confidence)) = &verdict.planned {
                let bin = ((confidence * 10.0) as usize).min(9);
                bins[bin].0 += 1;
                bins[bin].1 += usize::from(verdict.right());
                bins[bin].2 += confidence;
            }
        }
        for (i, (n, right, sum)) in bins.iter().enumerate().filter(|(_, b)| b.0 > 0) {
            println!(
                "confidence {:.1}–{:.1}: {n:>3} planned, {:>5.1}% right, mean confidence {:.2}",
                i as f64 / 10.0,
                (i + 1) as f64 / 10.0,
                100.0 * *right as f64 / *n as f64,
                sum / *n as f64
            );
        }
    }
    if !misses {
        return;
    }
    for verdict in score.verdicts.iter().filter(|v| !v.right() || v.guessed_amount) {
        let expected = match &verdict.case.expect {
            Expect::Action { action, params } => {
                format!("{action} {}", serde_json::Value::Object(params.clone()))
            }
            Expect::Refuse { refuse } => format!("refuse {refuse:?}"),
        };
        let got = match (&verdict.planned, &verdict.refusal) {
            (Some((action, params, confidence)), _) => format!("{action} {params} ({confidence:.2})"),
            (None, Some(refusal)) => format!("refused: {}", refusal.chars().take(90).collect::<String>()),
            (None, None) => "refused".into(),
        };
        let flag = if verdict.guessed_amount { " GUESSED AMOUNT" } else { "" };
        println!(
            "[{}] {}\n    want {expected}\n    got  {got}{flag}",
            verdict.case.kind, verdict.case.prompt
        );
    }
}
