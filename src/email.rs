//! E-mail addresses as identities: they name staff everywhere and become file
//! names (a person's private key is `<email>.ed25519`), so an address must be
//! one plain address and nothing a path or a terminal could misread.

use crate::error::{Error, Result};

/// The longest address SMTP allows (RFC 5321, a path of 256 minus the brackets).
const MAX_LEN: usize = 254;

/// Checks that `email` is a single plain address: `local@domain.tld`, printable
/// ASCII or letters only, no path separators, no `..`, no leading dot.
pub fn validate(email: &str) -> Result<()> {
    match problem(email) {
        None => Ok(()),
        Some(why) => Err(Error::Usage(format!(
            "`{}` is not an e-mail address: {why}",
            crate::sanitize::one_line(email)
        ))),
    }
}

fn problem(email: &str) -> Option<&'static str> {
    if email.is_empty() {
        return Some("it is empty");
    }
    if email.len() > MAX_LEN {
        return Some("it is longer than 254 bytes");
    }
    if email.chars().any(|c| c.is_control() || c.is_whitespace() || crate::sanitize::is_hidden(c)) {
        return Some("it holds spaces, control or invisible characters");
    }
    if email.contains(['/', '\\']) {
        return Some("it holds a path separator");
    }
    if email.contains("..") {
        return Some("it holds `..`");
    }
    if email.contains(['"', '\'', '`', '<', '>', '(', ')', ',', ';', ':', '[', ']']) {
        return Some("it holds quotes, brackets or separators");
    }
    let Some((local, domain)) = email.split_once('@') else { return Some("it has no `@`") };
    if domain.contains('@') {
        return Some("it has more than one `@`");
    }
    if local.is_empty() || local.starts_with('.') || local.ends_with('.') {
        return Some("the part before `@` is empty or starts or ends with a dot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-')) {
        return Some("the domain is not a dotted name");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn plain_addresses_pass() {
        for ok in
            ["a@example.com", "first.last+ops@sub.example.co.uk", "o-brien_x%y@example.com", "zoë@example.de"]
        {
            assert!(validate(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn paths_hidden_characters_and_malformed_addresses_are_refused() {
        for bad in [
            "",
            "../../etc/passwd@x.io",
            "a/b@example.com",
            "a\\b@example.com",
            "a..b@example.com",
            "a@example..com",
            ".a@example.com",
            "a@b@example.com",
            "a@localhost",
            "a @example.com",
            "a\u{202e}@example.com",
            "a\u{200b}@example.com",
            "a\n@example.com",
            "a@-example.com",
            "<a@example.com>",
            "noat.example.com",
        ] {
            assert!(validate(bad).is_err(), "{bad:?} accepted");
        }
        assert!(validate(&format!("{}@example.com", "a".repeat(250))).is_err());
    }
}
