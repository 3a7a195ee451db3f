//! Tokenizes a prompt once, so that every recognizer scans the same array and
//! marks what it consumed instead of rescanning the string.

use std::ops::RangeInclusive;

/// What a token is made of. Digits and letters become separate tokens ("2pm"
/// is `2` + `pm`, "p1" is `p` + `1`) so that recognizers see numbers and unit
/// words the same way whether or not the user typed a space; a [`Run`] glues
/// them back together where whole words matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// ASCII digits only.
    Number,
    /// Letters, `_` and non-ASCII digits.
    Word,
    /// Any other single character that is not whitespace.
    Punct(char),
}

/// Which recognizer consumed a token. Later recognizers skip claimed tokens:
/// that is how "the 12 inside 2026-12-01 is not an id" is enforced without
/// any recognizer knowing about the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    Free,
    Email,
    Date,
    Time,
    Amount,
    Phone,
    ConfigKey,
    ConfigValue,
    Window,
    /// Looked like a date, time or amount but was not a valid one: nothing is
    /// extracted, and its digits must not resurface as ids either.
    Malformed,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// Byte span in the original prompt (always on char boundaries).
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Touches the previous token (no whitespace in between).
    pub glued: bool,
    pub after_line_break: bool,
    /// Index of the run this token belongs to; `NO_RUN` for punctuation.
    pub run: usize,
    lower_start: usize,
    lower_end: usize,
}

/// Consecutive glued letter/digit tokens: what a person would call one word
/// ("p1", "2pm", "buffer_hours", "opened").
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub first: usize,
    pub last: usize,
}

const NO_RUN: usize = usize::MAX;

pub(super) struct Text<'a> {
    pub prompt: &'a str,
    tokens: Vec<Token>,
    runs: Vec<Run>,
    /// Lowercased letters and digits of every alphanumeric token, back to back:
    /// one allocation instead of one per token.
    lower: String,
    claims: Vec<Claim>,
    atom_starts: Vec<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Letter,
    Punct,
}

fn class_of(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_alphanumeric() || c == '_' {
        Class::Letter
    } else {
        Class::Punct
    }
}

fn push_lowercase(lower: &mut String, c: char) {
    if c.is_ascii() {
        lower.push(c.to_ascii_lowercase());
    } else {
        lower.extend(c.to_lowercase());
    }
}

impl<'a> Text<'a> {
    pub fn new(prompt: &'a str) -> Self {
        let mut tokens: Vec<Token> = Vec::with_capacity(prompt.len() / 3 + 4);
        let mut runs: Vec<Run> = Vec::with_capacity(prompt.len() / 5 + 4);
        let mut lower = String::with_capacity(prompt.len());
        let mut last_class = Class::Punct;
        let mut after_space = false;
        let mut after_line_break = false;
        for (at, c) in prompt.char_indices() {
            if c.is_whitespace() {
                after_space = true;
                after_line_break |= matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
                continue;
            }
            let class = class_of(c);
            let end = at + c.len_utf8();
            let glued = !after_space && !tokens.is_empty();
            if glued
                && class == last_class
                && class != Class::Punct
                && let Some(token) = tokens.last_mut()
            {
                push_lowercase(&mut lower, c);
                token.end = end;
                token.lower_end = lower.len();
                continue;
            }
            let index = tokens.len();
            let lower_start = lower.len();
            let (kind, run) = match class {
                Class::Punct => (Kind::Punct(c), NO_RUN),
                Class::Digit | Class::Letter => {
                    push_lowercase(&mut lower, c);
                    let continues_run = glued && last_class != Class::Punct;
                    let kind = if class == Class::Digit { Kind::Number } else { Kind::Word };
                    match runs.last_mut() {
                        Some(run) if continues_run => {
                            run.last = index;
                            (kind, runs.len() - 1)
                        }
                        _ => {
                            runs.push(Run { first: index, last: index });
                            (kind, runs.len() - 1)
                        }
                    }
                }
            };
            tokens.push(Token {
                start: at,
                end,
                kind,
                glued,
                after_line_break,
                run,
                lower_start,
                lower_end: lower.len(),
            });
            last_class = class;
            after_space = false;
            after_line_break = false;
        }
        let count = tokens.len();
        Text {
            prompt,
            tokens,
            runs,
            lower,
            claims: vec![Claim::Free; count],
            atom_starts: vec![false; count],
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|token| token.kind)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Number)
    }

    pub fn is_alphanumeric(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Number | Kind::Word))
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        match self.kind(i) {
            Some(Kind::Punct(c)) => Some(c),
            _ => None,
        }
    }

    /// Lowercased text of an alphanumeric token; empty for punctuation or
    /// out-of-range indices, so callers can compare without checking first.
    pub fn lower(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(token) => self.lower.get(token.lower_start..token.lower_end).unwrap_or(""),
            None => "",
        }
    }

    /// Token `i` exists and touches token `i - 1`.
    pub fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|token| token.glued)
    }

    /// Token `i` exists and is glued to both neighbours: `-` in "no-show".
    pub fn glued_between(&self, i: usize) -> bool {
        self.glued(i) && self.glued(i + 1)
    }

    pub fn is_free(&self, i: usize) -> bool {
        self.claims.get(i) == Some(&Claim::Free)
    }

    #[cfg(test)]
    pub fn claim_of(&self, i: usize) -> Option<Claim> {
        self.claims.get(i).copied()
    }

    /// Marks the still-free tokens of `range` as consumed by one atom. Tokens
    /// already claimed keep their claim (a window phrase around a date leaves
    /// the date a date).
    pub fn claim(&mut self, range: RangeInclusive<usize>, claim: Claim) {
        let end = range.end().saturating_add(1).min(self.claims.len());
        let first = (*range.start()).min(end);
        let mut is_first = true;
        for (owner, starts_atom) in self.claims[first..end].iter_mut().zip(&mut self.atom_starts[first..end])
        {
            if *owner == Claim::Free {
                *owner = claim;
                *starts_atom = is_first;
                is_first = false;
            }
        }
    }

    /// First token of something a recognizer consumed as one unit.
    pub fn is_atom_start(&self, i: usize) -> bool {
        self.atom_starts.get(i).copied().unwrap_or(false)
    }

    /// Byte span of tokens `first..=last` in the prompt.
    pub fn span(&self, first: usize, last: usize) -> (usize, usize) {
        let start = self.tokens.get(first).map_or(0, |token| token.start);
        let end = self.tokens.get(last).map_or(start, |token| token.end);
        (start, end.max(start))
    }

    /// The original text of tokens `first..=last`.
    pub fn slice(&self, first: usize, last: usize) -> &'a str {
        let (start, end) = self.span(first, last);
        self.prompt.get(start..end).unwrap_or("")
    }

    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    pub fn run(&self, r: usize) -> Option<Run> {
        self.runs.get(r).copied()
    }

    pub fn run_of(&self, i: usize) -> Option<usize> {
        self.tokens.get(i).map(|token| token.run).filter(|&run| run != NO_RUN)
    }

    pub fn run_text(&self, r: usize) -> &str {
        let Some(run) = self.runs.get(r) else { return "" };
        match (self.tokens.get(run.first), self.tokens.get(run.last)) {
            (Some(first), Some(last)) => self.lower.get(first.lower_start..last.lower_end).unwrap_or(""),
            _ => "",
        }
    }

    pub fn run_is_free(&self, r: usize) -> bool {
        self.runs.get(r).is_some_and(|run| (run.first..=run.last).all(|i| self.is_free(i)))
    }

    /// The run is a single number token: "1042", not "p1" or "2pm".
    pub fn run_is_number(&self, r: usize) -> bool {
        self.runs.get(r).is_some_and(|run| run.first == run.last && self.is_number(run.first))
    }

    /// Runs `r` and `r + 1` are separated by whitespace only.
    pub fn runs_adjacent(&self, r: usize) -> bool {
        match (self.runs.get(r), self.runs.get(r + 1)) {
            (Some(this), Some(next)) => next.first == this.last + 1,
            _ => false,
        }
    }

    /// Token `i` is a whole word on its own (not part of "2pm" or "p1").
    pub fn is_standalone(&self, i: usize) -> bool {
        self.run_of(i).and_then(|r| self.runs.get(r)).is_some_and(|run| run.first == i && run.last == i)
    }

    /// Token `i` is the stand-alone word `word` (already lowercase).
    pub fn word_is(&self, i: usize, word: &str) -> bool {
        self.kind(i) == Some(Kind::Word) && self.is_standalone(i) && self.lower(i) == word
    }

    pub fn starts_run(&self, i: usize) -> bool {
        self.run_of(i).and_then(|r| self.runs.get(r)).is_some_and(|run| run.first == i)
    }

    pub fn ends_run(&self, i: usize) -> bool {
        self.run_of(i).and_then(|r| self.runs.get(r)).is_some_and(|run| run.last == i)
    }

    /// Token `i` does not continue something to its left: not the "5" of
    /// "p5", nor the "50" of "12.50".
    pub fn starts_fresh(&self, i: usize) -> bool {
        if !self.glued(i) {
            return true;
        }
        let Some(previous) = i.checked_sub(1) else { return true };
        if self.is_alphanumeric(previous) {
            return false;
        }
        let continues_number = matches!(self.punct(previous), Some('.' | ','))
            && self.glued(previous)
            && previous.checked_sub(1).is_some_and(|before| self.is_alphanumeric(before));
        !continues_number
    }

    /// Every run's lowercase text, in order: the prompt's words.
    pub fn words(&self) -> Vec<String> {
        (0..self.runs.len()).map(|r| self.run_text(r).to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &Text) -> Vec<(String, Kind, bool)> {
        (0..text.len())
            .map(|i| (text.slice(i, i).to_string(), text.kind(i).unwrap(), text.glued(i)))
            .collect()
    }

    #[test]
    fn digits_letters_and_punctuation_become_separate_tokens() {
        let text = Text::new("Refund #1042 at 2pm");
        let found = kinds(&text);
        let expected = [
            ("Refund", Kind::Word, false),
            ("#", Kind::Punct('#'), false),
            ("1042", Kind::Number, true),
            ("at", Kind::Word, false),
            ("2", Kind::Number, false),
            ("pm", Kind::Word, true),
        ];
        assert_eq!(found.len(), expected.len());
        for (got, want) in found.iter().zip(expected) {
            assert_eq!((got.0.as_str(), got.1, got.2), want);
        }
        assert_eq!(text.words(), ["refund", "1042", "at", "2pm"]);
        assert!(text.is_standalone(2));
        assert!(!text.is_standalone(4));
    }

    #[test]
    fn spans_stay_on_char_boundaries_with_multibyte_text() {
        let prompt = "İstanbul €12 — שלום 😀x";
        let text = Text::new(prompt);
        for i in 0..text.len() {
            let (start, end) = text.span(i, i);
            assert!(prompt.is_char_boundary(start) && prompt.is_char_boundary(end));
        }
        assert_eq!(text.lower(0), "i\u{307}stanbul");
        assert_eq!(text.words(), ["i\u{307}stanbul", "12", "שלום", "x"]);
    }

    #[test]
    fn claims_keep_the_first_owner() {
        let mut text = Text::new("since 2026-11-01");
        text.claim(1..=5, Claim::Date);
        text.claim(0..=5, Claim::Window);
        assert_eq!(text.claim_of(0), Some(Claim::Window));
        assert_eq!(text.claim_of(3), Some(Claim::Date));
        assert!(text.is_atom_start(0) && text.is_atom_start(1) && !text.is_atom_start(2));
    }

    #[test]
    fn out_of_range_queries_are_harmless() {
        let mut text = Text::new("");
        assert_eq!(text.len(), 0);
        assert_eq!(text.lower(7), "");
        assert!(!text.glued(0) && !text.is_free(3) && text.starts_fresh(0));
        text.claim(0..=3, Claim::Date);
        assert_eq!(text.span(2, 9), (0, 0));
        assert_eq!(text.run_text(4), "");
    }
}
