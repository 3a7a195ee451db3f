//! The offline, deterministic rules planner: clauses → intents → typed slots → steps.

use crate::time::LocalTime;
use serde_json::Value;

use super::Planner;
use super::fill::{Carried, fill};
use super::intent::{IntentIndex, Score, entity_of_table, words};
use super::slots::extract;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::plan::{Proposal, ProposedStep};

/// Below this, a clause is not understood.
const MIN_CONFIDENCE: f64 = 0.55;

/// The rules planner over one catalog.
pub struct RulesPlanner {
    index: IntentIndex,
}

impl RulesPlanner {
    pub fn new(catalog: &Catalog) -> RulesPlanner {
        RulesPlanner { index: IntentIndex::new(catalog) }
    }
}

/// Splits "cancel booking 5 and refund it" into clauses, but only when every
/// clause has a verb of its own (so "between 1 and 5" stays whole).
fn clauses<'p>(prompt: &'p str, index: &IntentIndex) -> Vec<&'p str> {
    let lower = prompt.to_lowercase();
    if lower.len() != prompt.len() {
        return vec![prompt];
    }
    let mut cuts = Vec::new();
    for separator in [" and then ", " then ", " and also ", " and ", "; ", " also "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(separator) {
            let start = from + at;
            if !cuts.iter().any(|(s, e): &(usize, usize)| start < *e && start + separator.len() > *s) {
                cuts.push((start, start + separator.len()));
            }
            from = start + separator.len();
        }
    }
    if cuts.is_empty() {
        return vec![prompt];
    }
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut from = 0;
    for (start, end) in cuts {
        parts.push(&prompt[from..start]);
        from = end;
    }
    parts.push(&prompt[from..]);
    let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.iter().all(|p| index.any_verb(&words(p))) { parts } else { vec![prompt] }
}

fn closest(scores: &[Score]) -> String {
    scores.iter().take(3).map(|s| format!("{} ({:.2})", s.action, s.total)).collect::<Vec<_>>().join(", ")
}

impl Planner for RulesPlanner {
    fn name(&self) -> &str {
        "rules"
    }

    fn propose(&self, prompt: &str, catalog: &Catalog, now: LocalTime) -> Result<Proposal> {
        if prompt.trim().is_empty() {
            return Err(Error::Unplannable(
                "the prompt is empty; say what you want, e.g. `refund booking 1042`".into(),
            ));
        }
        let whole = extract(prompt, now);
        let mut carried = Carried::default();
        let mut steps = Vec::new();
        for clause in clauses(prompt, &self.index) {
            let mut slots = extract(clause, now);
            if slots.window.is_none() {
                slots.window = whole.window.clone();
            }
            let clause_words = words(clause);
            let scores = self.index.score(&clause_words, &slots, carried.entity.clone());
            let Some(best) = scores.first().filter(|s| s.total >= MIN_CONFIDENCE) else {
                return Err(Error::Unplannable(format!(
                    "could not turn `{}` into a plan; closest actions: {}; `opsgate actions` lists what opsgate can do",
                    crate::sanitize::one_line(&clause.chars().take(80).collect::<String>()),
                    closest(&scores)
                )));
            };
            let action = catalog.require(&best.action)?;
            if action.risk.writes()
                && let Some(entity) = action.target.as_ref().and_then(|t| entity_of_table(&t.table))
            {
                let mut ids: Vec<i64> = slots
                    .ids
                    .iter()
                    .filter(|id| id.entity.as_ref().is_none_or(|e| *e == entity))
                    .map(|id| id.value)
                    .collect();
                ids.dedup();
                if ids.len() > 1 {
                    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
                    return Err(Error::Unplannable(format!(
                        "`{}` names several targets ({}); a write needs exactly one — plan each separately",
                        action.name,
                        listed.join(", ")
                    )));
                }
            }
            let params = fill(action, clause, &slots, &carried);
            let missing: Vec<&str> =
                action.required_params().into_iter().filter(|p| params.get(*p).is_none()).collect();
            if !missing.is_empty() {
                let example = action.examples.first().map(String::as_str).unwrap_or("");
                return Err(Error::Unplannable(format!(
                    "`{}` needs {} — e.g. `{example}`",
                    action.name,
                    missing.join(" and ")
                )));
            }
            if let Some(target) = &action.target {
                carried = Carried {
                    entity: entity_of_table(&target.table),
                    id: params.get(&target.param).and_then(Value::as_i64),
                };
            }
            let mut matched = Vec::new();
            if let Some(verb) = &best.verb {
                matched.push(format!("verb `{verb}`"));
            }
            if let Some(noun) = &best.noun {
                matched.push(format!("object `{noun}`"));
            }
            let filled: Vec<&String> = params.as_object().map(|o| o.keys().collect()).unwrap_or_default();
            steps.push(ProposedStep {
                action: action.name.clone(),
                confidence: (best.total * 100.0).round() / 100.0,
                rationale: format!(
                    "matched {} of `{}`; filled {}",
                    if matched.is_empty() { "examples".to_owned() } else { matched.join(" and ") },
                    action.name,
                    if filled.is_empty() {
                        "no parameters".to_owned()
                    } else {
                        filled.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
                    }
                ),
                sources: vec![format!("catalog:{}", action.name)],
                params,
            });
        }
        Ok(Proposal { planner: self.name().to_owned(), steps })
    }
}
