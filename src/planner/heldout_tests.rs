//! The rules planner on the held-out part of the evaluation corpus
//! (`tests/fixtures/corpus/`, written by people who never saw the planner's
//! vocabulary). Each floor is the score reached so far: a change that makes
//! any of them worse fails here, and a change that improves them raises them.
//! Only the tuning part may guide changes; see the README.

use chrono::TimeZone;

use super::RulesPlanner;
use super::eval::{load, score};
use crate::catalog::Catalog;

const HELD_OUT: &str = include_str!("../../tests/fixtures/corpus/heldout.jsonl");

/// (first action right, parameters right, out of scope refused, ambiguous asked back), in per cent.
const FLOORS: (f64, f64, f64, f64) = (77.1, 76.4, 95.7, 100.0);

/// The corpus's "now": Monday 2026-11-23 15:00 in the team's zone, UTC.
fn scored(text: &str) -> super::eval::Score {
    let catalog = Catalog::builtin();
    let now = chrono_tz::Tz::UTC.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    score(&RulesPlanner::new(catalog), catalog, &load(text).unwrap(), now)
}

/// Every measure at least its floor, and no amount guessed.
fn assert_floors(text: &str, at_least: usize, floors: (f64, f64, f64, f64)) {
    let score = scored(text);
    let summary = score.summary();
    assert!(score.cases >= at_least, "{summary}");
    let (action, params, out_of_scope, ambiguous) = floors;
    assert!(100.0 * score.action_rate() >= action - 0.05, "{summary}");
    assert!(100.0 * score.params_rate() >= params - 0.05, "{summary}");
    assert!(100.0 * score.out_of_scope_rate() >= out_of_scope - 0.05, "{summary}");
    assert!(100.0 * score.ambiguous_rate() >= ambiguous - 0.05, "{summary}");
    assert_eq!(score.guessed_amounts, 0, "{summary}");
}

#[test]
fn the_held_out_corpus_scores_at_least_its_floors_and_no_amount_is_guessed() {
    assert_floors(HELD_OUT, 300, FLOORS);
}

/// A second held-out set, written after the first had been measured many
/// times (two more writers, `fresh.jsonl`). Its scores were first taken
/// before any change it could guide; only its four safety misses (an amount
/// in cents, two offered targets, two offered people) were read and fixed.
const FRESH: &str = include_str!("../../tests/fixtures/corpus/fresh.jsonl");

/// (first action right, parameters right, out of scope refused, ambiguous asked back), in per cent.
const FRESH_FLOORS: (f64, f64, f64, f64) = (83.6, 82.5, 100.0, 100.0);

#[test]
fn the_fresh_corpus_scores_at_least_its_floors_and_no_amount_is_guessed() {
    assert_floors(FRESH, 200, FRESH_FLOORS);
}

/// Requests written for the planner's promises (the project's own, not part
/// of the evaluation corpus): negated, bulk, injected, ambiguous and
/// non-English requests are refused, drafts stay drafts, references are not
/// targets, and every stated amount and time is read exactly.
const GUARDS: &str = include_str!("../../tests/fixtures/corpus/guards.jsonl");

#[test]
fn every_guard_case_is_planned_or_refused_exactly_as_written() {
    let score = scored(GUARDS);
    let wrong: Vec<String> = score
        .verdicts
        .iter()
        .filter(|v| !v.right() || v.guessed_amount)
        .map(|v| format!("{} → {:?} {:?}", v.case.prompt, v.planned, v.refusal))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
