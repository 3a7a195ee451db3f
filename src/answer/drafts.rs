//! Drafts: text rendered from minijinja templates and filled with real rows.
//! Nothing is sent or stored. The built-in templates live in `templates/`;
//! a file of the same name in `$XDG_CONFIG_HOME/opsgate/templates/` replaces one.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use minijinja::Environment;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::finding::{Finding, Source, money};
use super::read;
use super::window::AnswerWindow;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::payload::{self, SqlStatement, SqlValue};
use crate::settings::Settings;
use crate::store::{ResultSet, Store};

const BUILTIN: &[(&str, &str)] = &[
    ("draft.email", include_str!("../../templates/draft.email.j2")),
    ("draft.coupon", include_str!("../../templates/draft.coupon.j2")),
    ("draft.report", include_str!("../../templates/draft.report.j2")),
];

/// A coupon's default value when the request names none.
const DEFAULT_COUPON_CENTS: i64 = 1_000;
const COUPON_VALID_DAYS: i64 = 30;

/// The template for `action`: the user's override if present, else the built-in one.
fn template_source(action: &str, override_dir: &Path) -> Result<(String, String)> {
    let file = override_dir.join(format!("{action}.j2"));
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok((text, file.display().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BUILTIN
            .iter()
            .find(|(name, _)| *name == action)
            .map(|(_, text)| ((*text).to_owned(), format!("built-in templates/{action}.j2")))
            .ok_or_else(|| Error::Internal(format!("no template for `{action}`"))),
        Err(e) => Err(Error::io(format!("cannot read {}", file.display()), e)),
    }
}

fn render(action: &str, override_dir: &Path, context: &Value) -> Result<(String, String)> {
    let (source, origin) = template_source(action, override_dir)?;
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template_owned(action.to_owned(), source)
        .map_err(|e| Error::Config(format!("{origin}: {}", crate::error::one_line(&e.to_string()))))?;
    let text = env
        .get_template(action)
        .and_then(|t| t.render(minijinja::value::Serde(context)))
        .map_err(|e| Error::Config(format!("{origin}: {}", crate::error::one_line(&e.to_string()))))?;
    Ok((text, origin))
}

async fn one_row(
    store: &Store,
    sources: &mut Vec<Source>,
    action: &str,
    sql: &str,
    id: i64,
    now: DateTime<Utc>,
    what: &str,
) -> Result<(ResultSet, Value)> {
    let statement = SqlStatement::new(sql, vec![SqlValue::Int(id)]);
    let set = store.query_rows(&statement, now).await?;
    sources.push(Source::query(action, &statement, set.rows.len()));
    let row = set
        .objects()
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(format!("{what} {id} does not exist")))?;
    Ok((set, row))
}

fn local_time(settings: &Settings, text: Option<&str>) -> String {
    text.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| settings.local(t.with_timezone(&Utc)).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub struct DraftRequest<'a> {
    pub action: &'a str,
    pub params: &'a Value,
    pub window: Option<&'a AnswerWindow>,
    pub person: &'a StaffMember,
    pub override_dir: &'a Path,
}

/// Renders a draft; the finding's summary is the draft text.
pub async fn draft(
    store: &Store,
    catalog: &Catalog,
    request: DraftRequest<'_>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<(Finding, String)> {
    let DraftRequest { action, params, window, person, override_dir } = request;
    let mut sources = Vec::new();
    let sender = json!({"name": person.name, "email": person.email});
    let context = match action {
        "draft.email" => {
            let complaint_id = params.get("complaint_id").and_then(Value::as_i64);
            let mut booking_id = params.get("booking_id").and_then(Value::as_i64);
            if complaint_id.is_none() && booking_id.is_none() {
                return Err(Error::Unplannable(
                    "draft.email needs a complaint or booking id, e.g. `draft an email to the customer of complaint 17`".into(),
                ));
            }
            let mut customer = Value::Null;
            let mut complaint = Value::Null;
            if let Some(id) = complaint_id {
                let (_, row) = one_row(
                    store, &mut sources, action,
                    "SELECT c.id, c.subject, c.category, c.status, c.created_at, c.booking_id, u.name, u.email \
                     FROM complaints c JOIN users u ON u.id = c.user_id WHERE c.id = $1",
                    id, now, "complaint",
                )
                .await?;
                booking_id = booking_id.or(row["booking_id"].as_i64());
                customer = json!({"name": row["name"], "email": row["email"]});
                complaint = json!({
                    "id": row["id"], "subject": row["subject"], "category": row["category"], "status": row["status"],
                    "created_at": local_time(settings, row["created_at"].as_str()),
                });
            }
            let mut booking = Value::Null;
            if let Some(id) = booking_id {
                let (_, row) = one_row(
                    store, &mut sources, action,
                    "SELECT b.id, b.service, b.status, b.scheduled_at, b.amount_cents, b.currency, b.payment_status, u.name, u.email \
                     FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.id = $1",
                    id, now, "booking",
                )
                .await?;
                if customer.is_null() {
                    customer = json!({"name": row["name"], "email": row["email"]});
                }
                booking = json!({
                    "id": row["id"], "service": row["service"], "status": row["status"],
                    "scheduled_at": local_time(settings, row["scheduled_at"].as_str()),
                    "amount": money(row["amount_cents"].as_i64().unwrap_or(0), row["currency"].as_str().unwrap_or("EUR")),
                    "payment_status": row["payment_status"],
                });
            }
            json!({
                "tone": params.get("tone").and_then(Value::as_str).unwrap_or("neutral"),
                "customer": customer, "complaint": complaint, "booking": booking, "sender": sender,
            })
        }
        "draft.coupon" => {
            let user_id = params.get("user_id").and_then(Value::as_i64).unwrap_or(0);
            let (_, row) = one_row(
                store,
                &mut sources,
                action,
                "SELECT id, name, email, wallet_balance_cents FROM users WHERE id = $1",
                user_id,
                now,
                "user",
            )
            .await?;
            let cents = params.get("amount_cents").and_then(Value::as_i64).unwrap_or(DEFAULT_COUPON_CENTS);
            let valid_until =
                settings.local(now + Duration::days(COUPON_VALID_DAYS)).format("%Y-%m-%d").to_string();
            // A stable suggestion for the same person and day, so re-running the draft does not change it.
            let digest = Sha256::digest(format!("{user_id}:{cents}:{}", settings.local(now).date_naive()));
            let code = format!("GW-{user_id}-{}", crate::canonical::hex(&digest[..3]).to_uppercase());
            json!({
                "customer": {
                    "id": row["id"], "name": row["name"], "email": row["email"],
                    "wallet": money(row["wallet_balance_cents"].as_i64().unwrap_or(0), "EUR"),
                },
                "amount": money(cents, "EUR"), "code": code, "valid_until": valid_until,
            })
        }
        "draft.report" => {
            let window = window.ok_or_else(|| Error::Internal("draft.report without a window".into()))?;
            let (from, to) = window.params();
            let metric_params = json!({"from": from, "to": to});
            let mut sections = Vec::new();
            for (metric, title) in [
                ("metrics.revenue", "Revenue"),
                ("metrics.bookings", "Bookings"),
                ("metrics.complaints", "Complaints"),
                ("metrics.sla", "SLA"),
            ] {
                let spec = catalog.require(metric)?;
                if !person.can(&spec.permission) {
                    continue;
                }
                let built = payload::build(store, spec, &metric_params, person).await?;
                let finding =
                    read::run(store, spec, &metric_params, &built.payload, Some(window), settings, now)
                        .await?;
                sources.extend(finding.sources.clone());
                sections.push(json!({"title": title, "summary": finding.summary}));
            }
            json!({
                "window": {
                    "label": window.label, "from": window.short(settings).0, "to": window.short(settings).1,
                    "time_zone": window.time_zone,
                },
                "generated_at": settings.local(now).format("%Y-%m-%d %H:%M").to_string(),
                "sections": sections,
                "author": sender,
            })
        }
        other => return Err(Error::Internal(format!("no draft template bound to `{other}`"))),
    };
    let (text, origin) = render(action, override_dir, &context)?;
    sources.push(Source::Reading { name: "template".into(), detail: origin });
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned();
    let mut finding = Finding::new(
        action,
        format!("Drafted {}: {first_line}", action.trim_start_matches("draft.")),
        ResultSet::default(),
    );
    finding.sources = sources;
    Ok((finding, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_compiles() {
        for (name, source) in BUILTIN {
            let mut env = Environment::new();
            env.add_template(name, source).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn an_override_replaces_the_builtin_and_a_broken_one_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("draft.coupon.j2"), "Coupon {{ code }} for {{ customer.name }}")
            .unwrap();
        let context = json!({"code": "GW-1-ABC", "customer": {"name": "Ana"}});
        let (text, origin) = render("draft.coupon", dir.path(), &context).unwrap();
        assert_eq!(text, "Coupon GW-1-ABC for Ana");
        assert!(origin.ends_with("draft.coupon.j2"));
        std::fs::write(dir.path().join("draft.coupon.j2"), "{{ missing.value }}").unwrap();
        let error = render("draft.coupon", dir.path(), &context).unwrap_err().to_string();
        assert!(error.contains("draft.coupon.j2"), "{error}");
    }
}
