//! Record ids and the entity each one refers to, plus result counts ("top 10").
//!
//! Runs last: every number still free after dates, times, amounts, phones,
//! config values and windows took theirs is a candidate.

use super::text::Text;
use super::vocab::{entity_noun, is_count_word, is_id_marker, is_pronoun, is_unit};
use super::{Entity, IdMention};

/// How many other words may stand between a noun and its id: "booking for
/// customer 5" gives the customer, "refund booking 5 and 6" gives both to the booking.
const NOUN_REACH: usize = 2;

/// One forward pass that remembers the last entity noun and how many words
/// ago it was, instead of looking back from every number.
pub(super) fn scan(text: &Text) -> (Vec<IdMention>, Option<i64>) {
    let mut ids = Vec::new();
    let mut limit = None;
    let mut noun: Option<Entity> = None;
    let mut words_since_noun = 0;
    let mut previous_run: Option<usize> = None;
    for i in 0..text.len() {
        let Some(token) = text.token(i) else { break };
        if token.after_line_break {
            noun = None;
        }
        if let Some(c) = text.punct(i) {
            if !text.is_free(i) {
                words_since_noun += usize::from(text.is_atom_start(i));
            } else if ends_clause(text, i, c, previous_run) {
                noun = None;
            }
            continue;
        }
        let Some(r) = text.run_of(i).filter(|&r| text.run(r).is_some_and(|run| run.first == i)) else {
            continue;
        };
        let run_before = previous_run.replace(r);
        if !text.run_is_free(r) {
            // A date, an e-mail or an amount in between counts as one word.
            words_since_noun += usize::from(text.is_atom_start(i));
            continue;
        }
        let word = text.run_text(r);
        if !text.run_is_number(r) {
            if let Some(entity) = entity_noun(word) {
                noun = Some(entity);
                words_since_noun = 0;
            } else if is_pronoun(word) {
                noun = None;
            } else if !is_id_marker(word) {
                words_since_noun += 1;
            }
            continue;
        }
        let noun_in_reach = noun.clone().filter(|_| words_since_noun <= NOUN_REACH);
        match classify_number(text, i, run_before, noun_in_reach.is_some()) {
            Number::Id(value) => {
                // A `#` right before belongs to the mention: "#1042".
                let first =
                    if text.punct(i.wrapping_sub(1)) == Some('#') && text.glued(i) { i - 1 } else { i };
                let (start, end) = text.span(first, i);
                ids.push(IdMention { value, entity: noun_in_reach, start, end });
            }
            Number::Count(value) => {
                limit.get_or_insert(value);
            }
            Number::Quantity => words_since_noun += 1,
            Number::Ignored => {}
        }
    }
    (ids, limit)
}

enum Number {
    Id(i64),
    Count(i64),
    /// "30 days", "12.5", "+5": a number, but no record's id.
    Quantity,
    /// Zero, or too long for an id: nothing to report.
    Ignored,
}

/// What a free, stand-alone number at token `i` is. `previous_run` is the
/// run before it; `after_noun` says whether an entity noun is in reach.
fn classify_number(text: &Text, i: usize, previous_run: Option<usize>, after_noun: bool) -> Number {
    let decimal_follows =
        text.punct(i + 1) == Some('.') && text.glued_between(i + 1) && text.is_number(i + 2);
    let decimal_precedes = !text.starts_fresh(i) && text.punct(i.wrapping_sub(1)) == Some('.');
    // "+5", "-3", but not the 7 of "5-7".
    let sign = i.wrapping_sub(1);
    let signed = text.glued(i)
        && matches!(text.punct(sign), Some('+' | '-'))
        && !(text.glued(sign) && text.is_alphanumeric(sign.wrapping_sub(1)));
    let next = i + 1;
    let unit_follows = text.punct(next) == Some('%')
        || (text.is_standalone(next) && !text.glued(next) && is_unit(text.lower(next)));
    if decimal_follows || decimal_precedes || signed || unit_follows {
        return Number::Quantity;
    }
    let Ok(value) = text.lower(i).parse::<i64>() else { return Number::Ignored };
    if value < 1 {
        return Number::Ignored;
    }
    let counted = previous_run
        .is_some_and(|r| text.runs_adjacent(r) && text.run_is_free(r) && is_count_word(text.run_text(r)));
    // "refund 2 bookings", "show 5 complaints": a number before a plural noun
    // counts them, unless a noun before claims it ("user 5 bookings").
    // "the 5 pending queue items": a few words may stand between the number and its plural.
    let counts_plural = !after_noun
        && (next..(next + 3).min(text.len()))
            .take_while(|&t| text.is_standalone(t) && !text.glued(t) && text.lower(t).parse::<f64>().is_err())
            .any(|t| text.lower(t).ends_with('s') && entity_noun(text.lower(t)).is_some());
    if counted || counts_plural { Number::Count(value) } else { Number::Id(value) }
}

/// `;`, `!`, `?` and a sentence-ending `.` start a new clause, where an
/// earlier noun no longer applies. The dot of "no. 1042" does not.
fn ends_clause(text: &Text, i: usize, c: char, previous_run: Option<usize>) -> bool {
    match c {
        ';' | '!' | '?' => true,
        '.' => {
            let abbreviation = text.glued(i) && previous_run.is_some_and(|r| is_id_marker(text.run_text(r)));
            !abbreviation && !text.glued(i + 1)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_in(prompt: &str) -> Vec<(i64, Option<Entity>)> {
        scan(&Text::new(prompt)).0.into_iter().map(|id| (id.value, id.entity)).collect()
    }

    #[test]
    fn the_nearest_noun_names_the_entity() {
        assert_eq!(ids_in("refund booking 1042"), [(1042, Some(Entity::Booking))]);
        assert_eq!(ids_in("refund #1042"), [(1042, None)]);
        assert_eq!(ids_in("order no. 1042"), [(1042, Some(Entity::Booking))]);
        assert_eq!(
            ids_in("user id 12, customer nr 13, ticket number 14"),
            [(12, Some(Entity::User)), (13, Some(Entity::User)), (14, Some(Entity::Complaint))]
        );
        assert_eq!(
            ids_in("queue item 5, alert rule 6, alert 7, staff 8, pro 9"),
            [
                (5, Some(Entity::QueueItem)),
                (6, Some(Entity::AlertRule)),
                (7, Some(Entity::Alert)),
                (8, Some(Entity::Staff)),
                (9, Some(Entity::Provider))
            ]
        );
    }

    #[test]
    fn lists_share_their_noun() {
        assert_eq!(
            ids_in("cancel bookings 5, 6 and 7"),
            [(5, Some(Entity::Booking)), (6, Some(Entity::Booking)), (7, Some(Entity::Booking))]
        );
    }

    #[test]
    fn a_noun_reaches_only_two_words() {
        assert_eq!(ids_in("booking for the 5"), [(5, Some(Entity::Booking))]);
        assert_eq!(ids_in("booking and then also 5"), [(5, None)]);
    }

    #[test]
    fn pronouns_clauses_and_lines_cut_the_noun_off() {
        assert_eq!(ids_in("booking it 5"), [(5, None)]);
        assert_eq!(ids_in("booking; 5"), [(5, None)]);
        assert_eq!(ids_in("booking. 5"), [(5, None)]);
        assert_eq!(ids_in("booking\n5"), [(5, None)]);
    }

    #[test]
    fn quantities_counts_and_zero_are_not_ids() {
        assert!(ids_in("30 days, 2 hours, 5%, 10 percent, 12.5, +5, -3, 0, 00").is_empty());
        assert_eq!(ids_in("bookings 5-7"), [(5, Some(Entity::Booking)), (7, Some(Entity::Booking))]);
        assert!(ids_in("99999999999999999999").is_empty());
        assert_eq!(scan(&Text::new("top 10 complaints, last 5 bookings")), (vec![], Some(10)));
        assert_eq!(scan(&Text::new("show 5 complaints of user 3")).1, Some(5));
        assert_eq!(ids_in("show 5 complaints of user 3"), [(3, Some(Entity::User))]);
        assert_eq!(ids_in("show user 5 bookings"), [(5, Some(Entity::User))]);
        assert_eq!(ids_in("9223372036854775807"), [(i64::MAX, None)]);
    }

    #[test]
    fn the_span_covers_a_leading_hash() {
        let prompt = "escalate complaint #23";
        let (ids, _) = scan(&Text::new(prompt));
        assert_eq!(&prompt[ids[0].start..ids[0].end], "#23");
    }
}
