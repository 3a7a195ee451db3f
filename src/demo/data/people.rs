//! Customers and service providers: the people every booking and complaint hangs off.

use chrono::{DateTime, Utc};

use super::rng::Rng;
use super::{DAY, HOUR, shift};
use crate::error::Result;
use crate::store::{Tx, on_tx};

pub(super) const USER_COUNT: usize = 300;
pub(super) const PROVIDER_COUNT: usize = 50;

const FIRST_NAMES: [&str; 32] = [
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannah", "Ibrahim", "Jonas", "Katarina",
    "Lukas", "Mia", "Noah", "Olga", "Paul", "Quentin", "Rosa", "Sofia", "Tim", "Umut", "Vera", "Wei",
    "Xenia", "Yusuf", "Zoe", "Leon", "Emma", "Marco", "Priya", "Tomasz", "Lea",
];

const LAST_NAMES: [&str; 32] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Yilmaz",
    "Kowalski",
    "Rossi",
    "Nguyen",
    "Petrov",
    "Garcia",
];

/// German mobile prefixes, so phone numbers look like the ones masking is written for.
const MOBILE_PREFIXES: [&str; 8] = ["151", "152", "157", "160", "170", "171", "176", "179"];

/// (city, landline area code)
const CITIES: [(&str, &str); 8] = [
    ("Berlin", "30"),
    ("Hamburg", "40"),
    ("Munich", "89"),
    ("Cologne", "221"),
    ("Frankfurt", "69"),
    ("Stuttgart", "711"),
    ("Leipzig", "341"),
    ("Dresden", "351"),
];

/// (category, words used in provider names)
const CATEGORIES: [(&str, [&str; 2]); 8] = [
    ("cleaning", ["Cleaning", "Sparkle Services"]),
    ("plumbing", ["Plumbing", "Pipe & Drain"]),
    ("electrical", ["Electrics", "Power Solutions"]),
    ("beauty", ["Beauty Studio", "Hair & Nails"]),
    ("tutoring", ["Tutoring", "Learning Lab"]),
    ("moving", ["Removals", "Moving Co."]),
    ("gardening", ["Garden Care", "Green Works"]),
    ("handyman", ["Handyman Services", "Fix-It"]),
];

/// A customer as later sections need it.
#[derive(Debug, Clone)]
pub(super) struct User {
    pub id: i64,
    pub email: String,
    pub phone: Option<String>,
}

/// A provider as later sections need it.
#[derive(Debug, Clone)]
pub(super) struct Provider {
    pub id: i64,
    pub name: String,
    pub category: &'static str,
    pub status: &'static str,
    pub created_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
}

fn mobile_number(rng: &mut Rng) -> String {
    format!("+49 {} {:04} {:04}", rng.pick(&MOBILE_PREFIXES), rng.range(1000, 9999), rng.range(0, 9999))
}

/// `Müller` → `mueller`: e-mail local parts stay ASCII like real sign-up forms make them.
fn ascii_slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => slug.push_str("ae"),
            'ö' | 'Ö' => slug.push_str("oe"),
            'ü' | 'Ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            c if c.is_ascii_alphanumeric() => slug.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    slug
}

pub(super) async fn insert_users(tx: &mut Tx, now: DateTime<Utc>) -> Result<Vec<User>> {
    let mut rng = Rng::new(0x5EED_0001);
    let mut users = Vec::with_capacity(USER_COUNT);
    for n in 1..=USER_COUNT {
        let first = rng.pick(&FIRST_NAMES);
        let last = rng.pick(&LAST_NAMES);
        let name = format!("{first} {last}");
        // The running number keeps e-mails unique however often a name pair repeats.
        let email = format!("{}.{}{n}@example.net", ascii_slug(first), ascii_slug(last));
        // The first users always have a phone, so examples and masking tests can rely on them.
        let phone = (n <= 20 || !rng.chance(0.05)).then(|| mobile_number(&mut rng));
        let status = rng.weighted(&[("active", 90), ("suspended", 7), ("deleted", 3)]);
        let wallet_balance_cents: i64 = if rng.chance(0.55) { 0 } else { rng.range(1, 400) * 50 };
        // Everyone signed up before the oldest booking (120 days ago).
        let created_at = shift(now, -rng.range(130 * DAY, 900 * DAY));
        let updated_at = shift(now, -rng.range(HOUR, 125 * DAY));
        let id: i64 = on_tx!(tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO users (name, email, phone, status, wallet_balance_cents, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&name).bind(&email).bind(&phone).bind(status).bind(wallet_balance_cents)
            .bind(created_at).bind(updated_at)
            .fetch_one(&mut **conn).await?
        });
        users.push(User { id, email, phone });
    }
    Ok(users)
}

/// Fixed counts rather than probabilities: the approval backlog must never come out empty.
fn provider_statuses(rng: &mut Rng) -> Vec<&'static str> {
    let mut statuses = Vec::with_capacity(PROVIDER_COUNT);
    statuses.extend(["pending"; 9]);
    statuses.extend(["rejected"; 3]);
    statuses.extend(["suspended"; 3]);
    statuses.resize(PROVIDER_COUNT, "approved");
    rng.shuffle(&mut statuses);
    statuses
}

pub(super) async fn insert_providers(tx: &mut Tx, now: DateTime<Utc>) -> Result<Vec<Provider>> {
    let mut rng = Rng::new(0x5EED_0002);
    let statuses = provider_statuses(&mut rng);
    let mut providers = Vec::with_capacity(PROVIDER_COUNT);
    for (index, status) in statuses.into_iter().enumerate() {
        let n = index + 1;
        let (category, words) = CATEGORIES[index % CATEGORIES.len()];
        let (city, area_code) = rng.pick(&CITIES);
        let name = format!("{} {}", rng.pick(&LAST_NAMES), rng.pick(&words));
        let email = format!("{}{n}@example.org", ascii_slug(&name));
        let phone = format!("+49 {area_code} {:04} {:04}", rng.range(1000, 9999), rng.range(0, 9999));
        // Pending applications are recent (some older than a week, so the backlog shows);
        // everyone else has been around since before the first booking.
        let created_at = if status == "pending" {
            shift(now, -rng.range(6 * HOUR, 20 * DAY))
        } else {
            shift(now, -rng.range(130 * DAY, 700 * DAY))
        };
        let approved_at =
            matches!(status, "approved" | "suspended").then(|| shift(created_at, rng.range(HOUR, 10 * DAY)));
        let rating = match status {
            "approved" | "suspended" => Some(rng.range(30, 50) as f64 / 10.0),
            _ => None,
        };
        let updated_at = match status {
            "pending" => created_at,
            "rejected" => shift(created_at, rng.range(DAY, 7 * DAY)),
            _ => shift(now, -rng.range(DAY, 120 * DAY)),
        };
        let id: i64 = on_tx!(tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO providers (name, email, phone, category, city, status, rating, created_at, \
                 updated_at, approved_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(&name).bind(&email).bind(&phone).bind(category).bind(city).bind(status).bind(rating)
            .bind(created_at).bind(updated_at).bind(approved_at)
            .fetch_one(&mut **conn).await?
        });
        providers.push(Provider { id, name, category, status, created_at, approved_at });
    }
    Ok(providers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lowercase() {
        assert_eq!(ascii_slug("Müller"), "mueller");
        assert_eq!(ascii_slug("Köhler Pipe & Drain"), "koehlerpipedrain");
        assert_eq!(ascii_slug("Moving Co."), "movingco");
    }

    #[test]
    fn mobile_numbers_look_german() {
        let mut rng = Rng::new(9);
        for _ in 0..100 {
            let phone = mobile_number(&mut rng);
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            assert!(phone.starts_with("+49 1"), "{phone}");
            assert_eq!(digits.len(), 13, "{phone}");
        }
    }

    #[test]
    fn the_approval_backlog_is_never_empty() {
        let statuses = provider_statuses(&mut Rng::new(1));
        assert_eq!(statuses.len(), PROVIDER_COUNT);
        assert!(statuses.iter().filter(|&&s| s == "pending").count() >= 8);
        assert!(statuses.contains(&"rejected") && statuses.contains(&"suspended"));
    }
}
