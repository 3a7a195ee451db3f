//! Scores the rules planner on corpus files (JSON Lines, see
//! `opsgate::planner::eval`) as of Monday 2026-11-23 15:00 UTC, the corpus's
//! "now".
//!
//!     cargo run --example planner_eval -- tests/fixtures/corpus/tuning.jsonl [--misses]
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
