//! The closed vocabularies: statuses, priorities, roles, and the nouns and
//! small words the other recognizers read context from.

use super::Entity;
use super::text::Text;

/// Statuses, priorities and roles found, each canonical and listed once.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    pub statuses: Vec<String>,
    pub priorities: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    Status(&'static str),
    Priority(&'static str),
    Role(&'static str),
}

/// Scans free words. Two-word terms are tried first and consume both words,
/// which is why "super admin" yields only `super_admin` and "senior agent"
/// only `senior_agent`.
pub(super) fn scan(text: &Text) -> Vocabulary {
    let mut found = Vocabulary::default();
    let mut r = 0;
    while r < text.run_count() {
        if !text.run_is_free(r) {
            r += 1;
            continue;
        }
        if let Some(next) = joined_next_run(text, r)
            && let Some(term) = two_word_term(text.run_text(r), text.run_text(next))
        {
            found.add(term);
            r = next + 1;
            continue;
        }
        if let Some(term) = one_word_term(text.run_text(r)) {
            found.add(term);
        }
        r += 1;
    }
    found
}

impl Vocabulary {
    fn add(&mut self, term: Term) {
        let (list, word) = match term {
            Term::Status(word) => (&mut self.statuses, word),
            Term::Priority(word) => (&mut self.priorities, word),
            Term::Role(word) => (&mut self.roles, word),
        };
        // The lists hold at most a few dozen distinct words, so `contains` stays cheap.
        if !list.iter().any(|known| known == word) {
            list.push(word.to_string());
        }
    }
}

/// The free run after `r` when only a space or a single glued `-` separates
/// them ("no show", "no-show").
fn joined_next_run(text: &Text, r: usize) -> Option<usize> {
    let (this, next) = (text.run(r)?, text.run(r + 1)?);
    let joined = next.first == this.last + 1
        || (next.first == this.last + 2
            && text.punct(this.last + 1) == Some('-')
            && text.glued_between(this.last + 1));
    (joined && text.run_is_free(r + 1)).then_some(r + 1)
}

fn two_word_term(first: &str, second: &str) -> Option<Term> {
    Some(match (first, second) {
        ("no", "show" | "shows") => Term::Status("no_show"),
        ("in", "progress") => Term::Status("in_progress"),
        ("in", "review") => Term::Status("in_review"),
        ("on", "hold") => Term::Status("suspended"),
        ("super", "admin" | "admins") => Term::Role("super_admin"),
        ("senior", "agent" | "agents") => Term::Role("senior_agent"),
        _ => return None,
    })
}

/// Canonical status words, as the ops schema spells them.
const STATUSES: [&str; 24] = [
    "pending",
    "confirmed",
    "completed",
    "cancelled",
    "refunded",
    "no_show",
    "open",
    "in_progress",
    "escalated",
    "resolved",
    "closed",
    "approved",
    "rejected",
    "suspended",
    "active",
    "inactive",
    "deleted",
    "dismissed",
    "reviewed",
    "in_review",
    "acknowledged",
    "paid",
    "settled",
    "unpaid",
];

fn one_word_term(word: &str) -> Option<Term> {
    let spelled = match word {
        "canceled" => "cancelled",
        "noshow" => "no_show",
        "waiting" | "awaiting" | "unconfirmed" => "pending",
        "reviewing" => "in_review",
        "ongoing" => "in_progress",
        "frozen" | "blocked" => "suspended",
        "finished" => "completed",
        other => other,
    };
    if let Some(status) = STATUSES.iter().copied().find(|&status| status == spelled) {
        return Some(Term::Status(status));
    }
    let priority = match word {
        "low" | "p4" => "low",
        "medium" | "p3" => "medium",
        "high" | "p2" => "high",
        "critical" | "urgent" | "p1" | "p0" => "critical",
        _ => "",
    };
    if !priority.is_empty() {
        return Some(Term::Priority(priority));
    }
    let role = match word {
        "super_admin" | "superadmin" | "super_admins" | "superadmins" => "super_admin",
        "admin" | "admins" | "administrator" | "administrators" => "admin",
        "manager" | "managers" => "manager",
        "senior_agent" | "senior_agents" => "senior_agent",
        "agent" | "agents" => "agent",
        "support" => "support",
        "analyst" | "analysts" => "analyst",
        "viewer" | "viewers" => "viewer",
        _ => return None,
    };
    Some(Term::Role(role))
}

/// The record kind a noun names, for the ids that follow it.
pub(super) fn entity_noun(word: &str) -> Option<Entity> {
    Some(match word {
        "booking" | "bookings" | "reservation" | "reservations" | "order" | "orders" | "appointment"
        | "appointments" => Entity::Booking,
        "user" | "users" | "customer" | "customers" | "client" | "clients" | "account" | "accounts" => {
            Entity::User
        }
        "provider" | "providers" | "partner" | "partners" | "vendor" | "vendors" | "pro" | "pros"
        | "professional" | "professionals" => Entity::Provider,
        "complaint" | "complaints" | "ticket" | "tickets" | "case" | "cases" => Entity::Complaint,
        "item" | "items" | "queue" => Entity::QueueItem,
        "alert" | "alerts" => Entity::Alert,
        "rule" | "rules" => Entity::AlertRule,
        "staff" | "staffer" | "employee" | "employees" | "agent" | "agents" => Entity::Staff,
        _ => return None,
    })
}

/// Words between a noun and its id that do not push the noun out of reach:
/// "order no. 1042", "user id 12", "booking number 5".
pub(super) fn is_id_marker(word: &str) -> bool {
    matches!(word, "no" | "nr" | "num" | "number" | "id" | "ids" | "ref")
}

/// Words that end the reach of an earlier noun: "cancel booking 5 and refund it".
pub(super) fn is_pronoun(word: &str) -> bool {
    matches!(word, "it" | "its" | "them" | "this" | "that" | "these" | "those")
}

/// Units after a number that make it a quantity, not an id.
pub(super) fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "h"
            | "day"
            | "days"
            | "d"
            | "week"
            | "weeks"
            | "wk"
            | "wks"
            | "w"
            | "month"
            | "months"
            | "year"
            | "years"
            | "percent"
            | "pct"
            | "times"
            | "x"
            | "people"
            | "persons"
            | "cents"
    )
}

/// Words before a number that make it a count: "top 10", "last 5 bookings".
pub(super) fn is_count_word(word: &str) -> bool {
    matches!(word, "top" | "first" | "last" | "past" | "next" | "latest" | "recent" | "limit")
}

/// Words near a number that announce a phone number.
pub(super) fn is_phone_word(word: &str) -> bool {
    matches!(word, "phone" | "mobile" | "tel" | "telephone" | "cell" | "cellphone" | "whatsapp" | "sms")
}

/// ISO code of a currency sign.
pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '₹' => Some("INR"),
        _ => None,
    }
}

/// ISO code of a currency's name or code.
pub(super) fn currency_word(word: &str) -> Option<&'static str> {
    match word {
        "eur" | "euro" | "euros" => Some("EUR"),
        "usd" | "dollar" | "dollars" | "bucks" => Some("USD"),
        "gbp" | "pound" | "pounds" | "quid" => Some("GBP"),
        "inr" | "rupee" | "rupees" | "rs" => Some("INR"),
        _ => None,
    }
}

/// January is 1.
pub(super) fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(prompt: &str) -> Vocabulary {
        scan(&Text::new(prompt))
    }

    #[test]
    fn statuses_match_whole_words_only() {
        let found = scanned(
            "open, opened, reopen, Canceled and cancelled; no-show, no show, In Progress, paid unpaid",
        );
        assert_eq!(found.statuses, ["open", "cancelled", "no_show", "in_progress", "paid", "unpaid"]);
    }

    #[test]
    fn every_listed_status_is_recognized() {
        let all = "pending confirmed completed cancelled refunded no_show open in_progress escalated resolved \
                   closed approved rejected suspended active inactive deleted dismissed reviewed in_review \
                   acknowledged paid settled unpaid";
        let expected: Vec<&str> = all.split_whitespace().collect();
        assert_eq!(scanned(all).statuses, expected);
    }

    #[test]
    fn priorities_with_aliases() {
        assert_eq!(scanned("urgent P1 p2 low medium").priorities, ["critical", "high", "low", "medium"]);
        assert!(scanned("p12 p").priorities.is_empty());
    }

    #[test]
    fn two_word_roles_consume_both_words() {
        assert_eq!(scanned("make kim a senior agent").roles, ["senior_agent"]);
        assert_eq!(scanned("super admin").roles, ["super_admin"]);
        assert_eq!(scanned("senior-agent and super_admin").roles, ["senior_agent", "super_admin"]);
        assert_eq!(
            scanned("agents, admins, an analyst, viewers, support").roles,
            ["agent", "admin", "analyst", "viewer", "support"]
        );
        assert_eq!(scanned("set role to manager").roles, ["manager"]);
    }

    #[test]
    fn punctuation_breaks_two_word_terms() {
        assert!(scanned("no, show me").statuses.is_empty());
        assert_eq!(scanned("senior. agent").roles, ["agent"]);
    }
}
