//! E-mail addresses and phone numbers.

use super::text::{Claim, Kind, Text};
use super::vocab::is_phone_word;

/// Finds and claims every e-mail address, lowercased. Each `@` looks left
/// over the local part and right over the domain; a walk stops at whitespace
/// or another `@`, so every token is walked at most twice.
pub(super) fn emails(text: &mut Text) -> Vec<String> {
    let mut found = Vec::new();
    for at in 0..text.len() {
        if text.punct(at) != Some('@') || !text.is_free(at) || !text.glued_between(at) {
            continue;
        }
        if let Some((first, last)) = email_around(text, at) {
            found.push(text.slice(first, last).to_lowercase());
            text.claim(first..=last, Claim::Email);
        }
    }
    found
}

fn email_around(text: &Text, at: usize) -> Option<(usize, usize)> {
    let local_part_char = |i: usize| {
        text.is_free(i)
            && match text.kind(i) {
                Some(Kind::Number | Kind::Word) => true,
                Some(Kind::Punct(c)) => matches!(c, '.' | '+' | '-' | '%' | '\''),
                None => false,
            }
    };
    let mut first = at;
    while first > 0 && text.glued(first) && local_part_char(first - 1) {
        first -= 1;
    }
    // Leading dots or quotes are punctuation around the address, not part of it.
    while first < at && !text.is_alphanumeric(first) {
        first += 1;
    }
    if first == at || !text.is_alphanumeric(at - 1) {
        return None;
    }

    // Domain: letter/digit labels joined by single glued '.' or '-'.
    let mut last = at;
    let mut last_dot = None;
    let mut i = at + 1;
    loop {
        if text.is_alphanumeric(i) && text.glued(i) && text.is_free(i) {
            last = i;
            i += 1;
        } else if matches!(text.punct(i), Some('.' | '-'))
            && text.glued_between(i)
            && text.is_alphanumeric(i + 1)
            && text.is_free(i + 1)
            && last == i - 1
        {
            if text.punct(i) == Some('.') {
                last_dot = Some(i);
            }
            i += 1;
        } else {
            break;
        }
    }
    let last_dot = last_dot?;
    let top_level_domain = text.slice(last_dot + 1, last);
    let plausible =
        top_level_domain.chars().count() >= 2 && top_level_domain.chars().all(char::is_alphabetic);
    plausible.then_some((first, last))
}

/// Finds and claims every phone number: `+49 151 2345 6789`, `0151-2345678`,
/// `(030) 1234567`, `555-123-4567`, normalized to an optional `+` and digits.
/// Runs after dates, times and amounts, whose digits are already claimed.
pub(super) fn phones(text: &mut Text) -> Vec<String> {
    // How far back (in tokens) a word like "phone" still announces a number.
    const KEYWORD_REACH: usize = 8;
    let mut found = Vec::new();
    let mut last_keyword: Option<usize> = None;
    let mut i = 0;
    while i < text.len() {
        if is_phone_word(text.lower(i)) {
            last_keyword = Some(i);
        }
        let announced = last_keyword.is_some_and(|keyword| i - keyword <= KEYWORD_REACH);
        match phone_at(text, i, announced) {
            Some((last, number)) => {
                text.claim(i..=last, Claim::Phone);
                found.push(number);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    found
}

/// At most this many digits (E.164), at least this many for anything to be a phone.
const MAX_DIGITS: usize = 15;
const MIN_DIGITS: usize = 8;

/// A phone number starting at token `i`: its last token and normalized form.
///
/// Only *strong* starts may continue over spaces: a `+`, an area code in
/// parentheses, a leading trunk `0`, or a nearby "phone" word. Otherwise
/// "user 12 1042" would read as one number. Weak starts need `-` or `/`
/// between groups ("555-123-4567"); a single bare group is never a phone
/// unless it is strong, so "booking 12345678" stays an id.
fn phone_at(text: &Text, i: usize, announced: bool) -> Option<(usize, String)> {
    if !text.is_free(i) {
        return None;
    }
    let mut number = String::new();
    let mut strong = announced;
    let mut position = i;
    match text.kind(i)? {
        Kind::Punct('+') if text.is_number(i + 1) && text.glued(i + 1) => {
            number.push('+');
            strong = true;
            position = i + 1;
        }
        Kind::Punct('(') => strong = true,
        Kind::Number if text.starts_fresh(i) && !continues_digit_chain(text, i) => {
            strong |= text.lower(i).starts_with('0');
        }
        _ => return None,
    }
    let mut digits = 0;
    let mut groups = 0;
    let mut joined_by_dash = false;
    let mut last = i;
    while let Some((digits_token, group_last)) = group_at(text, position) {
        let group = text.lower(digits_token);
        if digits + group.len() > MAX_DIGITS {
            break;
        }
        // "+49 (0)151 …": the trunk zero in parentheses is dropped when dialling from abroad.
        let dropped_trunk_zero = group == "0" && group_last != digits_token && number.starts_with('+');
        if !dropped_trunk_zero {
            number.push_str(group);
            digits += group.len();
        }
        groups += 1;
        last = group_last;
        // What follows this group decides whether the number goes on.
        let after = group_last + 1;
        let next_is_group = |at: usize| text.is_number(at) || text.punct(at) == Some('(');
        let glued_join = matches!(text.punct(after), Some('-' | '/' | '.'))
            && text.glued_between(after)
            && next_is_group(after + 1);
        let closed_paren = text.punct(group_last) == Some(')');
        if glued_join && (strong || text.punct(after) != Some('.')) {
            joined_by_dash |= text.punct(after) != Some('.');
            position = after + 1;
        } else if strong && next_is_group(after) && (!text.glued(after) || closed_paren) {
            position = after;
        } else {
            break;
        }
    }
    let accepted = (MIN_DIGITS..=MAX_DIGITS).contains(&digits) && (strong || (joined_by_dash && groups >= 2));
    // Something glued right after ("0151-2345678x", a sixteenth digit after a
    // dash) means this was not a phone number after all.
    let runs_on = (text.glued(last + 1) && text.is_alphanumeric(last + 1))
        || (matches!(text.punct(last + 1), Some('-' | '/' | '.'))
            && text.glued_between(last + 1)
            && text.is_number(last + 2));
    (accepted && !runs_on).then_some((last, number))
}

/// One group of digits at `position`, bare ("151") or in parentheses
/// ("(030)"): the token holding the digits and the group's last token.
fn group_at(text: &Text, position: usize) -> Option<(usize, usize)> {
    if text.is_number(position) && text.is_free(position) {
        return Some((position, position));
    }
    let parenthesized = text.punct(position) == Some('(')
        && text.is_free(position)
        && text.is_number(position + 1)
        && text.is_free(position + 1)
        && text.glued(position + 1)
        && text.punct(position + 2) == Some(')')
        && text.glued(position + 2);
    parenthesized.then_some((position + 1, position + 2))
}

/// The "2345678" of "0151-2345678-…": the middle of a longer digit chain.
fn continues_digit_chain(text: &Text, i: usize) -> bool {
    let Some(separator) = i.checked_sub(1) else { return false };
    text.glued(i)
        && matches!(text.punct(separator), Some('-' | '/' | '.'))
        && text.glued(separator)
        && separator.checked_sub(1).is_some_and(|number| text.is_number(number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails_in(prompt: &str) -> Vec<String> {
        emails(&mut Text::new(prompt))
    }

    fn phones_in(prompt: &str) -> Vec<String> {
        phones(&mut Text::new(prompt))
    }

    #[test]
    fn emails_are_lowercased_and_stripped_of_punctuation() {
        assert_eq!(emails_in("find user Anna@Example.NET."), ["anna@example.net"]);
        assert_eq!(emails_in("assign complaint 17 to agent@example.com, please"), ["agent@example.com"]);
        assert_eq!(emails_in("(bob.smith+ops@corp.example)"), ["bob.smith+ops@corp.example"]);
        assert_eq!(emails_in("<first.o'neil@mail-1.example.co.uk>"), ["first.o'neil@mail-1.example.co.uk"]);
        assert_eq!(emails_in("a@b.cc and c@d.ee"), ["a@b.cc", "c@d.ee"]);
    }

    #[test]
    fn not_emails() {
        for prompt in [
            "@home", "me@", "a@b", "a@b.c", "x@1.23", "a @b.com", "a@ b.com", "a@@b.com", ".@b.com",
            "a@b..com",
        ] {
            assert!(emails_in(prompt).is_empty(), "{prompt}");
        }
    }

    #[test]
    fn chained_at_signs_do_not_rescan_or_panic() {
        let prompt = "a@".repeat(2000) + "x.com";
        let found = emails_in(&prompt);
        assert_eq!(found, ["a@x.com"]);
    }

    #[test]
    fn phone_numbers_in_common_forms() {
        assert_eq!(phones_in("update phone of user 12 to +49 151 2345 6789"), ["+4915123456789"]);
        assert_eq!(phones_in("call 0151-2345678 or (030) 1234567"), ["01512345678", "0301234567"]);
        assert_eq!(phones_in("us: 555-123-4567, uk: +44 20 7946 0958."), ["5551234567", "+442079460958"]);
        assert_eq!(phones_in("mobile 1512 3456789"), ["15123456789"]);
        assert_eq!(phones_in("+4915123456789 then 030.1234.567"), ["+4915123456789", "0301234567"]);
        assert_eq!(phones_in("+1 (555) 123-4567 or (030)1234567"), ["+15551234567", "0301234567"]);
        assert_eq!(phones_in("+49 (0)151 2345 6789"), ["+4915123456789"]);
    }

    #[test]
    fn not_phone_numbers() {
        for prompt in [
            "refund booking 1042",
            "booking 12345678",
            "user 12 1042 5555 6666",
            "+5 points",
            "bookings 01-05",
            "12345678.90",
            "(030)",
            "123456789012345678901234",
            "+1 2 3",
            "0151-2345678abc",
            "0151-2345678-12345678",
        ] {
            assert!(phones_in(prompt).is_empty(), "{prompt}");
        }
    }

    #[test]
    fn a_phone_stops_at_fifteen_digits() {
        assert_eq!(phones_in("+49 151 2345 6789 1042"), ["+4915123456789"]);
    }
}
