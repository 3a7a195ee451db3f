//! Money amounts, exact to the cent: a number with a currency marker
//! (`€12.50`, `12,50 €`, `25 eur`, `USD 40`, `15 dollars`) or right after the
//! word "amount". A bare number is never an amount.

use super::Amount;
use super::text::{Claim, Text};
use super::vocab::{currency_symbol, currency_word};

/// Finds and claims every amount. An amount-shaped number that is not valid
/// money (`12.505 eur`, too many digits) is claimed but not returned; its
/// text is, in `unreadable`, so that a request that moves money can ask.
pub(super) fn amounts(text: &mut Text, unreadable: &mut Vec<String>) -> Vec<Amount> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match amount_at(text, i) {
            Some(candidate) => {
                let (start, end) = text.span(i, candidate.last);
                match candidate.cents {
                    Some(cents) => {
                        text.claim(i..=candidate.last, Claim::Amount);
                        found.push(Amount {
                            cents,
                            currency: candidate.currency.map(str::to_string),
                            start,
                            end,
                        });
                    }
                    None => {
                        unreadable.push(text.slice(i, candidate.last).to_owned());
                        text.claim(i..=candidate.last, Claim::Malformed)
                    }
                }
                i = candidate.last + 1;
            }
            None => i += 1,
        }
    }
    found
}

struct Candidate {
    last: usize,
    cents: Option<i64>,
    currency: Option<&'static str>,
}

fn amount_at(text: &Text, i: usize) -> Option<Candidate> {
    if !text.is_free(i) {
        return None;
    }
    if let Some((currency, number)) = currency_prefix(text, i) {
        let (last, cents) = decimal_at(text, number);
        return Some(Candidate { last, cents, currency: Some(currency) });
    }
    if !text.is_number(i) || !text.starts_fresh(i) {
        return None;
    }
    let (last, cents) = decimal_at(text, i);
    if let Some(currency) = currency_suffix(text, last + 1) {
        return Some(Candidate { last: last + 1, cents, currency: Some(currency) });
    }
    after_amount_keyword(text, i).then_some(Candidate { last, cents, currency: None })
}

/// A marker at `i` that opens an amount (`€12`, `€ 12`, `USD 40`, `usd40`,
/// `Rs. 500`): the currency and the token where the number starts.
fn currency_prefix(text: &Text, i: usize) -> Option<(&'static str, usize)> {
    let (currency, mut number) = match text.punct(i) {
        Some(symbol) => (currency_symbol(symbol)?, i + 1),
        None if text.starts_run(i) => (currency_word(text.lower(i))?, i + 1),
        None => return None,
    };
    if text.punct(i).is_none() && text.punct(number) == Some('.') && text.glued(number) {
        number += 1; // "Rs. 500"
    }
    (text.is_number(number) && text.is_free(number)).then_some((currency, number))
}

/// A marker at `j` that closes an amount (`25 eur`, `25eur`, `12,50 €`).
/// A marker glued to the number *after* it belongs to that number instead:
/// in "5 €10" the euro sign is the 10's.
fn currency_suffix(text: &Text, j: usize) -> Option<&'static str> {
    if !text.is_free(j) {
        return None;
    }
    let currency = match text.punct(j) {
        Some(symbol) => currency_symbol(symbol)?,
        None if text.ends_run(j) => currency_word(text.lower(j))?,
        None => return None,
    };
    let opens_next = text.is_number(j + 1) && text.glued(j + 1);
    (!opens_next).then_some(currency)
}

/// "amount 30", "amount: 30", "amount = 30", "amount of 30".
fn after_amount_keyword(text: &Text, i: usize) -> bool {
    let Some(mut j) = i.checked_sub(1) else { return false };
    if matches!(text.punct(j), Some(':' | '=')) || text.word_is(j, "of") {
        let Some(before) = j.checked_sub(1) else { return false };
        j = before;
    }
    text.word_is(j, "amount") && text.is_free(j)
}

/// Longest written number we try to read: "1.234.567.890,12" has six groups.
const MAX_GROUPS: usize = 8;

/// The number starting at token `i` with its glued `.`/`,` groups: its last
/// token and its value in cents, `None` when it is not valid money.
fn decimal_at(text: &Text, i: usize) -> (usize, Option<i64>) {
    let mut groups = [""; MAX_GROUPS];
    let mut separators = [' '; MAX_GROUPS];
    groups[0] = text.lower(i);
    let mut count = 1;
    let mut last = i;
    let mut too_long = false;
    while let Some(separator @ ('.' | ',')) = text.punct(last + 1)
        && text.glued_between(last + 1)
        && text.is_number(last + 2)
        && text.is_free(last + 2)
    {
        last += 2;
        if count < MAX_GROUPS {
            separators[count - 1] = separator;
            groups[count] = text.lower(last);
            count += 1;
        } else {
            too_long = true;
        }
    }
    let cents = if too_long { None } else { cents_from(&groups[..count], &separators[..count - 1]) };
    (last, cents)
}

/// Reads `["1", "250", "00"]` with separators `[',', '.']` as 125000 cents.
///
/// A final group of one or two digits is the fraction and its separator is
/// the decimal mark; any other separators must all be the other mark, between
/// groups of three digits. A lone separator before three digits ("12.505",
/// "1,250") is refused: it is either a thousands mark or a third decimal, and
/// guessing wrong would move money by a factor of a thousand.
fn cents_from(groups: &[&str], separators: &[char]) -> Option<i64> {
    let (&last_group, leading_groups) = groups.split_last()?;
    let Some((&last_separator, leading_separators)) = separators.split_last() else {
        return whole_number(last_group)?.checked_mul(100);
    };
    let (integer_groups, thousands_separators, fraction) = match last_group.len() {
        1 | 2 => (leading_groups, leading_separators, last_group),
        3 if separators.len() >= 2 => (groups, separators, ""),
        _ => return None,
    };
    let decimal_mark = if fraction.is_empty() { None } else { Some(last_separator) };
    let thousands_mark = thousands_separators.first().copied();
    if thousands_separators.iter().any(|&separator| Some(separator) != thousands_mark)
        || (thousands_mark.is_some() && thousands_mark == decimal_mark)
    {
        return None;
    }
    let mut integer: i64 = 0;
    for (index, group) in integer_groups.iter().enumerate() {
        let well_grouped = if index == 0 { (1..=3).contains(&group.len()) } else { group.len() == 3 };
        if thousands_mark.is_some() && !well_grouped {
            return None;
        }
        let multiplier = 10_i64.checked_pow(u32::try_from(group.len()).ok()?)?;
        integer = integer.checked_mul(multiplier)?.checked_add(whole_number(group)?)?;
    }
    let fraction_cents = match fraction.len() {
        0 => 0,
        1 => whole_number(fraction)? * 10,
        _ => whole_number(fraction)?,
    };
    integer.checked_mul(100)?.checked_add(fraction_cents)
}

fn whole_number(digits: &str) -> Option<i64> {
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each amount as "cents CURRENCY `original text`", "-" for no currency.
    fn found(prompt: &str) -> Vec<String> {
        amounts(&mut Text::new(prompt), &mut Vec::new())
            .into_iter()
            .map(|amount| {
                let currency = amount.currency.as_deref().unwrap_or("-");
                format!("{} {currency} `{}`", amount.cents, &prompt[amount.start..amount.end])
            })
            .collect()
    }

    #[test]
    fn symbols_codes_and_words() {
        assert_eq!(found("refund #1042 for 25 eur"), ["2500 EUR `25 eur`"]);
        assert_eq!(found("order no. 1042 — €12.50"), ["1250 EUR `€12.50`"]);
        assert_eq!(found("12,50 € and 12,5€"), ["1250 EUR `12,50 €`", "1250 EUR `12,5€`"]);
        assert_eq!(
            found("$15, 15 dollars, USD 40, usd40"),
            ["1500 USD `$15`", "1500 USD `15 dollars`", "4000 USD `USD 40`", "4000 USD `usd40`",]
        );
        assert_eq!(
            found("£7 ₹500 Rs. 20 3 quid 25EUR"),
            ["700 GBP `£7`", "50000 INR `₹500`", "2000 INR `Rs. 20`", "300 GBP `3 quid`", "2500 EUR `25EUR`",]
        );
        assert_eq!(found("€ 9.99"), ["999 EUR `€ 9.99`"]);
    }

    #[test]
    fn the_amount_keyword_needs_no_currency() {
        assert_eq!(found("reimburse reservation 77 amount 30"), ["3000 - `30`"]);
        assert_eq!(found("amount: 30.5"), ["3050 - `30.5`"]);
        assert_eq!(found("amount of 4 gbp"), ["400 GBP `4 gbp`"]);
    }

    #[test]
    fn bare_numbers_are_not_amounts() {
        assert!(found("refund booking 1042 for 30").is_empty());
        assert!(found("12.50 and 7").is_empty());
        assert!(found("europe 5 eurozone").is_empty());
    }

    #[test]
    fn a_marker_glued_to_the_next_number_belongs_to_it() {
        assert_eq!(found("booking 5 €10"), ["1000 EUR `€10`"]);
    }

    #[test]
    fn thousands_separators_in_both_conventions() {
        assert_eq!(
            found("1,250.00 usd and 1.250,00 €"),
            ["125000 USD `1,250.00 usd`", "125000 EUR `1.250,00 €`"]
        );
        assert_eq!(
            found("€1,250,000 and €1.234.567,8"),
            ["125000000 EUR `€1,250,000`", "123456780 EUR `€1.234.567,8`"]
        );
    }

    #[test]
    fn ambiguous_or_malformed_money_is_claimed_and_ignored() {
        let mut text = Text::new("12.505 eur, 1,250 eur, €1.2.3, €12,345.678, €1,25,000, 1.250.00 eur");
        let mut unreadable = Vec::new();
        assert!(amounts(&mut text, &mut unreadable).is_empty());
        assert!(!unreadable.is_empty());
        assert!((0..text.len()).all(|i| !text.is_number(i) || text.claim_of(i) == Some(Claim::Malformed)));
    }

    #[test]
    fn huge_amounts_do_not_overflow() {
        assert!(found("€99999999999999999999").is_empty());
        assert!(found("€92233720368547758.08").is_empty());
        assert_eq!(found("€92233720368547758.07"), [format!("{} EUR `€92233720368547758.07`", i64::MAX)]);
        assert!(found(&format!("€1{}", ",000".repeat(40))).is_empty());
    }

    #[test]
    fn cents_are_exact() {
        assert_eq!(cents_from(&["12", "5"], &['.']), Some(1250));
        assert_eq!(cents_from(&["12", "05"], &['.']), Some(1205));
        assert_eq!(cents_from(&["0", "01"], &[',']), Some(1));
        assert_eq!(cents_from(&["12", "505"], &['.']), None);
        assert_eq!(cents_from(&["1", "250", "000"], &['.', '.']), Some(125_000_000));
        assert_eq!(cents_from(&["1", "250", "000"], &['.', ',']), None);
        assert_eq!(cents_from(&["1", "250", "50"], &[',', ',']), None);
        assert_eq!(cents_from(&["1234", "250", "50"], &[',', '.']), None);
    }
}
