//! Filling an action's parameters from the typed slots of a clause. Only the
//! parameters the action's schema declares are filled; the schema then checks them.

use serde_json::{Map, Value, json};

use super::intent::words;
use super::slots::{Entity, Slots};
use crate::catalog::ActionSpec;
use crate::time::LocalTime;

/// What a clause is about, carried into the next clause ("cancel booking 5 and refund it").
#[derive(Debug, Clone, Default)]
pub struct Carried {
    pub entity: Option<Entity>,
    pub id: Option<i64>,
}

pub(super) fn entity_for_param(param: &str) -> Option<Entity> {
    Some(match param {
        "booking_id" => Entity::Booking,
        "user_id" => Entity::User,
        "provider_id" => Entity::Provider,
        "complaint_id" => Entity::Complaint,
        "item_id" => Entity::QueueItem,
        _ => return None,
    })
}

/// Text after the first of `markers` ("resolve complaint 9: customer refunded" → "customer refunded").
fn text_after(clause: &str, markers: &[&str]) -> Option<String> {
    let lower = clause.to_lowercase();
    markers
        .iter()
        .filter_map(|marker| lower.find(marker).map(|at| at + marker.len()))
        .min()
        .and_then(|at| clause.get(at..))
        .map(|rest| rest.trim().trim_matches(|c: char| c == '"' || c == '\'').trim().to_owned())
        .filter(|rest| !rest.is_empty())
        .map(|rest| rest.chars().take(500).collect())
}

/// The last "to X" of a clause: "set config sla.buffer_hours to 2" → "2".
fn value_after_to(clause: &str) -> Option<String> {
    let lower = clause.to_lowercase();
    let at = lower.rfind(" to ")?;
    clause.get(at + 4..).map(|v| v.trim().trim_end_matches(['.', '!']).to_owned()).filter(|v| !v.is_empty())
}

fn enum_values(schema: &Value) -> Vec<&str> {
    schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The id after the word that names it ("invoice INV-7", "invoice #7"), for
/// ids the built-in slots do not know (a pack's): the word is one of the
/// action's nouns or the parameter's own stem, and the id has a digit in it.
fn named_id(action: &ActionSpec, clause: &str, param: &str, schema: &Value) -> Option<Value> {
    let stem = param.trim_end_matches("_id").replace('_', " ");
    let names: Vec<String> =
        action.nouns.iter().map(|n| n.to_lowercase()).chain(std::iter::once(stem)).collect();
    let tokens: Vec<&str> = clause
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '(' | ')')))
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| !t.is_empty())
        .collect();
    let filler = ["#", "id", "no", "number", "nr", "ref"];
    for (at, token) in tokens.iter().enumerate() {
        let word = token.to_lowercase();
        if !names.iter().any(|n| *n == word || format!("{n}s") == word) {
            continue;
        }
        let candidate = tokens[at + 1..].iter().find(|t| !filler.contains(&t.to_lowercase().as_str()))?;
        let candidate = candidate.trim_start_matches('#');
        if !candidate.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        return match schema.get("type").and_then(Value::as_str) {
            Some("integer") => candidate.parse::<i64>().ok().map(|n| json!(n)),
            _ => Some(json!(candidate)),
        };
    }
    None
}

/// The time a booking moves to: what follows the last "to" (or "at") when it
/// names one — "the 10:00 slot, push it to Friday at 14:30" — else the first.
fn new_time(clause: &str, slots: &Slots, now: LocalTime) -> Option<chrono::DateTime<chrono::Utc>> {
    let lower = clause.to_lowercase();
    [" to ", " at "]
        .iter()
        .find_map(|cue| lower.rfind(cue).map(|at| &clause[at + cue.len()..]))
        .filter(|tail| !tail.trim().is_empty())
        .and_then(|tail| super::slots::extract(tail, now).datetime)
        .or(slots.datetime)
}

/// "2 hours" → "2": a setting holds the number its key's unit already names.
fn without_unit(value: &str) -> String {
    let mut parts = value.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some(number), Some(unit))
            if number.parse::<f64>().is_ok()
                && matches!(
                    unit.trim_end_matches(['.', ',']),
                    "hours" | "hour" | "h" | "hrs" | "minutes" | "minute" | "min" | "mins"
                ) =>
        {
            number.to_owned()
        }
        _ => value.to_owned(),
    }
}

/// A built-in alert rule written as words: "critical complaint opened alerts"
/// is `critical_complaint_opened`. Rules a team adds are named as written.
pub fn seeded_rule_in_words(clause_words: &[String]) -> Option<String> {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        crate::rbac::ResolvedSeed::builtin().alert_rules.into_iter().map(|rule| rule.name).collect()
    });
    names
        .iter()
        .find(|name| {
            let parts: Vec<String> = name.split('_').map(str::to_owned).collect();
            clause_words.windows(parts.len()).any(|w| w == parts.as_slice())
        })
        .cloned()
}

/// "3500 cents": an amount given in the currency's minor unit.
fn minor_units(clause_words: &[String]) -> Option<Value> {
    clause_words.windows(2).find_map(|w| {
        let cents = w[0].parse::<i64>().ok().filter(|c| *c > 0)?;
        matches!(w[1].as_str(), "cents" | "cent" | "ct" | "pence" | "p").then(|| json!(cents))
    })
}

/// Provider categories a request may filter by.
const CATEGORIES: &[&str] = &[
    "cleaning",
    "plumbing",
    "beauty",
    "tutoring",
    "fitness",
    "electrical",
    "gardening",
    "moving",
    "painting",
    "photography",
    "catering",
    "childcare",
    "handyman",
    "massage",
    "hairdressing",
    "wellness",
];

/// The severity asked for: the one after "to" or "as" ("as critical instead of warning"), else the first named.
fn severity(clause_words: &[String]) -> Option<&'static str> {
    let level = |w: &str| ["info", "warning", "critical"].into_iter().find(|s| *s == w);
    let after_cue = clause_words
        .windows(2)
        .find_map(|w| matches!(w[0].as_str(), "to" | "as" | "be" | "now").then(|| level(&w[1])).flatten());
    after_cue.or_else(|| clause_words.iter().find_map(|w| level(w)))
}

/// "threshold 0.75": the number right after `word`.
fn number_after(clause_words: &[String], word: &str) -> Option<f64> {
    let at = clause_words.iter().position(|w| w == word)?;
    clause_words.get(at + 1).and_then(|w| w.parse::<f64>().ok())
}

/// "switch it off", "turn on": one of `verbs` with `particle` a few words on.
fn has_pair(clause_words: &[String], verbs: &[&str], particle: &str) -> bool {
    clause_words.iter().enumerate().any(|(at, w)| {
        verbs.contains(&w.as_str()) && clause_words[at + 1..].iter().take(4).any(|p| p == particle)
    })
}

/// Fills what it can. `carried` supplies the target id for pronouns.
pub fn fill(action: &ActionSpec, clause: &str, slots: &Slots, carried: &Carried, now: LocalTime) -> Value {
    let clause_words = words(clause);
    let has = |word: &str| clause_words.iter().any(|w| w == word);
    let properties = action.params.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    let target_param = action.target.as_ref().map(|t| t.param.as_str());
    let mut params = Map::new();
    for (name, schema) in &properties {
        let allowed = enum_values(schema);
        // Without an enum, the parameter takes the first value the clause names.
        let pick = |candidates: &[String]| {
            candidates.iter().find(|c| allowed.is_empty() || allowed.contains(&c.as_str())).cloned()
        };
        let value: Option<Value> = match name.as_str() {
            id_param if entity_for_param(id_param).is_some() => {
                let entity = entity_for_param(id_param);
                let explicit = slots.ids.iter().find(|id| id.entity == entity).map(|id| id.value);
                let is_target = target_param == Some(id_param);
                let bare = if is_target {
                    slots.ids.iter().find(|id| id.entity.is_none()).map(|id| id.value)
                } else {
                    None
                };
                // The last clause's target carries over to "refund it", never to "drop table bookings".
                let names_another = clause_words.iter().any(|w| super::slots::entity_of_word(w) == entity)
                    && !clause_words
                        .iter()
                        .any(|w| matches!(w.as_str(), "it" | "them" | "this" | "that" | "same" | "the"));
                let pronoun =
                    if is_target && carried.entity == entity && !names_another { carried.id } else { None };
                explicit.or(bare).or(pronoun).map(|id| json!(id))
            }
            "amount_cents" => {
                slots.amounts.first().map(|a| json!(a.cents)).or_else(|| minor_units(&clause_words))
            }
            "currency" => slots.amounts.first().and_then(|a| a.currency.as_ref()).map(|c| json!(c)),
            "staff_email" => slots.emails.first().map(|e| json!(e)),
            "email" => (has("email") || has("e-mail") || has("mail"))
                .then(|| slots.emails.first().map(|e| json!(e)))
                .flatten(),
            "phone" => slots.phones.first().map(|p| json!(p)),
            "scheduled_at" => new_time(clause, slots, now).map(|t| json!(t.to_rfc3339())),
            "from" => slots.window.as_ref().map(|w| json!(w.from.to_rfc3339())),
            "to" => slots.window.as_ref().map(|w| json!(w.to.to_rfc3339())),
            "status" if action.name == "users.update" => {
                let any = |list: &[&str]| list.iter().any(|w| has(w));
                if any(&["reactivate", "unsuspend", "unfreeze", "unblock", "restore", "reinstate"]) {
                    Some(json!("active"))
                } else if any(&["suspend", "freeze", "block", "hold", "lock"]) {
                    Some(json!("suspended"))
                } else {
                    None
                }
            }
            "status" => pick(&slots.statuses).map(Value::String),
            "priority" => pick(&slots.priorities).map(Value::String),
            "role" => pick(&slots.roles).map(Value::String),
            "severity" => severity(&clause_words).map(|s| json!(s)),
            "key" => slots.config_keys.first().map(|k| json!(k)),
            "value" => slots
                .config_value
                .clone()
                .or_else(|| value_after_to(clause).map(|v| without_unit(&v)))
                .map(Value::String),
            "threshold" => value_after_to(clause)
                .and_then(|v| v.parse::<f64>().ok())
                .or_else(|| number_after(&clause_words, "threshold"))
                .map(|v| json!(v)),
            "enabled" => {
                let any = |list: &[&str]| list.iter().any(|w| has(w));
                if any(&["enable", "re-enable", "reenable", "unmute", "resume", "unpause"])
                    || has_pair(&clause_words, &["turn", "switch"], "on")
                {
                    Some(json!(true))
                } else if any(&["disable", "mute", "silence", "pause", "stop"])
                    || has_pair(&clause_words, &["turn", "switch", "shut"], "off")
                {
                    Some(json!(false))
                } else {
                    None
                }
            }
            "rule" => clause_words
                .iter()
                .find(|w| {
                    w.contains('_')
                        && !super::intent::looks_like_column(w)
                        && !slots.roles.contains(w)
                        && !slots.statuses.contains(w)
                })
                .cloned()
                .or_else(|| seeded_rule_in_words(&clause_words))
                .map(Value::String),
            "decision" => {
                Some(json!(if has("dismiss") || has("dismissed") { "dismissed" } else { "reviewed" }))
            }
            "reason" | "resolution" | "notes" => {
                text_after(clause, &[": ", " because ", " reason ", " note "]).map(Value::String)
            }
            "query" => slots
                .emails
                .first()
                .cloned()
                .or_else(|| slots.phones.first().cloned())
                .or_else(|| text_after(clause, &[" named ", " called "]))
                .map(Value::String),
            "name" => text_after(clause, &["name to "]).map(Value::String),
            "metric" => ["revenue", "bookings", "complaints", "sla"]
                .iter()
                .find(|m| has(m) || (**m == "bookings" && has("booking")))
                .map(|m| json!(m)),
            "limit" => slots.limit.map(|n| json!(n)),
            "tone" => {
                let any = |list: &[&str]| list.iter().any(|w| has(w));
                if any(&[
                    "apology",
                    "apologise",
                    "apologize",
                    "apologetic",
                    "sorry",
                    "apologising",
                    "apologizing",
                ]) {
                    Some(json!("apologetic"))
                } else if any(&["firm", "stern", "strict", "strong", "serious"]) {
                    Some(json!("firm"))
                } else if any(&["neutral", "factual", "plain"]) {
                    Some(json!("neutral"))
                } else {
                    None
                }
            }
            "category" => CATEGORIES.iter().find(|c| has(c)).map(|c| json!(c)),
            "state" => {
                let blown = ["blown", "broke", "broken", "missed", "past", "over", "failed", "violated"];
                if has("breached") || has("overdue") || blown.iter().any(|w| has(w)) {
                    Some(json!("breached"))
                } else if has("risk") || has("breach") || has("breaching") {
                    Some(json!("at_risk"))
                } else {
                    None
                }
            }
            other if other.ends_with("_id") => named_id(action, clause, other, schema),
            _ => None,
        };
        if let Some(value) = value {
            params.insert(name.clone(), value);
        }
    }
    Value::Object(params)
}
