//! Intent matching: how well a clause matches each action's verbs, nouns and
//! examples. Phrases match whole words only, and verbs are never stemmed, so
//! "which bookings were refunded" can never become a refund.

use crate::catalog::{ActionSpec, Catalog};

use super::slots::{Entity, Slots};

/// Lowercase word tokens (letters, digits, `_`, and `-`/`.` inside a word, so
/// that `sla.buffer_hours` stays one token).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '-' || c == '.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn phrase_in(phrase: &[String], words: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
}

/// Words too common to say anything about intent.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "for", "to", "in", "on", "and", "is", "are", "was", "were", "me", "my", "our",
    "it", "this", "that", "please", "with", "by", "be", "as", "at", "from", "all", "any",
];

/// One action's vocabulary, tokenized once.
pub struct ActionIntent {
    pub name: String,
    verbs: Vec<Vec<String>>,
    nouns: Vec<Vec<String>>,
    examples: Vec<Vec<String>>,
    target_entity: Option<Entity>,
    pub writes: bool,
}

/// How one action scored on one clause.
#[derive(Debug, Clone)]
pub struct Score {
    pub action: String,
    pub total: f64,
    pub verb: Option<String>,
    pub noun: Option<String>,
}

pub fn entity_of_table(table: &str) -> Option<Entity> {
    Some(match table {
        "bookings" => Entity::Booking,
        "users" => Entity::User,
        "providers" => Entity::Provider,
        "complaints" => Entity::Complaint,
        "priority_queue" => Entity::QueueItem,
        "alert_rules" => Entity::AlertRule,
        "staff" => Entity::Staff,
        _ => return None,
    })
}

/// All actions' vocabularies.
pub struct IntentIndex {
    pub actions: Vec<ActionIntent>,
}

impl IntentIndex {
    pub fn new(catalog: &Catalog) -> IntentIndex {
        let tokenize = |list: &[String]| list.iter().map(|p| words(p)).filter(|p| !p.is_empty()).collect();
        IntentIndex {
            actions: catalog
                .actions()
                .iter()
                .map(|action: &ActionSpec| ActionIntent {
                    name: action.name.clone(),
                    verbs: tokenize(&action.verbs),
                    nouns: tokenize(&action.nouns),
                    examples: action
                        .examples
                        .iter()
                        .map(|e| words(e).into_iter().filter(|w| !is_noise(w)).collect())
                        .collect(),
                    target_entity: action.target.as_ref().and_then(|t| entity_of_table(&t.table)),
                    writes: action.risk.writes(),
                })
                .collect(),
        }
    }

    /// Whether any action's verb appears in the clause (used to decide whether to split).
    pub fn any_verb(&self, clause_words: &[String]) -> bool {
        self.actions.iter().any(|a| a.verbs.iter().any(|v| phrase_in(v, clause_words)))
    }

    /// Every action scored on the clause, best first.
    pub fn score(&self, clause_words: &[String], slots: &Slots, carried: Option<Entity>) -> Vec<Score> {
        let content: Vec<&String> = clause_words.iter().filter(|w| !is_noise(w)).collect();
        let mut scores: Vec<Score> = self
            .actions
            .iter()
            .map(|action| {
                let verb = action
                    .verbs
                    .iter()
                    .filter(|v| phrase_in(v, clause_words))
                    .max_by_key(|v| v.len())
                    .map(|v| v.join(" "));
                let noun = action.nouns.iter().find(|n| phrase_in(n, clause_words)).map(|n| n.join(" "));
                let mentioned = slots
                    .ids
                    .iter()
                    .filter_map(|id| id.entity.clone())
                    .chain(carried.clone())
                    .collect::<Vec<_>>();
                let entity_match = action.target_entity.as_ref().is_some_and(|e| mentioned.contains(e))
                    || (action.name.starts_with("config.") && !slots.config_keys.is_empty());
                let example = action
                    .examples
                    .iter()
                    .map(|example| {
                        if example.is_empty() {
                            return 0.0;
                        }
                        let hits = example.iter().filter(|w| content.contains(w)).count();
                        hits as f64 / example.len().max(content.len()).max(1) as f64
                    })
                    .fold(0.0, f64::max);
                // An id the action cannot use means the clause is about something else.
                let stray_id = !slots.ids.is_empty() && action.target_entity.is_none() && !action.writes;
                let mut total = 0.45 * f64::from(u8::from(verb.is_some()))
                    + 0.25 * f64::from(u8::from(noun.is_some() || entity_match))
                    + 0.2 * example
                    + if entity_match { 0.1 } else { 0.0 };
                if stray_id {
                    total -= 0.15;
                }
                // Never guess a write: without one of its verbs, a write cannot win.
                if action.writes && verb.is_none() {
                    total = total.min(0.3);
                }
                Score {
                    action: action.name.clone(),
                    total: total.clamp(0.0, 1.0),
                    verb,
                    noun: noun.or(entity_match.then(|| "id".into())),
                }
            })
            .collect();
        scores.sort_by(|a, b| b.total.total_cmp(&a.total).then_with(|| a.action.cmp(&b.action)));
        scores
    }
}

fn is_noise(word: &str) -> bool {
    STOPWORDS.contains(&word) || word.chars().all(|c| c.is_ascii_digit() || c == '#' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_tokens() {
        assert_eq!(words("Refund #1042, please!"), vec!["refund", "1042", "please"]);
        assert_eq!(
            words("sla_breached e-mail sla.buffer_hours."),
            vec!["sla_breached", "e-mail", "sla.buffer_hours"]
        );
    }

    #[test]
    fn phrases_match_whole_words_in_order() {
        let clause = words("give the money back now");
        assert!(phrase_in(&words("money back"), &clause));
        assert!(!phrase_in(&words("back money"), &clause));
        assert!(!phrase_in(&words("refund"), &words("refunded")));
    }
}
