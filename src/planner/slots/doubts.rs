//! What makes a request's amount unsafe to guess. A request that moves money
//! states one amount, in figures, with its currency (or says "in full", or
//! names no amount at all, which is the whole balance). Anything else — a
//! share ("half", "10%"), words ("twenty euros"), a negative sign, a figure
//! without a currency, one whose grouping could be read two ways, two amounts,
//! or "in full" beside an amount — is named here so that the planner asks
//! instead of turning it into the full amount or a wrong one.

use super::Amount;
use super::text::Text;

/// Words that give a share of something rather than an amount.
const SHARES: &[&str] =
    &["half", "halves", "third", "thirds", "quarter", "quarters", "percent", "pct", "percentage", "portion"];

/// Words that ask for part of a balance without saying how much.
const PARTIAL: &[&str] = &["partial", "partially", "part", "some"];

/// Numbers written as words (not "one" and "a", which name things as often as amounts).
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "dozen",
    "tenner",
    "fiver",
    "grand",
];

/// Words that mean the whole balance.
const WHOLE: &[&str] = &["full", "fully", "entire", "entirely", "whole"];

const HOW: &str = "say one amount in figures with its currency (`25.00 EUR`), or `in full`";

/// Every reason the amounts in `text` cannot be taken as written, one line each.
/// `text` has been through every recognizer; `unreadable` holds the amount-shaped
/// text the money pass could not read.
pub(super) fn money_doubts(
    text: &Text,
    amounts: &[Amount],
    unreadable: &[String],
    prompt: &str,
) -> Vec<String> {
    let mut doubts = Vec::new();
    for shown in unreadable {
        doubts.push(format!(
            "`{shown}` can be read more than one way or has more decimals than a currency has; {HOW}"
        ));
    }
    for i in 0..text.len() {
        let word = text.lower(i);
        let standalone = text.kind(i).is_some() && text.is_standalone(i);
        if standalone && SHARES.contains(&word) || text.punct(i) == Some('%') {
            let shown = if text.punct(i) == Some('%') { "%".to_owned() } else { word.to_owned() };
            doubts.push(format!("`{shown}` is a share, not an amount; {HOW}"));
        } else if standalone && PARTIAL.contains(&word) && amounts.is_empty() {
            doubts.push(format!("`{word}` asks for part of the balance without saying how much; {HOW}"));
        } else if standalone && NUMBER_WORDS.contains(&word) {
            doubts.push(format!("`{word}` is a number in words; {HOW}"));
        } else if text.is_number(i)
            && text.is_free(i)
            && text.punct(i + 1) == Some('/')
            && text.is_number(i + 2)
        {
            doubts.push(format!("`{}` is a fraction, not an amount; {HOW}", text.slice(i, i + 2)));
        } else if let Some(decimal) = bare_decimal(text, i) {
            doubts.push(format!("`{decimal}` looks like an amount but names no currency; {HOW}"));
        } else if text.punct(i) == Some('-')
            && !text.glued(i)
            && text.glued(i + 1)
            && starts_amount(amounts, text, i + 1)
        {
            doubts.push(format!("`{}` is negative; amounts are positive: {HOW}", text.slice(i, i + 1)));
        } else if standalone && (word == "minus" || word == "negative") {
            doubts.push(format!("`{word}` makes the amount negative; amounts are positive: {HOW}"));
        }
    }
    if amounts.len() > 1 {
        let listed: Vec<&str> = amounts.iter().map(|a| prompt.get(a.start..a.end).unwrap_or("")).collect();
        doubts.push(format!(
            "the request names {} amounts (`{}`); {HOW}",
            amounts.len(),
            listed.join("`, `")
        ));
    }
    if let Some(amount) = amounts.first()
        && let Some(whole) =
            (0..text.len()).find(|&i| text.is_standalone(i) && WHOLE.contains(&text.lower(i)))
    {
        doubts.push(format!(
            "the request says both `{}` and `{}`; {HOW}",
            text.lower(whole),
            prompt.get(amount.start..amount.end).unwrap_or("")
        ));
    }
    doubts.dedup();
    doubts
}

/// A free number with glued decimal groups (`12.50`, `1.234,56`) that no
/// recognizer took: money without a currency.
fn bare_decimal<'a>(text: &Text<'a>, i: usize) -> Option<&'a str> {
    if !text.is_number(i) || !text.is_free(i) || !text.starts_fresh(i) {
        return None;
    }
    let mut last = i;
    while matches!(text.punct(last + 1), Some('.' | ','))
        && text.glued_between(last + 1)
        && text.is_number(last + 2)
        && text.is_free(last + 2)
    {
        last += 2;
    }
    (last > i).then(|| text.slice(i, last))
}

/// Whether token `i` is where one of `amounts` begins (its currency sign or its first digit).
fn starts_amount(amounts: &[Amount], text: &Text, i: usize) -> bool {
    let Some(token) = text.token(i) else { return false };
    amounts.iter().any(|a| a.start == token.start) || (text.is_number(i) && text.is_free(i))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::super::extract;

    fn doubts(prompt: &str) -> Vec<String> {
        extract(prompt, Utc.with_ymd_and_hms(2026, 11, 18, 10, 30, 0).unwrap().with_timezone(&chrono_tz::UTC))
            .money_doubts
    }

    #[test]
    fn amounts_a_person_could_mean_two_ways_are_named() {
        for (prompt, named) in [
            ("refund half of booking 7", "`half` is a share"),
            ("refund 10% of booking 7", "`%` is a share"),
            ("refund booking 7 ten percent", "`percent` is a share"),
            ("refund booking 7 twenty euros", "`twenty` is a number in words"),
            ("refund booking 7 EUR 1.234,56", "`1.234,56` looks like an amount but names no currency"),
            ("refund booking 7 12.50", "`12.50` looks like an amount but names no currency"),
            ("refund booking 7 1,250 eur", "`1,250 eur` can be read more than one way"),
            ("refund booking 7 12.505 eur", "`12.505 eur`"),
            ("refund booking 7 -5 eur", "negative"),
            ("refund booking 7 minus 5 eur", "`minus`"),
            ("refund booking 7 1/2", "`1/2` is a fraction"),
            ("partial refund of booking 7", "`partial` asks for part of the balance"),
            ("refund booking 7 in full, 20 eur", "both `full` and `20 eur`"),
            ("refund 10 eur and 20 eur of booking 7", "2 amounts"),
        ] {
            let found = doubts(prompt);
            assert!(found.iter().any(|d| d.contains(named)), "{prompt}: {found:?}");
            assert!(found.iter().all(|d| !d.contains('\n')), "{prompt}: {found:?}");
        }
    }

    #[test]
    fn plain_requests_raise_no_doubt() {
        for prompt in [
            "refund booking 1042",
            "refund booking 1042 in full",
            "refund 25 eur of booking 1042",
            "refund booking 7 €12.50",
            "refund booking 7 1.234,56 EUR",
            "credit 50 eur to the wallet of user 250",
            "refund booking 7 on 2026-12-01",
            "refund booking 7, customer called on 01.12.2026 at 14:30",
            "refund order #12 12,50 €",
        ] {
            assert_eq!(doubts(prompt), Vec::<String>::new(), "{prompt}");
        }
    }
}
