//! A search query as words, never as syntax: the person's text is reduced to
//! letters and digits here, and each backend builds its own match expression
//! from these terms, so no input can produce an FTS5 or tsquery syntax error.

use serde::Serialize;

use crate::error::{Error, Result};

/// More terms than this add nothing but cost; the rest are ignored.
const MAX_TERMS: usize = 32;
/// Longer "words" (hashes, base64) are cut to this many characters.
const MAX_WORD_CHARS: usize = 64;

/// Words that say nothing about what to find ("what does our policy say about…").
const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "any", "are", "as", "at", "be", "by", "can", "could", "do", "does", "for",
    "from", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our",
    "say", "says", "should", "so", "that", "the", "their", "them", "there", "these", "this", "to", "us",
    "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you",
    "your",
];

/// One thing to look for: a word, or words that belong together ("no-show",
/// "customer's"), which must then appear next to each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Lowercase; only letters and digits.
    pub words: Vec<String>,
    /// Also match words that start with this one (the last word of a query
    /// that is still being typed).
    pub prefix: bool,
}

/// A parsed query: any passage matching any term is a candidate; passages
/// matching more (and rarer) terms rank higher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// Reads a person's query. Only letters and digits count; a query without
    /// any is a usage error.
    pub fn parse(text: &str) -> Result<Query> {
        let mut terms: Vec<Term> = Vec::new();
        for words in compounds(text) {
            let term = Term { words, prefix: false };
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        if terms.is_empty() {
            return Err(Error::Usage(
                "the search query has no words to look for; try a few keywords, e.g. `refund no-show`".into(),
            ));
        }
        let meaningful: Vec<Term> = terms
            .iter()
            .filter(|t| t.words.len() > 1 || !STOPWORDS.contains(&t.words[0].as_str()))
            .cloned()
            .collect();
        if !meaningful.is_empty() {
            terms = meaningful;
        }
        terms.truncate(MAX_TERMS);
        let still_typing = text.trim_end().chars().last().is_some_and(char::is_alphanumeric);
        if let Some(last) = terms.last_mut()
            && still_typing
            && last.words.len() == 1
            && last.words[0].chars().count() >= 3
            && !STOPWORDS.contains(&last.words[0].as_str())
        {
            last.prefix = true;
        }
        Ok(Query { terms })
    }

    /// Every word of every term, for highlighting.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().flat_map(|t| t.words.iter().map(String::as_str))
    }
}

/// Splits text into runs of letters and digits; runs joined by a single
/// hyphen, apostrophe, dot, underscore or slash stay together as one compound.
fn compounds(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut result = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if word.chars().count() < MAX_WORD_CHARS {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        if !word.is_empty() {
            current.push(std::mem::take(&mut word));
        }
        let joins = matches!(c, '-' | '\'' | '’' | '.' | '_' | '/' | '‐')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|next| next.is_alphanumeric())
            && chars.get(i.wrapping_sub(1)).is_some_and(|previous| previous.is_alphanumeric());
        if !joins && !current.is_empty() {
            result.push(std::mem::take(&mut current));
        }
    }
    if !word.is_empty() {
        current.push(word);
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

/// The most telling line of a passage for a query: the one (not a heading)
/// with the most different query words, then the most hits, cut to about
/// `width` characters around the first.
pub fn snippet(text: &str, query: &Query, width: usize) -> String {
    let keys: Vec<WordKey> = query.words().map(WordKey::new).collect();
    let hits = |line: &str| -> (usize, usize) {
        let words: Vec<String> = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let distinct = keys.iter().filter(|key| words.iter().any(|w| key.matches(w))).count();
        let total = words.iter().filter(|w| keys.iter().any(|key| key.matches(w))).count();
        (distinct, total)
    };
    let best = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("```"))
        .enumerate()
        .max_by_key(|(position, line)| (hits(line), std::cmp::Reverse(*position)))
        .map(|(_, line)| line)
        .unwrap_or_default();
    let keys: Vec<String> = keys.into_iter().map(|key| key.text).collect();
    shorten_around(best, &keys, width)
}

/// What a word of a line must be to count as a hit in a snippet, tolerant of
/// endings the index stems away ("refunds" → "refu…", "escalation" → "escalat…").
/// Short words must match whole: "no" is not "not".
struct WordKey {
    text: String,
    exact: bool,
}

impl WordKey {
    fn new(word: &str) -> WordKey {
        let length = word.chars().count();
        if length <= 3 {
            return WordKey { text: word.to_owned(), exact: true };
        }
        WordKey { text: word.chars().take((length - 3).max(4)).collect(), exact: false }
    }

    fn matches(&self, word: &str) -> bool {
        if self.exact { word == self.text } else { word.starts_with(&self.text) }
    }
}

fn shorten_around(line: &str, keys: &[String], width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= width {
        return line.to_owned();
    }
    let lower = line.to_lowercase();
    let first_hit = keys
        .iter()
        .filter_map(|key| lower.find(key.as_str()))
        .min()
        .map_or(0, |byte| lower[..byte].chars().count());
    let start = first_hit.saturating_sub(width / 3).min(chars.len() - width);
    let end = start + width;
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each term as its words joined by spaces, and whether it is a prefix.
    fn words(query: &str) -> Vec<(String, bool)> {
        Query::parse(query).unwrap().terms.into_iter().map(|t| (t.words.join(" "), t.prefix)).collect()
    }

    fn plain(terms: &[&str]) -> Vec<(String, bool)> {
        terms.iter().map(|t| (t.to_string(), false)).collect()
    }

    #[test]
    fn words_compounds_and_stopwords() {
        assert_eq!(
            words("What does our refund policy say about no-shows?"),
            plain(&["refund", "policy", "no shows"])
        );
        assert_eq!(words("SLA escalat"), vec![("sla".into(), false), ("escalat".into(), true)]);
        assert_eq!(words("the"), plain(&["the"]), "only stopwords: keep them");
        assert_eq!(words("refund refund REFUND"), vec![("refund".into(), true)]);
        assert_eq!(words("customer's v1.2 -x"), plain(&["customer s", "v1 2", "x"]));
    }

    #[test]
    fn operators_are_just_words_or_nothing() {
        assert_eq!(words("\"foo AND (bar OR\" NEAR*"), plain(&["foo", "bar", "near"]));
        assert!(matches!(Query::parse(" \"*()^:- "), Err(Error::Usage(_))));
        assert!(matches!(Query::parse(""), Err(Error::Usage(_))));
        let many = (0..100).map(|n| format!("w{n}")).collect::<Vec<_>>().join(" ");
        assert_eq!(Query::parse(&many).unwrap().terms.len(), MAX_TERMS);
        assert_eq!(Query::parse(&"x".repeat(500)).unwrap().terms[0].words[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn snippets_pick_the_line_with_most_hits() {
        let query = Query::parse("no-show refund").unwrap();
        let text = "## No-shows\n\nGeneral words here.\nA no-show gets no refund of the booking fee.\nOther.";
        assert_eq!(snippet(text, &query, 200), "A no-show gets no refund of the booking fee.");
        let query = Query::parse("refund policy no-shows").unwrap();
        let text =
            "## No-shows\nDo not refund further no-shows without approval.\n- Customer no-show: no refund.";
        assert_eq!(snippet(text, &query, 200), "- Customer no-show: no refund.", "`not` is not `no`");
        let long = format!("{} refund {}", "a".repeat(100), "b".repeat(100));
        let cut = snippet(&long, &query, 40);
        assert!(cut.starts_with('…') && cut.ends_with('…') && cut.contains("refund"), "{cut}");
    }
}
