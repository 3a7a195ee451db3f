//! Answers from the team's runbooks: the best passages, quoted and cited.

use super::Answer;
use super::finding::Source;
use crate::runbooks::Passage;

/// Passages an answer cites at most.
pub const PASSAGES: usize = 3;

/// How much of a passage the answer quotes.
const QUOTE_CHARS: usize = 400;

pub fn source(passage: &Passage) -> Source {
    Source::Runbook { citation: passage.citation(), heading: passage.heading.clone(), score: passage.score }
}

/// The passage's prose without its heading lines, cut at a sentence end.
fn quote(passage: &Passage) -> String {
    let prose: Vec<&str> =
        passage.text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let joined = prose.join(" ");
    if joined.chars().count() <= QUOTE_CHARS {
        return joined;
    }
    let cut: String = joined.chars().take(QUOTE_CHARS).collect();
    match cut.rfind(". ") {
        Some(end) if end > QUOTE_CHARS / 3 => cut[..=end].to_owned(),
        _ => format!("{}…", cut.trim_end()),
    }
}

/// Words that make a question about documents but say nothing about which
/// passage answers it; searched for, they would match every policy's intro.
const QUESTION_WORDS: &[&str] = &[
    "what",
    "which",
    "who",
    "when",
    "where",
    "why",
    "how",
    "does",
    "do",
    "did",
    "is",
    "are",
    "was",
    "were",
    "can",
    "should",
    "would",
    "could",
    "we",
    "our",
    "us",
    "i",
    "me",
    "my",
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "for",
    "about",
    "to",
    "say",
    "says",
    "said",
    "tell",
    "policy",
    "policies",
    "runbook",
    "runbooks",
    "procedure",
    "process",
    "guideline",
    "guidelines",
    "handbook",
    "documentation",
    "docs",
    "rule",
    "rules",
    "and",
    "or",
    "it",
    "there",
    "any",
    "with",
    "by",
    "at",
    "be",
    "this",
    "that",
];

/// The words of a question worth searching the runbooks for; `None` when
/// nothing is left (the question names no topic).
pub fn search_terms(prompt: &str) -> Option<String> {
    let lower = prompt.to_lowercase();
    let terms: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty() && !QUESTION_WORDS.contains(w))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The relevant passages for a question, or none when it names no topic.
pub async fn passages_for(store: &crate::store::Store, prompt: &str) -> crate::error::Result<Vec<Passage>> {
    let Some(terms) = search_terms(prompt) else { return Ok(Vec::new()) };
    match crate::runbooks::search(store, &terms, PASSAGES).await {
        Ok(found) => Ok(relevant(found)),
        // Terms the index cannot use are no passage, not a usage error of `ask`.
        Err(crate::error::Error::Usage(_)) => Ok(Vec::new()),
        Err(other) => Err(other),
    }
}

/// Passages scoring under this share of the best one are noise, not support.
const RELEVANT_SHARE: f64 = 0.25;

/// The passages worth citing: the best, and those close enough to it.
pub fn relevant(mut passages: Vec<Passage>) -> Vec<Passage> {
    let best = passages.first().map_or(0.0, |p| p.score);
    passages.retain(|p| p.score > 0.0 && p.score >= best * RELEVANT_SHARE);
    passages
}

/// Fills an answer from passages (best first, at least one).
pub fn answer(answer: &mut Answer, passages: Vec<Passage>) {
    let best = &passages[0];
    answer.answer = format!("From {} ({}): {}", best.citation(), best.heading, quote(best));
    if passages.len() > 1 {
        let more: Vec<String> = passages[1..].iter().map(|p| p.citation()).collect();
        answer.answer.push_str(&format!(" See also {}.", more.join(", ")));
    }
    // Full-text scores are unbounded; map the best one onto 0.5–0.95.
    answer.confidence = ((0.5 + 0.45 * (best.score / (best.score + 1.0))) * 100.0).round() / 100.0;
    answer.sources = passages.iter().map(source).collect();
    answer.passages = passages;
}

#[cfg(test)]
mod tests {
    use super::search_terms;

    #[test]
    fn question_words_are_not_search_terms() {
        assert_eq!(
            search_terms("What does our refund policy say about no-shows?").as_deref(),
            Some("refund no-shows")
        );
        assert_eq!(search_terms("what is our policy on ???"), None);
        assert_eq!(search_terms("how do we onboard a provider").as_deref(), Some("onboard provider"));
    }
}
