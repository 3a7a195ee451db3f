//! Config keys (`sla.buffer_hours`) and the value a prompt sets the first one to.

use super::text::{Claim, Kind, Text};

/// Finds and claims every config key, and the value after the first one
/// ("set config sla.buffer_hours to 2" → `2`). Values after later keys are
/// claimed too, so that they never read as ids.
pub(super) fn keys(text: &mut Text) -> (Vec<String>, Option<String>) {
    let mut keys = Vec::new();
    let mut first_value = None;
    let mut i = 0;
    while i < text.len() {
        let first = i;
        let Some((last, key)) = key_at(text, i) else {
            i += 1;
            continue;
        };
        i = last + 1;
        let Some(key) = key else { continue };
        text.claim(first..=last, Claim::ConfigKey);
        if let Some((value_first, value_last)) = value_after(text, last) {
            if keys.is_empty() {
                first_value = Some(text.slice(value_first, value_last).to_lowercase());
            }
            text.claim(value_first..=value_last, Claim::ConfigValue);
            i = value_last + 1;
        }
        keys.push(key);
    }
    (keys, first_value)
}

/// Last segments that make a dotted word a file name or a web address, not a key.
fn is_file_or_domain_suffix(segment: &str) -> bool {
    matches!(
        segment,
        "csv"
            | "json"
            | "yaml"
            | "yml"
            | "txt"
            | "pdf"
            | "xlsx"
            | "xls"
            | "log"
            | "sql"
            | "md"
            | "html"
            | "png"
            | "jpg"
            | "com"
            | "net"
            | "org"
            | "io"
            | "de"
            | "uk"
    )
}

/// A dotted chain of identifier words starting at token `i`: the last token
/// scanned and the key, `None` for chains that are not keys ("e.g",
/// "report.csv") so the caller can skip past them in one step.
fn key_at(text: &Text, i: usize) -> Option<(usize, Option<String>)> {
    let starts_a_key = text.is_free(i)
        && text.starts_run(i)
        && !(text.glued(i) && matches!(text.punct(i.wrapping_sub(1)), Some('.' | '@' | '/' | '-' | '_')));
    if !starts_a_key {
        return None;
    }
    let mut key = String::new();
    let mut segments = 0;
    let mut longest_segment = 0;
    let mut r = text.run_of(i)?;
    loop {
        let run = text.run(r)?;
        let segment = text.run_text(r);
        // "sentence.Next" is a missing space, not a key: only the first segment may be capitalized.
        let capitalized = segments > 0 && text.slice(run.first, run.first).starts_with(char::is_uppercase);
        let identifier = text.kind(run.first) == Some(Kind::Word)
            && !capitalized
            && segment.starts_with(|c: char| c.is_ascii_lowercase())
            && segment.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && text.run_is_free(r);
        if !identifier {
            // A chain that runs into something else ("sla.2x", "a.b@c") is not a key.
            return Some((run.last, None));
        }
        if segments > 0 {
            key.push('.');
        }
        key.push_str(segment);
        segments += 1;
        longest_segment = longest_segment.max(segment.len());
        let dot = run.last + 1;
        let continues = text.punct(dot) == Some('.') && text.glued_between(dot) && text.starts_run(dot + 1);
        if !continues {
            let is_key = segments >= 2 && longest_segment >= 2 && !is_file_or_domain_suffix(segment);
            return Some((run.last, is_key.then_some(key)));
        }
        r = text.run_of(dot + 1)?;
    }
}

/// The value after a key ending at token `last`: a number right after it
/// (`sla.buffer_hours 2`), or a number or single word after `to`, `=`, `:`,
/// `as` or `is`. Returns its first and last token.
fn value_after(text: &Text, last: usize) -> Option<(usize, usize)> {
    let mut j = last + 1;
    let connected = text.word_is(j, "to")
        || text.word_is(j, "as")
        || text.word_is(j, "is")
        || matches!(text.punct(j), Some('=' | ':'));
    if connected {
        j += 1;
    }
    if !text.is_free(j) {
        return None;
    }
    let number_start = if text.punct(j) == Some('-') && text.glued(j + 1) { j + 1 } else { j };
    if text.is_number(number_start) && text.is_standalone(number_start) && text.is_free(number_start) {
        let mut value_last = number_start;
        if text.punct(value_last + 1) == Some('.')
            && text.glued_between(value_last + 1)
            && text.is_number(value_last + 2)
            && text.is_free(value_last + 2)
        {
            value_last += 2;
        }
        return Some((j, value_last));
    }
    (connected && text.kind(j) == Some(Kind::Word) && text.is_standalone(j)).then_some((j, j))
}

/// The operations setting a request describes without its key: "the SLA
/// buffer", "alert evaluation interval", "the SLA for complaint responses".
/// Only with a word that says a setting is meant, so that "complaints at
/// risk" stays a question about complaints.
pub fn described_key(words: &[String]) -> Option<&'static str> {
    let has = |w: &str| words.iter().any(|x| x == w);
    let setting = ["setting", "settings", "config", "configuration", "buffer", "interval", "threshold"]
        .iter()
        .any(|w| has(w))
        || ((has("response") || has("responses")) && (has("hours") || has("time") || has("sla")));
    if !setting {
        return None;
    }
    if has("buffer") {
        Some("sla.buffer_hours")
    } else if has("interval") || (has("evaluation") && (has("alert") || has("alerts"))) {
        Some("alerts.evaluation_interval_minutes")
    } else if (has("refund") || has("refunds")) && (has("response") || has("responses") || has("sla")) {
        Some("sla.refund_response_hours")
    } else if (has("complaint") || has("complaints")) && (has("response") || has("responses") || has("sla")) {
        Some("sla.complaint_response_hours")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(prompt: &str) -> (Vec<String>, Option<String>) {
        keys(&mut Text::new(prompt))
    }

    #[test]
    fn keys_and_their_values() {
        assert_eq!(
            found("set config sla.buffer_hours to 2"),
            (vec!["sla.buffer_hours".into()], Some("2".into()))
        );
        assert_eq!(found("SLA.buffer_hours=1.5"), (vec!["sla.buffer_hours".into()], Some("1.5".into())));
        assert_eq!(
            found("alerts.evaluation_interval_minutes: -5"),
            (vec!["alerts.evaluation_interval_minutes".into()], Some("-5".into()))
        );
        assert_eq!(
            found("set feature.beta_ui to true."),
            (vec!["feature.beta_ui".into()], Some("true".into()))
        );
        assert_eq!(found("show sla.buffer_hours please"), (vec!["sla.buffer_hours".into()], None));
        assert_eq!(found("a.b2.c3 and x2.y"), (vec!["a.b2.c3".into(), "x2.y".into()], None));
    }

    #[test]
    fn the_key_is_claimed_token_by_token() {
        let mut text = Text::new("set sla.buffer_hours to 2 now");
        keys(&mut text);
        let claims: Vec<Claim> = (0..text.len()).map(|i| text.claim_of(i).unwrap()).collect();
        assert_eq!(
            claims,
            [
                Claim::Free,
                Claim::ConfigKey,
                Claim::ConfigKey,
                Claim::ConfigKey,
                Claim::Free,
                Claim::ConfigValue,
                Claim::Free
            ]
        );
    }

    #[test]
    fn dotted_words_that_are_not_keys() {
        for prompt in [
            "e.g. this",
            "i.e.",
            "report.csv",
            "example.com",
            "end of sentence.Next",
            "12.50",
            "v1.2",
            "sla.2x",
            "sla.",
            ".sla",
            "ünï.cödé",
        ] {
            assert_eq!(found(prompt).0, Vec::<String>::new(), "{prompt}");
        }
    }
}
