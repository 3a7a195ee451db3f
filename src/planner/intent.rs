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

/// Words that turn the verb after them around: "we cannot accept provider 9".
/// ("don't" reaches here as "don", "t".)
const NEGATIONS: &[&str] = &["not", "cannot", "cant", "dont", "never", "t", "nor"];

/// The second word of a phrasal verb, which may stand a few words after the
/// first: "give him the full amount back", "hand complaint 9 over to…".
const PARTICLES: &[&str] = &["back", "off", "over", "up", "out", "down", "through", "on", "in", "onto", "to"];

/// How many words may stand between a phrasal verb and its particle.
const PARTICLE_REACH: usize = 5;

/// Where `phrase` occurs and is not negated by one of the two words before it.
fn affirmed_at(phrase: &[String], words: &[String]) -> Option<usize> {
    if phrase.is_empty() || words.len() < phrase.len() {
        return None;
    }
    let negated = |at: usize| words[at.saturating_sub(2)..at].iter().any(|w| NEGATIONS.contains(&w.as_str()));
    let contiguous =
        (0..=words.len() - phrase.len()).find(|&at| words[at..at + phrase.len()] == *phrase && !negated(at));
    if contiguous.is_some() || phrase.len() != 2 || !PARTICLES.contains(&phrase[1].as_str()) {
        return contiguous;
    }
    (0..words.len()).find(|&at| {
        words[at] == phrase[0]
            && !negated(at)
            && words[at + 1..].iter().take(PARTICLE_REACH).any(|w| *w == phrase[1])
    })
}

/// Words right before a participle that describe a state, not a request:
/// "booking 5 was refunded".
const STATE_WORDS: &[&str] = &["was", "were", "is", "are", "been", "got", "already", "being"];

/// Words that make a participle a request: "wants appointment 6650 cancelled",
/// "needs to be cancelled", "mark it as resolved".
const REQUEST_CUES: &[&str] =
    &["want", "wants", "need", "needs", "please", "kindly", "should", "must", "mark", "have", "be", "get"];

/// The participles of a one-word verb: "cancel" → cancelled, canceled; "resolve" → resolved.
fn participles(verb: &str) -> Vec<String> {
    let mut forms = vec![format!("{verb}ed"), format!("{verb}d")];
    if let Some(last) = verb.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
        forms.push(format!("{verb}{last}ed"));
    }
    if let Some(stem) = verb.strip_suffix('y') {
        forms.push(format!("{stem}ied"));
    }
    forms
}

/// Words that ask for something to be shown, for any read whose object is named:
/// "pull up the refunded bookings", "could you check the alerts".
const READ_VERBS: &[&str] = &[
    "show",
    "list",
    "see",
    "view",
    "pull up",
    "pull",
    "look at",
    "look up",
    "check",
    "display",
    "give me",
    "get me",
    "fetch",
    "dig out",
    "bring up",
    "find",
    "which",
    "what",
    "what are",
    "how many",
    "any",
    "tell me",
    "overview",
    "summary",
    "is there",
    "are there",
    "who",
    "how is",
    "how are",
    "get",
    "search",
    "lookup",
];

/// Words before a verb that make it the thing asked for: "…, please suspend the account".
const IMPERATIVE_CUES: &[&str] =
    &["please", "kindly", "pls", "can", "could", "would", "you", "just", "go", "then", "now", "need", "want"];

/// Words that ask for a draft, not for the write itself.
const DRAFT_CUES: &[&str] =
    &["draft", "drafts", "prepare", "prep", "compose", "write", "suggest", "template", "propose", "proposal"];

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
    /// Values the action's enum parameters take, and entities its other id parameters name.
    filter_values: Vec<String>,
    filter_entities: Vec<Entity>,
    takes_staff_email: bool,
    /// What the action reads or changes: its target's entity, else its first noun's.
    entity: Option<Entity>,
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
    /// How many actions use each verb phrase: a verb many actions share says less.
    verb_spread: std::collections::HashMap<Vec<String>, usize>,
    read_verbs: Vec<Vec<String>>,
}

impl IntentIndex {
    pub fn new(catalog: &Catalog) -> IntentIndex {
        let tokenize = |list: &[String]| list.iter().map(|p| words(p)).filter(|p| !p.is_empty()).collect();
        let mut verb_spread = std::collections::HashMap::new();
        for action in catalog.actions() {
            let verbs: std::collections::BTreeSet<Vec<String>> =
                action.verbs.iter().map(|v| words(v)).collect();
            for verb in verbs {
                *verb_spread.entry(verb).or_insert(0) += 1;
            }
        }
        IntentIndex {
            verb_spread,
            read_verbs: READ_VERBS.iter().map(|v| words(v)).collect(),
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
                    filter_values: filter_values(action),
                    filter_entities: filter_entities(action),
                    takes_staff_email: action.params.pointer("/properties/staff_email").is_some(),
                    entity: action.target.as_ref().and_then(|t| entity_of_table(&t.table)).or_else(|| {
                        action.nouns.first().and_then(|n| super::slots::entity_of_word(&n.to_lowercase()))
                    }),
                })
                .collect(),
        }
    }

    /// Whether any action's verb appears in the clause (used to decide whether to split).
    pub fn any_verb(&self, clause_words: &[String]) -> bool {
        self.actions.iter().any(|a| a.verbs.iter().any(|v| phrase_in(v, clause_words)))
    }

    /// Whether a write's verb appears in the clause.
    pub fn any_write_verb(&self, clause_words: &[String]) -> bool {
        self.actions.iter().filter(|a| a.writes).any(|a| a.verbs.iter().any(|v| phrase_in(v, clause_words)))
    }

    /// Every action scored on the clause, best first.
    pub fn score(
        &self,
        clause_words: &[String],
        slots: &Slots,
        carried: Option<Entity>,
        question: bool,
    ) -> Vec<Score> {
        let content: Vec<&String> = clause_words.iter().filter(|w| !is_noise(w)).collect();
        // Most phrases do not even start with a word of the clause: skip them at once.
        let present: std::collections::HashSet<&str> = clause_words.iter().map(String::as_str).collect();
        let may_match = |phrase: &&Vec<String>| phrase.first().is_some_and(|w| present.contains(w.as_str()));
        let any_write_verb = self
            .actions
            .iter()
            .filter(|a| a.writes)
            .any(|a| a.verbs.iter().filter(may_match).any(|v| affirmed_at(v, clause_words).is_some()));
        let draft_asked = clause_words.iter().any(|w| DRAFT_CUES.contains(&w.as_str()))
            && self
                .actions
                .iter()
                .filter(|a| a.name.starts_with("draft."))
                .any(|a| a.nouns.iter().filter(may_match).any(|n| phrase_in(n, clause_words)));
        // "has booking 401 been paid?", "what is sla.buffer_hours set to": a question about how
        // things are never changes them.
        let asks_about_state = clause_words.first().is_some_and(|w| INTERROGATIVES.contains(&w.as_str()));
        let object = object_of(clause_words);
        let mut scores: Vec<Score> = self
            .actions
            .iter()
            .map(|action| {
                let own_verb = action
                    .verbs
                    .iter()
                    .filter(may_match)
                    .filter_map(|v| affirmed_at(v, clause_words).map(|at| (v, at)))
                    .max_by_key(|(v, _)| v.len());
                let noun = action
                    .nouns
                    .iter()
                    .filter(may_match)
                    .find(|n| phrase_in(n, clause_words))
                    .map(|n| n.join(" "));
                // A verb shared by many actions weighs less than one of this action's own.
                let mut verb_weight = own_verb.map_or(0.0, |(v, _)| {
                    let spread = self.verb_spread.get(v).copied().unwrap_or(1).max(1) as f64;
                    0.45 * (0.8 + 0.2 / spread)
                });
                let imperative = own_verb.is_some_and(|(_, at)| {
                    at == 0 || clause_words.get(at - 1).is_some_and(|w| IMPERATIVE_CUES.contains(&w.as_str()))
                });
                let mut verb = own_verb.map(|(v, _)| v.join(" "));
                if verb.is_none() && action.writes && !question {
                    // "booking 90331 needs to be cancelled", "pq item 211 reviewed".
                    let target_named = action
                        .target_entity
                        .as_ref()
                        .is_some_and(|e| slots.ids.iter().any(|id| id.entity.as_ref() == Some(e)));
                    let cued = clause_words.iter().any(|w| REQUEST_CUES.contains(&w.as_str()));
                    let participle = action.verbs.iter().filter(|v| v.len() == 1).find_map(|v| {
                        let forms = participles(&v[0]);
                        let at = clause_words.iter().position(|w| forms.contains(w))?;
                        let state = at > 0 && STATE_WORDS.contains(&clause_words[at - 1].as_str());
                        (!state && (cued || target_named)).then(|| v.join(" "))
                    });
                    if let Some(participle) = participle {
                        verb_weight = 0.4;
                        verb = Some(participle);
                    }
                }
                if verb.is_none() && !action.writes && noun.is_some() {
                    if let Some(read) =
                        self.read_verbs.iter().find(|v| affirmed_at(v, clause_words).is_some())
                    {
                        verb = Some(read.join(" "));
                        verb_weight = 0.33;
                    } else if !any_write_verb && only_object_and_filters(action, &content, slots) {
                        // A bare object with its filters ("pending provider apps?") asks to see it.
                        verb_weight = 0.3;
                    }
                }
                let mentioned = slots
                    .ids
                    .iter()
                    .filter_map(|id| id.entity.clone())
                    .chain(carried.clone())
                    .collect::<Vec<_>>();
                let entity_match = action.target_entity.as_ref().is_some_and(|e| mentioned.contains(e))
                    || (action.name.starts_with("config.") && !slots.config_keys.is_empty())
                    || (action.takes_staff_email && !slots.emails.is_empty())
                    || (action.name.starts_with("alerts.") && names_a_rule(clause_words, slots));
                // The record the sentence is about: its first noun that is not after "for", "of", "on" …
                let about = object.as_ref().is_some_and(|o| action.entity.as_ref() == Some(o));
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
                // A record's id the action cannot use means the clause is about something else
                // (a bare number is as often a count: "3 refunds failed").
                let stray_id = slots.ids.iter().any(|id| id.entity.is_some())
                    && action.target_entity.is_none()
                    && !action.writes;
                // The request's filters fit this action's parameters: "completed appointments of customer 5".
                let filters = slots
                    .statuses
                    .iter()
                    .chain(&slots.priorities)
                    .chain(&slots.roles)
                    .any(|v| action.filter_values.contains(v))
                    || slots
                        .ids
                        .iter()
                        .any(|id| id.entity.as_ref().is_some_and(|e| action.filter_entities.contains(e)));
                let mut total = verb_weight
                    + 0.25 * f64::from(u8::from(noun.is_some() || entity_match))
                    + 0.2 * example
                    + if entity_match { 0.1 } else { 0.0 }
                    + if filters && !action.writes { 0.1 } else { 0.0 }
                    + if about { 0.08 } else { 0.0 }
                    + if action.writes && imperative { 0.05 } else { 0.0 };
                if stray_id {
                    total -= 0.15;
                }
                // Never guess a write: without one of its verbs, a write cannot win;
                // and a request for a draft is never the write itself.
                if action.writes && (verb.is_none() || draft_asked || asks_about_state) {
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

/// First words of a question about a state rather than a request.
pub(super) const INTERROGATIVES: &[&str] = &[
    "which", "what", "how", "has", "have", "was", "were", "did", "is", "are", "does", "do", "who", "when",
    "where", "why",
];

/// The entity of the clause's first record noun that does not follow a
/// preposition: "list the completed appointments for customer 5" is about appointments.
fn object_of(clause_words: &[String]) -> Option<Entity> {
    clause_words.iter().enumerate().find_map(|(at, word)| {
        let entity = super::slots::entity_of_word(word)?;
        let after_preposition = at > 0
            && matches!(
                clause_words[at - 1].as_str(),
                "for" | "of" | "from" | "by" | "at" | "with" | "on" | "to" | "about"
            );
        (!after_preposition).then_some(entity)
    })
}

/// A snake_case name that is no role, status or config key: an alert rule ("sla_at_risk").
fn names_a_rule(clause_words: &[String], slots: &Slots) -> bool {
    super::fill::seeded_rule_in_words(clause_words).is_some()
        || clause_words.iter().any(|w| {
            w.contains('_')
                && !w.contains('.')
                && !looks_like_column(w)
                && !slots.roles.contains(w)
                && !slots.statuses.contains(w)
                && !slots.config_keys.iter().any(|k| k.ends_with(w.as_str()))
        })
}

/// `created_at`, `user_id`, `amount_cents`: a column's name, not a rule's.
pub fn looks_like_column(word: &str) -> bool {
    ["_at", "_id", "_cents", "_ids"].iter().any(|suffix| word.ends_with(suffix))
}

fn filter_values(action: &ActionSpec) -> Vec<String> {
    let target = action.target.as_ref().map(|t| t.param.as_str());
    let properties = action.params.get("properties").and_then(|p| p.as_object());
    properties
        .into_iter()
        .flatten()
        .filter(|(name, _)| Some(name.as_str()) != target && name.as_str() != "decision")
        .flat_map(|(_, schema)| schema.get("enum").and_then(|e| e.as_array()).cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn filter_entities(action: &ActionSpec) -> Vec<Entity> {
    let target = action.target.as_ref().map(|t| t.param.as_str());
    let properties = action.params.get("properties").and_then(|p| p.as_object());
    properties
        .into_iter()
        .flatten()
        .filter(|(name, _)| Some(name.as_str()) != target)
        .filter_map(|(name, _)| super::fill::entity_for_param(name))
        .collect()
}

/// Words a request that only names what to show may also hold.
const GLUE: &[&str] = &[
    "still",
    "currently",
    "now",
    "today",
    "new",
    "every",
    "each",
    "status",
    "state",
    "right",
    "there",
    "here",
    "some",
    "us",
    "recent",
    "latest",
    "last",
    "week",
    "month",
    "year",
    "yesterday",
    "so",
    "far",
    "yet",
    "only",
    "just",
    "thanks",
    "thx",
    "pending",
    "total",
    "number",
    "many",
    "much",
    "do",
    "we",
    "have",
    "has",
    "got",
    "i",
    "you",
    "your",
    "up",
    "open",
    "current",
    "overall",
    "again",
    "or",
    "not",
];

/// The clause names this read's object and nothing but filters around it:
/// "pending provider applications", "high priority complaints today".
fn only_object_and_filters(action: &ActionIntent, content: &[&String], slots: &Slots) -> bool {
    let noun_words: Vec<&String> = action.nouns.iter().flatten().collect();
    // A lone noun ("bookings") is too little to act on; its record's id ("customer 9902") or a filter is enough.
    let own_record = action
        .target_entity
        .as_ref()
        .is_some_and(|e| slots.ids.iter().any(|id| id.entity.as_ref() == Some(e)));
    let filtered = !(slots.statuses.is_empty() && slots.priorities.is_empty() && slots.roles.is_empty())
        || slots.window.is_some()
        || own_record;
    let filter_noun =
        |word: &str| super::slots::entity_of_word(word).is_some_and(|e| action.filter_entities.contains(&e));
    filtered
        && content.iter().all(|word| {
            noun_words.contains(word)
                || filter_noun(word)
                || (own_record && super::slots::entity_of_word(word).is_some())
                || GLUE.contains(&word.as_str())
                || slots.statuses.iter().chain(&slots.priorities).chain(&slots.roles).any(|v| {
                    v == *word
                        || v.replace('_', "-") == **word
                        || v.split('_').any(|part| part == word.as_str())
                })
        })
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
