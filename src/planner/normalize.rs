//! The prompt as the vocabulary spells it, before anything else reads it:
//! staff shorthand expanded ("bkg" → booking, "u/12" → user 12) and a typo
//! of a catalog word corrected ("refnud" → refund). Only whole words of
//! letters change; numbers, e-mails, phone numbers, amounts and punctuation
//! are kept byte for byte, so that every slot reads what was typed.
//!
//! A word is corrected only when it is not English the project knows
//! (`english.txt`), is at least five letters long (four when two neighbouring
//! letters are swapped) and not capitalised (a name), keeps its first letter,
//! and is one edit (two for eight letters or more) from exactly one catalog
//! word — so "sent" never becomes "set", and ids are never touched.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::catalog::Catalog;

/// Common English, from this repository's own documentation and runbooks
/// plus everyday words: never "corrected".
const ENGLISH: &str = include_str!("english.txt");

/// Staff shorthand, lower case, and what it stands for.
const SHORTHAND: &[(&str, &str)] = &[
    ("bk", "booking"),
    ("bkg", "booking"),
    ("bkgs", "bookings"),
    ("bkng", "booking"),
    ("bkngs", "bookings"),
    ("bking", "booking"),
    ("res", "reservation"),
    ("resv", "reservation"),
    ("appt", "appointment"),
    ("appts", "appointments"),
    ("apt", "appointment"),
    ("cust", "customer"),
    ("custs", "customers"),
    ("cx", "customer"),
    ("acct", "account"),
    ("accts", "accounts"),
    ("acc", "account"),
    ("prov", "provider"),
    ("provs", "providers"),
    ("compl", "complaint"),
    ("compls", "complaints"),
    ("cmpl", "complaint"),
    ("cmplnt", "complaint"),
    ("cmplt", "complaint"),
    ("acked", "acknowledged"),
    ("ack", "acknowledge"),
    ("tkt", "ticket"),
    ("tkts", "tickets"),
    ("prio", "priority"),
    ("app", "application"),
    ("apps", "applications"),
    ("pq", "priority queue"),
    ("pls", "please"),
    ("plz", "please"),
    ("pl", "please"),
    ("thx", "thanks"),
    ("asap", "please"),
    ("u", "you"),
    ("r", "are"),
    ("ur", "your"),
    ("msg", "message"),
    ("mgmt", "management"),
    ("mgr", "manager"),
    ("amt", "amount"),
    ("pmt", "payment"),
    ("pymt", "payment"),
    ("eval", "evaluation"),
    ("cfg", "config"),
    ("conf", "config"),
    ("min", "minutes"),
    ("mins", "minutes"),
    ("hr", "hours"),
    ("hrs", "hours"),
    ("wk", "week"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("tomo", "tomorrow"),
    ("yday", "yesterday"),
    ("req", "request"),
    ("w", "with"),
    ("b4", "before"),
    ("whats", "what is"),
    ("wats", "what is"),
    ("hows", "how is"),
    ("dont", "do not"),
    ("cant", "cannot"),
    ("pw", "password"),
];

/// Marks written glued to an id: `u/123`, `ID:123`, `no.123`.
const GLUED_MARKS: &[(&str, &str)] = &[
    ("u/", "user "),
    ("c/", "customer "),
    ("b/", "booking "),
    ("id:", "id "),
    ("id#", "id "),
    ("no.", "no. "),
    ("nr.", "no. "),
    ("#", "#"),
];

/// The words a typo may be corrected to: every word of the catalog's verbs,
/// nouns, examples and enum values, with the usual inflections of each.
pub struct Normalizer {
    targets: HashMap<char, Vec<String>>,
    known: HashSet<String>,
}

impl Normalizer {
    pub fn new(catalog: &Catalog) -> Normalizer {
        let letters = |phrase: &String| super::intent::words(phrase).into_iter().filter(|w| is_letters(w));
        let mut verbs: BTreeSet<String> = BTreeSet::new();
        let mut words: BTreeSet<String> = BTreeSet::new();
        for action in catalog.actions() {
            verbs.extend(action.verbs.iter().flat_map(letters));
            words.extend(action.nouns.iter().chain(&action.examples).flat_map(letters));
            if let Some(properties) = action.params.get("properties").and_then(|p| p.as_object()) {
                for (name, schema) in properties {
                    words.extend(name.split('_').filter(|w| is_letters(w)).map(str::to_owned));
                    for value in schema.get("enum").and_then(|e| e.as_array()).into_iter().flatten() {
                        if let Some(text) = value.as_str() {
                            words.extend(text.split('_').filter(|w| is_letters(w)).map(str::to_owned));
                        }
                    }
                }
            }
        }
        for (_, long) in SHORTHAND {
            words.extend(long.split(' ').map(str::to_owned));
        }
        // Verbs in all their forms ("cancelled", "refunding"); other words also as plurals.
        let forms: Vec<String> = verbs.iter().flat_map(|v| inflections(v)).collect();
        let plurals: Vec<String> = words.iter().map(|w| format!("{w}s")).collect();
        words.extend(verbs);
        words.extend(forms);
        words.extend(plurals);
        let known: HashSet<String> = words.iter().cloned().collect();
        let mut targets: HashMap<char, Vec<String>> = HashMap::new();
        for word in words.into_iter().filter(|w| w.len() >= 4) {
            if let Some(first) = word.chars().next() {
                targets.entry(first).or_default().push(word);
            }
        }
        Normalizer { targets, known }
    }

    /// The prompt with shorthand expanded and typos of catalog words corrected.
    pub fn normalize(&self, prompt: &str) -> String {
        let mut out = String::with_capacity(prompt.len() + 16);
        let mut rest = prompt;
        while !rest.is_empty() {
            let start = rest.find(|c: char| c.is_ascii_alphabetic() || c == '#').unwrap_or(rest.len());
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            if rest.is_empty() {
                break;
            }
            // A whole chunk up to the next space: "anna.berg@gmail.com" and "INV-7" stay as they are.
            let chunk_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let chunk = &rest[..chunk_end];
            if let Some(rewritten) = glued_mark(chunk) {
                out.push_str(&rewritten);
                rest = &rest[chunk_end..];
                continue;
            }
            let word_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            let word = &rest[..word_end];
            let glued_to_more = rest[word_end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '_' | '-' | '/' | '\'' | ':'))
                || rest[word_end..].starts_with('.')
                    && rest[word_end + 1..].starts_with(|c: char| c.is_alphanumeric());
            if word.is_empty() || glued_to_more || out.ends_with(|c: char| c.is_alphanumeric() || c == '@') {
                let keep = word_end.max(rest.chars().next().map_or(1, char::len_utf8));
                out.push_str(&rest[..keep]);
                rest = &rest[keep..];
                continue;
            }
            out.push_str(&self.word(word));
            rest = &rest[word_end..];
        }
        out
    }

    fn word(&self, word: &str) -> String {
        let lower = word.to_ascii_lowercase();
        if let Some((_, long)) = SHORTHAND.iter().find(|(short, _)| *short == lower) {
            return (*long).to_owned();
        }
        // Short words are too easily another word; a capitalised one is likely a name.
        let capitalised = word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && word.chars().skip(1).all(|c| c.is_ascii_lowercase());
        if lower.len() < 4 || capitalised || self.known.contains(&lower) || is_english(&lower) {
            return word.to_owned();
        }
        if lower.len() == 4 {
            // Four letters: only two neighbours swapped ("fidn" → find), the commonest slip.
            return self.swapped(&lower).unwrap_or_else(|| word.to_owned());
        }
        self.correction(&lower).unwrap_or_else(|| word.to_owned())
    }

    /// The one catalog word `word` is with two neighbouring letters swapped.
    fn swapped(&self, word: &str) -> Option<String> {
        let letters: Vec<char> = word.chars().collect();
        let mut found: Option<&String> = None;
        for target in self.targets.get(letters.first()?)?.iter().filter(|t| t.len() == word.len()) {
            let other: Vec<char> = target.chars().collect();
            let differ: Vec<usize> = (0..letters.len()).filter(|&i| letters[i] != other[i]).collect();
            if differ.len() == 2
                && differ[1] == differ[0] + 1
                && letters[differ[0]] == other[differ[1]]
                && letters[differ[1]] == other[differ[0]]
            {
                if found.is_some_and(|f| f != target) {
                    return None;
                }
                found = Some(target);
            }
        }
        found.cloned()
    }

    /// The one catalog word within reach of `word`, if there is exactly one.
    fn correction(&self, word: &str) -> Option<String> {
        let first = word.chars().next()?;
        let reach = if word.len() >= 8 { 2 } else { 1 };
        let mut best: Option<(usize, &str)> = None;
        let mut tied = false;
        for target in self.targets.get(&first)? {
            if target.len().abs_diff(word.len()) > reach {
                continue;
            }
            let distance = edit_distance(word, target);
            if distance > reach {
                continue;
            }
            match best {
                Some((d, _)) if distance > d => {}
                Some((d, other)) if distance == d => tied |= !same_stem(other, target),
                _ => {
                    best = Some((distance, target));
                    tied = false;
                }
            }
        }
        match best {
            Some((_, target)) if !tied => Some(target.to_owned()),
            _ => None,
        }
    }
}

/// `english.txt` is sorted (a test checks it), so a lookup is a binary search
/// and nothing is built for it per process.
fn is_english(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| ENGLISH.lines().collect()).binary_search(&word).is_ok()
}

fn is_letters(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase())
}

/// "cancel" → cancels, canceled, cancelled, canceling, cancelling; "resolve" → resolves, resolved, resolving.
fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('e') {
        out.extend([format!("{word}d"), format!("{stem}ing")]);
    } else if let Some(stem) = word.strip_suffix('y') {
        out.extend([format!("{stem}ied"), format!("{stem}ies"), format!("{word}ing")]);
    } else {
        out.extend([format!("{word}ed"), format!("{word}ing")]);
        if let Some(last) = word.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
            out.extend([format!("{word}{last}ed"), format!("{word}{last}ing")]);
        }
    }
    out
}

/// Two candidates that are forms of one word ("refund", "refunds") are not a tie.
fn same_stem(a: &str, b: &str) -> bool {
    let stem = |w: &str| w.trim_end_matches("ing").trim_end_matches("ed").trim_end_matches('s').to_owned();
    stem(a) == stem(b)
}

/// `u/123` → `user 123`: a mark glued to the digits of an id.
fn glued_mark(chunk: &str) -> Option<String> {
    let lower = chunk.to_ascii_lowercase();
    GLUED_MARKS.iter().find_map(|(mark, spelled)| {
        let digits = lower.strip_prefix(mark)?;
        let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
        if end == 0 || *mark == "#" {
            return None;
        }
        Some(format!("{spelled}{}", &chunk[mark.len()..]))
    })
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbouring letters each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    // Callers pass lowercase ASCII words: bytes are letters.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[at(i - 1, j)] + 1).min(d[at(i, j - 1)] + 1).min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = best;
        }
    }
    d[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(prompt: &str) -> String {
        Normalizer::new(Catalog::builtin()).normalize(prompt)
    }

    #[test]
    fn shorthand_is_spelled_out_and_glued_marks_come_apart() {
        assert_eq!(normalized("refund bkg #1042 pls"), "refund booking #1042 please");
        assert_eq!(normalized("delte acct u/8120"), "delete account user 8120");
        assert_eq!(normalized("cust ID:77 wallet"), "customer id 77 wallet");
    }

    #[test]
    fn typos_of_catalog_words_are_corrected_and_nothing_else_is() {
        assert_eq!(normalized("cancle appt 6650"), "cancel appointment 6650");
        assert_eq!(normalized("list no-shows from last weekend"), "list no-shows from last weekend");
        assert_eq!(normalized("refnud bk 3391"), "refund booking 3391");
        assert_eq!(normalized("resovle complant 2210"), "resolve complaint 2210");
        assert_eq!(normalized("aprove prov 12, escalte 9"), "approve provider 12, escalate 9");
        assert_eq!(normalized("Lisa moves on Monday"), "Lisa moves on Monday", "a name is not a typo");
        assert_eq!(normalized("fidn cust 12"), "find customer 12", "four letters: a swap only");
        assert_eq!(normalized("lsit sent"), "list sent");
        assert_eq!(normalized("ilst"), "ilst", "the first letter stays");
        // English words, e-mails, ids, amounts and mixed tokens stay as typed.
        for kept in [
            "the invoice was sent late",
            "mail anna.berg@gmail.com about INV-7",
            "refund €12,50 on 1042",
            "which bookings were refunded",
            "call +49 170 1234567",
        ] {
            assert_eq!(normalized(kept), kept);
        }
    }

    #[test]
    fn the_english_list_is_sorted_lowercase_words() {
        let words: Vec<&str> = ENGLISH.lines().collect();
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "english.txt must stay sorted and unique (LC_ALL=C sort -u)"
        );
        assert!(words.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
        assert!(is_english("sent") && !is_english("cancle"));
    }

    #[test]
    fn distances_count_swaps_as_one() {
        assert_eq!(edit_distance("refnud", "refund"), 1);
        assert_eq!(edit_distance("cancle", "cancel"), 1);
        assert_eq!(edit_distance("walet", "wallet"), 1);
        assert_eq!(edit_distance("sent", "set"), 1);
    }
}
