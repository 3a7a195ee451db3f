//! PII masking (DESIGN.md, "Business rules"): for people without
//! `ops.priority_queue.full_access`, phone numbers show their first two and
//! last four digits, e-mails keep the first letter of the local part, and free
//! text has both masked. Applied at every output path.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::Result;
use crate::identity::StaffMember;
use crate::store::Store;

/// The permission that lifts masking.
pub const FULL_ACCESS: &str = "ops.priority_queue.full_access";

/// Whether output for this person must be masked.
pub fn must_mask(person: Option<&StaffMember>) -> bool {
    person.is_some_and(|p| !p.can(FULL_ACCESS))
}

/// `u***@example.com`.
pub fn mask_email(email: &str) -> String {
    if email.contains("***@") {
        return email.to_owned();
    }
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => mask_text(email),
    }
}

/// `98****5678`: digits only, a leading `+` kept.
pub fn mask_phone(phone: &str) -> String {
    // Masking is idempotent: a masked number is left as it is.
    if phone.contains('*') {
        return phone.to_owned();
    }
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = if phone.trim_start().starts_with('+') { "+" } else { "" };
    if digits.len() <= 6 {
        return format!("{plus}{}", "*".repeat(digits.len()));
    }
    let head: String = digits[..2].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{plus}{head}{}{tail}", "*".repeat(digits.len() - 6))
}

fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Masks every e-mail address and phone number inside free text.
pub fn mask_text(text: &str) -> String {
    mask_text_except(text, &HashSet::new())
}

/// Characters a phone number may start right after: the start of a token.
fn starts_token(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '"' | '\'' | ',' | ';' | '=' | '<' | '>')
        }
    }
}

/// Words after which a number is an id, not a phone number.
const ID_WORDS: &[&str] = &[
    "booking",
    "bookings",
    "user",
    "users",
    "customer",
    "provider",
    "complaint",
    "complaints",
    "item",
    "id",
    "no",
    "no.",
    "number",
    "order",
    "invoice",
    "action",
    "plan",
    "entry",
    "ticket",
    "#",
];

fn follows_id_word(chars: &[char], start: usize) -> bool {
    let before: String = chars[..start].iter().collect();
    let before = before.trim_end().to_lowercase();
    if before.ends_with('#') {
        return true;
    }
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    ID_WORDS.contains(&word)
}

/// [`mask_text`], leaving the addresses in `exempt` (lowercase; staff identities) in clear.
pub fn mask_text_except(text: &str, exempt: &HashSet<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // E-mail: scan a local part, '@', and a domain with a dot.
        if is_email_char(chars[i]) && (i == 0 || !is_email_char(chars[i - 1])) {
            let mut j = i;
            while j < chars.len() && is_email_char(chars[j]) {
                j += 1;
            }
            if j < chars.len() && chars[j] == '@' {
                let mut k = j + 1;
                while k < chars.len()
                    && (chars[k].is_ascii_alphanumeric() || chars[k] == '.' || chars[k] == '-')
                {
                    k += 1;
                }
                while k > j + 1 && chars[k - 1] == '.' {
                    k -= 1;
                }
                let domain: String = chars[j + 1..k].iter().collect();
                if domain.contains('.') && j > i {
                    let email: String = chars[i..k].iter().collect();
                    if exempt.contains(&email.to_lowercase()) {
                        out.push_str(&email);
                    } else {
                        out.push_str(&mask_email(&email));
                    }
                    i = k;
                    continue;
                }
            }
        }
        if let Some(end) = phone_at(&chars, i) {
            let phone: String = chars[i..end].iter().collect();
            out.push_str(&mask_phone(&phone));
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where a phone number that starts at `i` ends, if one does. A phone number
/// starts a token, holds 8 to 15 digits with spaces, dashes, dots or
/// parentheses between them, and is not a date, a time, a decimal, part of a
/// longer token (a confirmation token, a hash) or an id named as one.
fn phone_at(chars: &[char], i: usize) -> Option<usize> {
    let first = chars[i];
    if !(first == '+' || first.is_ascii_digit() || first == '(')
        || !starts_token(i.checked_sub(1).map(|p| chars[p]))
    {
        return None;
    }
    let mut j = i;
    let mut digits = 0;
    let mut separators = 0;
    let mut end = i;
    while j < chars.len()
        && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '-' | '.' | '(' | ')' | '+'))
    {
        if chars[j] == '+' && j != i {
            break;
        }
        if chars[j].is_ascii_digit() {
            digits += 1;
            end = j + 1;
        } else if chars[j] == ' ' && chars.get(j + 1).is_some_and(|c| !c.is_ascii_digit() && *c != '(') {
            break;
        } else if j != i {
            separators += 1;
        }
        j += 1;
    }
    if !(8..=15).contains(&digits) {
        return None;
    }
    // What follows must end the token: not a letter, and not `:`/`.`/`,` going on with digits (times, decimals).
    match (chars.get(end), chars.get(end + 1)) {
        (Some(c), _) if c.is_alphanumeric() || *c == '_' || *c == '@' => return None,
        (Some(':' | '.' | ',' | '/' | '-'), Some(next)) if next.is_ascii_alphanumeric() => return None,
        _ => {}
    }
    let candidate: String = chars[i..end].iter().collect();
    // One dot and nothing else between the digits: a decimal number.
    let decimal = candidate.matches('.').count() == 1 && separators == 1;
    if looks_like_date(&candidate) || decimal {
        return None;
    }
    // A bare run of digits is a phone number only when it reads like one: a
    // leading `+` or `0`, or ten digits and more; never right after "booking", "#"…
    let bare = separators == 0 && first.is_ascii_digit();
    if follows_id_word(chars, i) || (bare && first != '0' && digits < 10) {
        return None;
    }
    Some(end)
}

/// `2026-11-23`, `23.11.2026`, `2026/11/23` (also followed by a time): dates, not phone numbers.
fn looks_like_date(text: &str) -> bool {
    let text = text.trim();
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let groups: Vec<usize> = date_part.split(['-', '.', '/']).map(str::len).collect();
    matches!(groups.as_slice(), [4, 2, 2] | [2, 2, 4] | [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4])
}

/// Who will read some output, and so how it is masked. Built once per
/// command from the session; every output path goes through it (see
/// [`crate::render::emit`]). Staff e-mails (who acted, who approved) are
/// identities of the team, not customer data, and stay in clear.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    mask: bool,
    exempt: HashSet<String>,
}

impl Audience {
    /// Output for someone who may see everything (the database owner, a person with full access).
    pub fn unmasked() -> Audience {
        Audience::default()
    }

    /// Output for this reader: masked unless they hold [`FULL_ACCESS`]. No reader: the database owner.
    pub async fn for_reader(store: &Store, reader: Option<&StaffMember>) -> Result<Audience> {
        if !must_mask(reader) {
            return Ok(Audience::unmasked());
        }
        Ok(Audience { mask: true, exempt: store.staff_emails().await?.into_iter().collect() })
    }

    /// Masked output with no exemptions (tests, and readers without a store).
    pub fn masked() -> Audience {
        Audience { mask: true, exempt: HashSet::new() }
    }

    pub fn masks(&self) -> bool {
        self.mask
    }

    pub fn text(&self, text: &str) -> String {
        if self.mask { mask_text_except(text, &self.exempt) } else { text.to_owned() }
    }

    /// Masks every string inside a JSON value; `email` and `phone` fields whatever they look like.
    pub fn value(&self, value: &mut Value) {
        if !self.mask {
            return;
        }
        match value {
            Value::String(text) => *text = self.text(text),
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    match (key.as_str(), &*item) {
                        ("phone", Value::String(phone)) => *item = Value::String(mask_phone(phone)),
                        ("email", Value::String(email)) if !self.exempt.contains(&email.to_lowercase()) => {
                            *item = Value::String(mask_email(email))
                        }
                        _ => self.value(item),
                    }
                }
            }
            _ => {}
        }
    }
}

/// Masks every string inside a JSON value.
pub fn mask_json(value: &mut Value) {
    match value {
        Value::String(text) => *text = mask_text(text),
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        Value::Object(map) => map.values_mut().for_each(mask_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn phones_keep_two_leading_and_four_trailing_digits() {
        assert_eq!(mask_phone("9812345678"), "98****5678");
        assert_eq!(mask_phone("+49 151 2345 6789"), "+49*******6789");
        assert_eq!(mask_phone("12345"), "*****");
    }

    #[test]
    fn emails_keep_the_first_letter() {
        assert_eq!(mask_email("user@example.com"), "u***@example.com");
        assert_eq!(mask_email("anna.kowalski1@example.net"), "a***@example.net");
    }

    #[test]
    fn free_text_is_masked_in_place() {
        assert_eq!(
            mask_text("Call me on +49 151 2345 6789 or mail anna@example.net."),
            "Call me on +49*******6789 or mail a***@example.net."
        );
        assert_eq!(
            mask_text("booking 1042 for 25 eur on 2026-11-23"),
            "booking 1042 for 25 eur on 2026-11-23"
        );
        assert_eq!(mask_text("(030) 1234567 today"), "03****4567 today");
        assert_eq!(mask_text("from 2026-11-01 to 23.11.2026"), "from 2026-11-01 to 23.11.2026");
    }

    #[test]
    fn dates_times_ids_and_tokens_are_left_alone() {
        for text in [
            "2026-11-29T16:45:18.312439+00:00",
            "at 2026-11-29 16:45:18 UTC",
            "from 2026-11-01 to 23.11.2026",
            "ogt1.1.1796558870.82d4f7e0b8878906f3e77942bf1c9b9d.22578a32b0666eba",
            "booking 12345678 and #98765432 and user 1234567890",
            "refunded 12345678 cents",
            "3.14159265358979",
            "payload_hash 9cb9df02d4e167e16b789e0b465302ffe5afc76d7e9900fa71fb5a54cc22b17f",
            "at 16:45:18.31243900",
            "elapsed 12345678.5 ms",
        ] {
            assert_eq!(mask_text(text), text, "{text}");
        }
        assert_eq!(mask_text("call 0151 2345 6789 today"), "call 01******6789 today");
        assert_eq!(mask_text("phone: 9812345678"), "phone: 98****5678");
        assert_eq!(mask_text(r#"{"phone":"+4915123456789"}"#), r#"{"phone":"+49*******6789"}"#);
    }

    #[test]
    fn an_audience_keeps_staff_addresses_and_masks_fields_by_name() {
        let audience = Audience { mask: true, exempt: ["admin@example.com".to_owned()].into() };
        assert_eq!(
            audience.text("admin@example.com wrote to anna@example.net"),
            "admin@example.com wrote to a***@example.net"
        );
        let mut value = json!({"phone": "12 34", "email": "Admin@example.com", "to": "bob@corp.example"});
        audience.value(&mut value);
        assert_eq!(value, json!({"phone": "****", "email": "Admin@example.com", "to": "b***@corp.example"}));
        assert_eq!(Audience::unmasked().text("anna@example.net"), "anna@example.net");
    }

    #[test]
    fn json_strings_are_masked_everywhere() {
        let mut value = json!({"email": "bob@corp.example", "nested": ["tel 0151-2345678"], "n": 5});
        mask_json(&mut value);
        assert_eq!(value, json!({"email": "b***@corp.example", "nested": ["tel 01*****5678"], "n": 5}));
    }
}
