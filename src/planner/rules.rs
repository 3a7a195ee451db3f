//! The offline, deterministic rules planner: clauses → intents → typed slots → steps.

use crate::time::LocalTime;
use serde_json::Value;

use super::Planner;
use super::fill::{Carried, fill};
use super::intent::{IntentIndex, Score, entity_of_table, words};
use super::normalize::Normalizer;
use super::slots::{Entity, IdMention, extract};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::plan::{Proposal, ProposedStep};

/// Below this, a clause is not understood.
const MIN_CONFIDENCE: f64 = 0.55;

/// How far below the best match a complete interpretation may score and still be taken.
const RUNNER_UP_MARGIN: f64 = 0.1;

/// Below this, a write is not guessed: the planner asks for the request in
/// plainer words. Reads, which change nothing, go down to [`MIN_CONFIDENCE`].
const MIN_WRITE_CONFIDENCE: f64 = 0.6;

/// The match score as the chance of being right. The scores run low: on the
/// tuning part of the evaluation corpus a score of 0.75 was right 94% of the
/// time and 0.65 right 89%, which `1 − (1 − score)²` follows within a few
/// points in every bin (README, "Planner").
fn calibrated(score: f64) -> f64 {
    1.0 - (1.0 - score.clamp(0.0, 1.0)).powi(2)
}

/// The rules planner over one catalog.
pub struct RulesPlanner {
    index: IntentIndex,
    normalizer: Normalizer,
}

impl RulesPlanner {
    pub fn new(catalog: &Catalog) -> RulesPlanner {
        RulesPlanner { index: IntentIndex::new(catalog), normalizer: Normalizer::new(catalog) }
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
    // Only a request that changes something is split: two questions in one sentence stay one.
    let splits = parts.len() > 1
        && parts.iter().all(|p| index.any_verb(&words(p)))
        && parts.iter().any(|p| index.any_write_verb(&words(p)));
    if splits { parts } else { vec![prompt] }
}

/// "suspend every customer with …": a write changes one record, never a
/// group the planner would have to enumerate.
fn refuse_many_targets(action: &crate::catalog::ActionSpec, clause_words: &[String]) -> Result<()> {
    let Some(entity) = action.target.as_ref().and_then(|t| entity_of_table(&t.table)) else { return Ok(()) };
    let many = clause_words.windows(3).any(|w| {
        matches!(w[0].as_str(), "every" | "all" | "each")
            && w[1..].iter().any(|n| super::slots::entity_of_word(n).as_ref() == Some(&entity))
    });
    if many {
        return Err(Error::Unplannable(format!(
            "`{}` changes one record at a time, and this asks for many; name each one (or list them first with a read)",
            action.name
        )));
    }
    Ok(())
}

/// A number left over in a request that moves money is perhaps the amount
/// without its currency ("refund 40 on booking 2290"): ask, never refund in full.
fn refuse_bare_amount(
    action: &crate::catalog::ActionSpec,
    params: &Value,
    slots: &super::slots::Slots,
) -> Result<()> {
    if action.params.pointer("/properties/amount_cents").is_none() || params.get("amount_cents").is_some() {
        return Ok(());
    }
    let target = action.target.as_ref().and_then(|t| params.get(&t.param)).and_then(Value::as_i64);
    if let Some(stray) = slots.ids.iter().find(|id| id.entity.is_none() && Some(id.value) != target) {
        return Err(Error::Unplannable(format!(
            "the amount is unclear: `{}` could be an amount or an id; write an amount with its currency (`{}.00 EUR`), or `in full`",
            stray.value, stray.value
        )));
    }
    Ok(())
}

/// The one id of `entity` (or of nobody) in the last sentence that holds
/// `verb`, when that sentence holds exactly one.
fn id_in_verb_sentence(clause: &str, verb: Option<&str>, ids: &[IdMention], entity: &Entity) -> Option<i64> {
    let verb = words(verb?);
    let mut sentences = Vec::new();
    let mut start = 0;
    for (at, c) in clause.char_indices() {
        let next = clause[at + c.len_utf8()..].chars().next();
        if matches!(c, '.' | '!' | '?' | ';' | '\n') && next.is_none_or(char::is_whitespace) {
            sentences.push((start, at + c.len_utf8()));
            start = at + c.len_utf8();
        }
    }
    sentences.push((start, clause.len()));
    let (from, to) = sentences.into_iter().rev().find(|(from, to)| {
        let sentence = words(&clause[*from..*to]);
        sentence.windows(verb.len()).any(|w| w == verb.as_slice())
    })?;
    let mut inside: Vec<i64> = ids
        .iter()
        .filter(|id| id.start >= from && id.end <= to)
        .filter(|id| id.entity.as_ref().is_none_or(|e| e == entity))
        .map(|id| id.value)
        .collect();
    inside.sort_unstable();
    inside.dedup();
    (inside.len() == 1).then(|| inside[0])
}

/// "assign complaint 6022 to maria@… or james@…": a write for one person names one.
fn refuse_two_people(action: &crate::catalog::ActionSpec, slots: &super::slots::Slots) -> Result<()> {
    if !action.risk.writes() || action.params.pointer("/properties/staff_email").is_none() {
        return Ok(());
    }
    let mut people: Vec<&String> = slots.emails.iter().collect();
    people.sort();
    people.dedup();
    if people.len() > 1 {
        let listed: Vec<&str> = people.iter().map(|p| p.as_str()).collect();
        return Err(Error::Unplannable(format!(
            "`{}` names several people ({}); it acts for exactly one — say which",
            action.name,
            listed.join(", ")
        )));
    }
    Ok(())
}

/// Words shortly before a number that offer it instead of another: "… or 8", "actually 6015".
const ALTERNATIVE_CUES: &[&str] = &[
    "or",
    "actually",
    "maybe",
    "perhaps",
    "possibly",
    "might",
    "either",
    "unsure",
    "wait",
    "sorry",
    "correction",
    "rather",
];

fn is_alternative(clause: &str, id: &IdMention) -> bool {
    let before = words(clause.get(..id.start).unwrap_or(""));
    before.iter().rev().take(4).any(|w| ALTERNATIVE_CUES.contains(&w.as_str()))
}

/// Words before a number that make it a reference to another record: "duplicate of 223".
const REFERENCE_CUES: &[&str] = &[
    "duplicate of",
    "same as",
    "copy of",
    "instead of",
    "after",
    "before",
    "than",
    "like",
    "see",
    "reference",
    "ref",
    "previous",
    "vs",
    "versus",
    "similar to",
    "related to",
    "linked to",
    "follow-up to",
];

/// The mention follows a reference cue, directly or with a record noun in
/// between ("after booking 3020").
fn is_reference(clause: &str, id: &IdMention) -> bool {
    let before = words(clause.get(..id.start).unwrap_or(""));
    let mut end = before.len();
    if end > 0 && super::slots::entity_of_word(&before[end - 1]).is_some() {
        end -= 1;
    }
    REFERENCE_CUES.iter().any(|cue| {
        let cue: Vec<&str> = cue.split(' ').collect();
        end >= cue.len() && before[end - cue.len()..end].iter().map(String::as_str).eq(cue.iter().copied())
    })
}

/// A prompt that is a SQL statement ("UPDATE users SET …", "'; DROP TABLE x; --").
/// SQL later in a request ("…, reason: x'); DROP TABLE users") stays text: at
/// most a bound value.
fn looks_like_sql(prompt: &str) -> bool {
    let lower = prompt.to_lowercase();
    let text = lower.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let statement =
        ["select ", "update ", "delete from ", "insert into ", "drop table ", "alter table ", "truncate "]
            .iter()
            .any(|start| text.starts_with(start));
    let clauses =
        [" set ", " from ", " where ", " into ", " values", " table "].iter().any(|k| lower.contains(k));
    statement && clauses
}

/// A question asks about a state ("was booking 5 refunded?"); it never makes a participle a write.
fn is_question(clause: &str) -> bool {
    let first = words(clause).into_iter().next().unwrap_or_default();
    clause.trim_end().ends_with('?')
        || super::intent::INTERROGATIVES.contains(&first.as_str())
        || matches!(first.as_str(), "any" | "whats")
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
        if looks_like_sql(prompt) {
            return Err(Error::Unplannable(
                "that reads as SQL; opsgate runs catalogued actions, not statements: say what should be done, e.g. `suspend user 5520`".into(),
            ));
        }
        if super::language::looks_foreign(prompt) {
            return Err(Error::Unplannable(
                "opsgate understands requests in English; please write this one in English".into(),
            ));
        }
        let normalized = self.normalizer.normalize(prompt);
        let prompt = normalized.as_str();
        let whole = extract(prompt, now);
        let mut carried = Carried::default();
        let mut steps = Vec::new();
        for clause in clauses(prompt, &self.index) {
            let mut slots = extract(clause, now);
            if slots.window.is_none() {
                slots.window = whole.window.clone();
            }
            let clause_words = words(clause);
            let scores = self.index.score(&clause_words, &slots, carried.entity.clone(), is_question(clause));
            let Some(first) = scores.first().filter(|s| s.total >= MIN_CONFIDENCE) else {
                return Err(Error::Unplannable(format!(
                    "could not turn `{}` into a plan; closest actions: {}; `opsgate actions` lists what opsgate can do",
                    crate::sanitize::one_line(&clause.chars().take(80).collect::<String>()),
                    closest(&scores)
                )));
            };
            // A close runner-up that has everything it needs beats a best match that lacks its
            // target: "who that number belongs to (asking about a refund)" is a search.
            let complete = |score: &Score| {
                catalog.get(&score.action).is_some_and(|action| {
                    let params = fill(action, clause, &slots, &carried, now);
                    action.required_params().iter().all(|p| params.get(*p).is_some())
                })
            };
            let best = if complete(first) {
                first
            } else {
                scores
                    .iter()
                    .skip(1)
                    .take_while(|s| s.total >= MIN_CONFIDENCE && s.total >= first.total - RUNNER_UP_MARGIN)
                    .find(|s| complete(s))
                    .unwrap_or(first)
            };
            let action = catalog.require(&best.action)?;
            if action.risk.writes() && best.total < MIN_WRITE_CONFIDENCE {
                return Err(Error::Unplannable(format!(
                    "not sure that `{}` asks for `{}` (confidence {:.2}); say it in plainer words, e.g. `{}`",
                    crate::sanitize::one_line(&clause.chars().take(80).collect::<String>()),
                    action.name,
                    calibrated(best.total),
                    action.examples.first().map(String::as_str).unwrap_or(&action.name)
                )));
            }
            // Before the targets: the numbers of "03/12" would read as two of them.
            if action.params.pointer("/properties/scheduled_at").is_some()
                && let Some(doubt) = slots.date_doubts.first()
            {
                return Err(Error::Unplannable(format!("the date is unclear: {doubt}")));
            }
            if action.risk.writes()
                && let Some(entity) = action.target.as_ref().and_then(|t| entity_of_table(&t.table))
            {
                // Ids said to be this entity's; numbers nobody named only when there are none.
                // "delete user 6051.. actually might be 6015": a number offered instead is a second candidate.
                let offered: Vec<i64> = slots
                    .ids
                    .iter()
                    .filter(|id| id.entity.as_ref().is_none_or(|e| *e == entity))
                    .map(|id| id.value)
                    .collect();
                if slots
                    .ids
                    .iter()
                    .any(|id| id.entity.as_ref().is_none_or(|e| *e == entity) && is_alternative(clause, id))
                    && offered.iter().any(|v| *v != offered[0])
                {
                    let mut listed: Vec<String> = offered.iter().map(i64::to_string).collect();
                    listed.dedup();
                    return Err(Error::Unplannable(format!(
                        "`{}` is offered more than one target ({}); a write needs exactly one — say which",
                        action.name,
                        listed.join(", ")
                    )));
                }
                // "resolve complaint 237, duplicate of 223": a number given as a reference is no target.
                let references: Vec<bool> = slots.ids.iter().map(|id| is_reference(clause, id)).collect();
                if references.iter().any(|r| !r) {
                    let mut flags = references.iter();
                    slots.ids.retain(|_| !flags.next().copied().unwrap_or(false));
                }
                let typed = slots.ids.iter().any(|id| id.entity.as_ref() == Some(&entity));
                let is_candidate = |id: &IdMention| {
                    if typed { id.entity.as_ref() == Some(&entity) } else { id.entity.is_none() }
                };
                let mut ids: Vec<i64> =
                    slots.ids.iter().filter(|id| is_candidate(id)).map(|id| id.value).collect();
                ids.sort_unstable();
                ids.dedup();
                if ids.len() > 1
                    && let Some(chosen) =
                        id_in_verb_sentence(clause, best.verb.as_deref(), &slots.ids, &entity)
                {
                    // "…booking 3020, which she keeps. Kindly cancel 3021.": the sentence with the verb decides.
                    slots
                        .ids
                        .retain(|id| id.value == chosen || id.entity.as_ref().is_some_and(|e| *e != entity));
                    ids = vec![chosen];
                }
                if ids.len() > 1 {
                    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
                    return Err(Error::Unplannable(format!(
                        "`{}` names several targets ({}); a write needs exactly one — plan each separately",
                        action.name,
                        listed.join(", ")
                    )));
                }
            }
            if action.risk.writes() {
                refuse_many_targets(action, &clause_words)?;
            }
            let params = fill(action, clause, &slots, &carried, now);
            refuse_bare_amount(action, &params, &slots)?;
            refuse_two_people(action, &slots)?;
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
                confidence: (calibrated(best.total) * 100.0).round() / 100.0,
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
