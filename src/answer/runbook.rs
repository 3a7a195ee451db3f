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
