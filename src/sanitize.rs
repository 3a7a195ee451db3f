//! Strips what must never reach a terminal unseen: control characters, escape
//! sequences, bidirectional overrides and invisible characters. Text from a
//! database row, a prompt or a model goes through here before it is shown.

/// Returns `text` with dangerous characters replaced by `�` (newlines and tabs kept).
pub fn for_terminal(text: &str) -> String {
    text.chars().map(|c| if is_dangerous(c) { '\u{fffd}' } else { c }).collect()
}

/// Like [`for_terminal`], but also flattens newlines and tabs: for table cells.
pub fn one_line(text: &str) -> String {
    for_terminal(text).replace(['\n', '\r', '\t'], " ")
}

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width spaces and marks, LRM/RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{feff}'              // zero-width no-break space
            | '\u{00ad}'              // soft hyphen
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_neutralized() {
        assert_eq!(for_terminal("ok\x1b[31mred"), "ok\u{fffd}[31mred");
        assert_eq!(for_terminal("refund \u{202e}0001"), "refund \u{fffd}0001");
        assert_eq!(for_terminal("a\u{200b}b"), "a\u{fffd}b");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Booking #1042 — €12.50\n\tnext line, ünïcode";
        assert_eq!(for_terminal(text), text);
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
