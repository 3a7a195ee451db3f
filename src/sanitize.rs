//! Makes visible what must never reach a terminal unseen: control characters,
//! escape sequences, bidirectional controls and invisible characters. Text from
//! a database row, a prompt or a model goes through here before it is shown.
//! Each such character is shown as an escape (`\u{202e}`), as sharkdp/fd does,
//! so that an approver sees that something was there instead of a blank.

use std::fmt::Write;

/// Returns `text` with every hidden character (see [`is_hidden`]) shown as
/// `\u{…}`; newlines and tabs are kept.
pub fn for_terminal(text: &str) -> String {
    escape_hidden(text.chars())
}

/// Like [`for_terminal`], but newlines, carriage returns and tabs become
/// spaces: for table cells and one-line messages.
pub fn one_line(text: &str) -> String {
    escape_hidden(text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }))
}

fn escape_hidden(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        if is_hidden(c) && c != '\n' && c != '\t' {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` changes or hides what a reader sees without being visible
/// itself: C0 and C1 controls (newline and tab included; callers keep those
/// they want), bidirectional controls, and invisible (default-ignorable)
/// characters. JSON and YAML output escapes the same set.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}'                // soft hyphen
            | '\u{061c}'              // arabic letter mark (bidi)
            | '\u{180e}'              // mongolian vowel separator
            | '\u{200b}'..='\u{200f}' // zero-width spaces and joiners, LRM/RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2065}' // word joiner, invisible operators, reserved
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206a}'..='\u{206f}' // deprecated format characters
            | '\u{feff}'              // zero-width no-break space (BOM)
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation
            | '\u{e0000}'..='\u{e007f}' // tag characters (invisible ASCII)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One character from each end of every class opsgate shows as an escape.
    const HIDDEN: &[(char, &str)] = &[
        ('\u{0}', "NUL"),
        ('\u{1b}', "ESC"),
        ('\u{7}', "BEL"),
        ('\u{8}', "backspace"),
        ('\u{1f}', "last C0"),
        ('\u{7f}', "DEL"),
        ('\u{80}', "first C1"),
        ('\u{9b}', "CSI"),
        ('\u{9f}', "last C1"),
        ('\u{ad}', "soft hyphen"),
        ('\u{61c}', "arabic letter mark"),
        ('\u{180e}', "mongolian vowel separator"),
        ('\u{200b}', "zero-width space"),
        ('\u{200d}', "zero-width joiner"),
        ('\u{200f}', "RLM"),
        ('\u{2028}', "line separator"),
        ('\u{2029}', "paragraph separator"),
        ('\u{202a}', "LRE"),
        ('\u{202e}', "RLO"),
        ('\u{2060}', "word joiner"),
        ('\u{2064}', "invisible plus"),
        ('\u{2065}', "reserved"),
        ('\u{2066}', "LRI"),
        ('\u{2069}', "PDI"),
        ('\u{206a}', "inhibit symmetric swapping"),
        ('\u{206f}', "nominal digit shapes"),
        ('\u{feff}', "BOM"),
        ('\u{fff9}', "interlinear annotation anchor"),
        ('\u{fffb}', "interlinear annotation terminator"),
        ('\u{e0000}', "first tag block"),
        ('\u{e0001}', "language tag"),
        ('\u{e0041}', "tag A"),
        ('\u{e007f}', "cancel tag"),
    ];

    #[test]
    fn every_hidden_character_is_shown_as_an_escape() {
        for (c, name) in HIDDEN {
            let escaped = format!("a\\u{{{:x}}}b", u32::from(*c));
            assert_eq!(for_terminal(&format!("a{c}b")), escaped, "{name}");
            assert_eq!(one_line(&format!("a{c}b")), escaped, "{name}");
        }
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_are_made_visible() {
        assert_eq!(for_terminal("ok\x1b[31mred"), "ok\\u{1b}[31mred");
        assert_eq!(for_terminal("refund \u{202e}0001"), "refund \\u{202e}0001");
        assert_eq!(for_terminal("line\r\nnext"), "line\\u{d}\nnext");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Booking #1042 — €12.50\n\tnext line, ünïcode, עברית, 日本語, 👍🏽, C:\\u{41}";
        assert_eq!(for_terminal(text), text);
        for c in ['\u{2027}', '\u{202f}', '\u{2070}', '\u{fff8}', '\u{fffc}', '\u{fffd}', '\u{e0080}'] {
            assert_eq!(for_terminal(&c.to_string()), c.to_string(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn one_line_flattens_line_breaks_and_tabs_to_spaces() {
        assert_eq!(one_line("a\nb\tc\r\nd"), "a b c  d");
    }
}
