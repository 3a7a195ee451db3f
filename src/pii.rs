//! PII masking (DESIGN.md, "Business rules"): for people without
//! `ops.priority_queue.full_access`, phone numbers show their first two and
//! last four digits, e-mails keep the first letter of the local part, and free
//! text has both masked. Applied at every output path.

use serde_json::Value;

use crate::identity::StaffMember;

/// The permission that lifts masking.
pub const FULL_ACCESS: &str = "ops.priority_queue.full_access";

/// Whether output for this person must be masked.
pub fn must_mask(person: Option<&StaffMember>) -> bool {
    person.is_some_and(|p| !p.can(FULL_ACCESS))
}

/// `u***@example.com`.
pub fn mask_email(email: &str) -> String {
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
                    out.push_str(&mask_email(&email));
                    i = k;
                    continue;
                }
            }
        }
        // Phone: '+' or a digit, then digits, spaces, dashes, dots, parentheses; at least 8 digits.
        if (chars[i] == '+' || chars[i].is_ascii_digit() || chars[i] == '(')
            && (i == 0 || !chars[i - 1].is_alphanumeric())
        {
            let mut j = i;
            let mut digits = 0;
            let mut last_digit_end = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '-' | '.' | '(' | ')' | '+'))
            {
                if chars[j] == '+' && j != i {
                    break;
                }
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    last_digit_end = j + 1;
                }
                j += 1;
            }
            let followed_by_letter = last_digit_end < chars.len() && chars[last_digit_end].is_alphabetic();
            let candidate: String = chars[i..last_digit_end].iter().collect();
            if (8..=15).contains(&digits) && !followed_by_letter && !looks_like_date(&candidate) {
                let phone = candidate;
                out.push_str(&mask_phone(&phone));
                i = last_digit_end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `2026-11-23`, `23.11.2026`, `2026/11/23`: dates, not phone numbers.
fn looks_like_date(text: &str) -> bool {
    let groups: Vec<usize> = text.trim().split(['-', '.', '/']).map(str::len).collect();
    matches!(groups.as_slice(), [4, 2, 2] | [2, 2, 4] | [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4])
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
    fn json_strings_are_masked_everywhere() {
        let mut value = json!({"email": "bob@corp.example", "nested": ["tel 0151-2345678"], "n": 5});
        mask_json(&mut value);
        assert_eq!(value, json!({"email": "b***@corp.example", "nested": ["tel 01*****5678"], "n": 5}));
    }
}
