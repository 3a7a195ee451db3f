//! Scoring a planner against a corpus of requests written by people who
//! never saw its vocabulary: is the first action right, are the stated
//! parameters right, are out-of-scope and ambiguous requests refused, was an
//! amount ever guessed, and how well does `confidence` predict being right
//! (expected calibration error). The planner is run as the pipeline runs it:
//! the proposal, then the amount check every planner passes through.

use chrono::DateTime;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Planner, check_amounts};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::time::LocalTime;

/// One request and what it calls for.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub prompt: String,
    pub expect: Expect,
    #[serde(default)]
    pub kind: String,
}

/// The first action with the parameters the request states, or a refusal.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Expect {
    Action {
        action: String,
        #[serde(default)]
        params: Map<String, Value>,
    },
    Refuse {
        refuse: Refusal,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    OutOfScope,
    Ambiguous,
    NotEnglish,
}

/// A corpus in JSON Lines; blank lines and `//` comments are skipped.
pub fn load(text: &str) -> Result<Vec<Case>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with("//"))
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| Error::Usage(format!("corpus line {}: {e}", n + 1)))
        })
        .collect()
}

/// What the planner did with one case.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub case: Case,
    /// The first proposed action, its params and confidence; None when refused.
    pub planned: Option<(String, Value, f64)>,
    pub refusal: Option<String>,
    pub action_right: bool,
    pub params_right: bool,
    pub guessed_amount: bool,
}

impl Verdict {
    pub fn right(&self) -> bool {
        match &self.case.expect {
            Expect::Action { .. } => self.action_right && self.params_right,
            Expect::Refuse { .. } => self.planned.is_none(),
        }
    }
}

/// The scores of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub cases: usize,
    pub in_scope: usize,
    pub action_right: usize,
    pub params_right: usize,
    pub out_of_scope: usize,
    pub out_of_scope_refused: usize,
    pub ambiguous: usize,
    pub ambiguous_refused: usize,
    pub guessed_amounts: usize,
    /// Expected calibration error of `confidence` over planned cases (10 bins).
    pub calibration_error: f64,
    pub verdicts: Vec<Verdict>,
}

impl Score {
    pub fn action_rate(&self) -> f64 {
        ratio(self.action_right, self.in_scope)
    }

    pub fn params_rate(&self) -> f64 {
        ratio(self.params_right, self.in_scope)
    }

    /// Out-of-scope and non-English requests refused.
    pub fn out_of_scope_rate(&self) -> f64 {
        ratio(self.out_of_scope_refused, self.out_of_scope)
    }

    pub fn ambiguous_rate(&self) -> f64 {
        ratio(self.ambiguous_refused, self.ambiguous)
    }

    /// One line per measure, for reports.
    pub fn summary(&self) -> String {
        format!(
            "{} requests · first action right {:.1}% ({}/{}) · parameters right {:.1}% ({}/{}) · out of scope refused {:.1}% ({}/{}) · ambiguous asked back {:.1}% ({}/{}) · guessed amounts {} · calibration error {:.3}",
            self.cases,
            100.0 * self.action_rate(),
            self.action_right,
            self.in_scope,
            100.0 * self.params_rate(),
            self.params_right,
            self.in_scope,
            100.0 * self.out_of_scope_rate(),
            self.out_of_scope_refused,
            self.out_of_scope,
            100.0 * self.ambiguous_rate(),
            self.ambiguous_refused,
            self.ambiguous,
            self.guessed_amounts,
            self.calibration_error,
        )
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// Runs `planner` over `cases` at `now`.
pub fn score(planner: &dyn Planner, catalog: &Catalog, cases: &[Case], now: LocalTime) -> Score {
    let mut score = Score { cases: cases.len(), ..Score::default() };
    for case in cases {
        let proposal = planner
            .propose(&case.prompt, catalog, now)
            .and_then(|p| check_amounts(&case.prompt, &p, catalog, now).map(|()| p));
        let (planned, refusal) = match proposal {
            Ok(proposal) => match proposal.steps.into_iter().next() {
                Some(step) => (Some((step.action, step.params, step.confidence)), None),
                None => (None, Some("an empty plan".to_owned())),
            },
            Err(error) => (None, Some(error.to_string())),
        };
        let moves_money = |action: &str| {
            catalog.get(action).is_some_and(|a| a.params.pointer("/properties/amount_cents").is_some())
        };
        let planned_amount = planned.as_ref().and_then(|(_, params, _)| params.get("amount_cents").cloned());
        let mut verdict = Verdict {
            case: case.clone(),
            planned: planned.clone(),
            refusal,
            action_right: false,
            params_right: false,
            guessed_amount: false,
        };
        match &case.expect {
            Expect::Action { action, params } => {
                score.in_scope += 1;
                if let Some((got, got_params, _)) = &planned {
                    verdict.action_right = got == action;
                    verdict.params_right = verdict.action_right && params_match(params, got_params);
                    // Money moved by another amount than the one stated (a full refund of "half" too).
                    verdict.guessed_amount =
                        moves_money(got) && planned_amount.as_ref() != params.get("amount_cents");
                }
            }
            Expect::Refuse { refuse } => {
                match refuse {
                    Refusal::OutOfScope | Refusal::NotEnglish => score.out_of_scope += 1,
                    Refusal::Ambiguous => score.ambiguous += 1,
                }
                if let Some((got, ..)) = &planned {
                    verdict.guessed_amount = *refuse == Refusal::Ambiguous && moves_money(got);
                }
            }
        }
        score.action_right += usize::from(verdict.action_right);
        score.params_right += usize::from(verdict.params_right);
        if verdict.planned.is_none() {
            match &case.expect {
                Expect::Refuse { refuse: Refusal::Ambiguous } => score.ambiguous_refused += 1,
                Expect::Refuse { .. } => score.out_of_scope_refused += 1,
                Expect::Action { .. } => {}
            }
        }
        score.guessed_amounts += usize::from(verdict.guessed_amount);
        score.verdicts.push(verdict);
    }
    score.calibration_error = calibration_error(&score.verdicts);
    score
}

/// Every stated parameter has the planned value: numbers by value, times by
/// instant, text without regard to case.
fn params_match(expected: &Map<String, Value>, planned: &Value) -> bool {
    expected.iter().all(|(name, want)| {
        let Some(got) = planned.get(name) else { return false };
        match (want, got) {
            (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
            (Value::String(a), Value::String(b)) => {
                match (DateTime::parse_from_rfc3339(a), DateTime::parse_from_rfc3339(b)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => a.trim().eq_ignore_ascii_case(b.trim()),
                }
            }
            // A value written as text in the corpus ("5") matches its number.
            (Value::String(a), Value::Number(b)) | (Value::Number(b), Value::String(a)) => {
                a.trim().parse::<f64>().ok() == b.as_f64()
            }
            (a, b) => a == b,
        }
    })
}

/// Expected calibration error over the planned cases: the mean, weighted by
/// bin size, of |accuracy − mean confidence| in ten equal confidence bins.
fn calibration_error(verdicts: &[Verdict]) -> f64 {
    let mut bins = [(0usize, 0.0f64, 0usize); 10];
    let mut total = 0usize;
    for verdict in verdicts {
        let Some((_, _, confidence)) = &verdict.planned else { continue };
        let bin = ((confidence * 10.0) as usize).min(9);
        bins[bin].0 += 1;
        bins[bin].1 += confidence;
        bins[bin].2 += usize::from(verdict.right());
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    bins.iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, confidence, right)| {
            let n = *n as f64;
            (n / total as f64) * ((*right as f64 / n) - confidence / n).abs()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_compare_by_value_and_instant() {
        let want: Map<String, Value> = serde_json::from_str(
            r#"{"booking_id": 7, "scheduled_at": "2026-11-24T09:00:00+00:00", "status": "Open"}"#,
        )
        .unwrap();
        let got = serde_json::json!({"booking_id": 7.0, "scheduled_at": "2026-11-24T10:00:00+01:00", "status": "open", "x": 1});
        assert!(params_match(&want, &got));
        assert!(!params_match(&want, &serde_json::json!({"booking_id": 8})));
    }

    #[test]
    fn a_corpus_line_is_an_action_or_a_refusal() {
        let cases = load(
            "{\"prompt\":\"refund 7\",\"expect\":{\"action\":\"bookings.refund\",\"params\":{\"booking_id\":7}}}\n\n\
             // a comment\n{\"prompt\":\"hola\",\"expect\":{\"refuse\":\"not_english\"}}\n",
        )
        .unwrap();
        assert!(matches!(&cases[0].expect, Expect::Action { action, .. } if action == "bookings.refund"));
        assert!(matches!(cases[1].expect, Expect::Refuse { refuse: Refusal::NotEnglish }));
        assert!(load("{\"prompt\":1}").is_err());
    }
}
