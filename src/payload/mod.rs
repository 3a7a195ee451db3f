//! Payloads: the exact thing the executor will do. For the built-in pack that
//! is SQL statements with bound values (never values spliced into SQL text),
//! plus the target row they change. The `payload_hash` over the payload's
//! canonical JSON binds tokens and approvals to exactly this payload.

mod http;
mod sql;
mod target;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::builtin::LOGS_ANALYZED;
pub(crate) use crate::builtin::window_param;
pub use http::{HttpCall, HttpProbe};
pub use sql::{NullKind, SqlStatement, SqlValue, action_key, details_for};
pub use target::{TargetRef, version_in as target_version_in};

use crate::builtin::{Binding, Change, WriteInput, builtin};
use crate::canonical::hash_value;
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;

/// What a step will do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Payload {
    /// Statements run in order inside one transaction.
    Sql {
        statements: Vec<SqlStatement>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<TargetRef>,
        /// One line saying what changes, for confirmations.
        summary: String,
    },
    /// A read; answered by `opsgate ask`.
    Query { statements: Vec<SqlStatement>, summary: String },
    /// Text only: nothing is sent or stored.
    Draft { template: String, params: Value, summary: String },
    /// A pack action's write: one request to the team's API. `target` reads
    /// the row it changes; `dry_run` is what a dry-run sends instead, if the
    /// pack declares one (otherwise a dry-run sends nothing to the write path).
    Http {
        request: HttpCall,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<HttpProbe>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dry_run: Option<HttpCall>,
        /// The API applies a repeated request once: lost answers may be retried.
        idempotent: bool,
        timeout: crate::pack::Timeouts,
        summary: String,
    },
    /// A pack action's read: a GET, and where its rows are in the response.
    HttpRead {
        request: HttpCall,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rows: Option<String>,
        timeout: crate::pack::Timeouts,
        summary: String,
    },
}

impl Payload {
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// SHA-256 over the canonical JSON of the payload.
    pub fn hash(&self) -> String {
        hash_value(&self.to_value())
    }

    pub fn from_value(value: &Value) -> Result<Payload> {
        serde_json::from_value(value.clone())
            .map_err(|e| Error::Internal(format!("stored payload does not parse: {e}")))
    }

    pub fn summary(&self) -> &str {
        match self {
            Payload::Sql { summary, .. }
            | Payload::Query { summary, .. }
            | Payload::Draft { summary, .. }
            | Payload::Http { summary, .. }
            | Payload::HttpRead { summary, .. } => summary,
        }
    }

    pub fn target(&self) -> Option<&TargetRef> {
        match self {
            Payload::Sql { target, .. } => target.as_ref(),
            _ => None,
        }
    }

    /// What a person types to confirm a destructive write: the key of its
    /// target row, or the name of a pack write's target.
    pub fn confirm_word(&self) -> Option<String> {
        match self {
            Payload::Sql { target, .. } => target.as_ref().map(|t| t.key.clone()),
            Payload::Http { target, .. } => target.as_ref().and_then(HttpProbe::key),
            _ => None,
        }
    }

    /// The endpoint a pack write's target is read from.
    pub fn probe(&self) -> Option<&HttpProbe> {
        match self {
            Payload::Http { target, .. } => target.as_ref(),
            _ => None,
        }
    }
}

/// A payload and the version of its target row when it was built.
#[derive(Debug, Clone)]
pub struct Built {
    pub payload: Payload,
    /// Hash of the target row's watched columns; `execute` refuses if it changed.
    pub target_version: Option<String>,
    /// The step's params with the defaults the payload filled in (the amount
    /// of a full refund): what is stored, shown and judged by policy rules.
    pub params: Value,
}

/// Builds the payload of one step. Reads the database (to resolve e-mails to
/// ids, compute defaults such as the refundable amount, and check the target
/// exists) but never writes.
pub async fn build(
    store: &Store,
    action: &ActionSpec,
    params: &Value,
    requester: &StaffMember,
) -> Result<Built> {
    if action.http.is_some() {
        return http_payload(action, &whole_numbers(action, params)?).await;
    }
    let bound = builtin(&action.name)?;
    let normalized = whole_numbers(action, params)?;
    let params = &normalized;
    let mut resolved = params.clone();
    let target = store.target();
    crate::target::check::require_available(&target, action).await?;
    let bind_all = |statements: Vec<SqlStatement>| -> Result<Vec<SqlStatement>> {
        statements.iter().map(|statement| target.bind(&action.uses, statement)).collect()
    };
    let payload = match &bound.binding {
        Binding::Read(read) => Payload::Query {
            statements: bind_all((read.query)(
                params,
                &crate::builtin::Reader { sees_contacts: !crate::pii::must_mask(Some(requester)) },
            )?)?,
            summary: format!("read only: {}", action.description.to_lowercase()),
        },
        Binding::Draft(_) => Payload::Draft {
            template: action.name.clone(),
            params: params.clone(),
            summary: format!("draft text from the {} template; nothing is sent or stored", action.name),
        },
        Binding::Write(build) => {
            let office = crate::target::BackOffice { target: &target, uses: &action.uses };
            let input = WriteInput { store, office, action: bound.name, params, requester };
            let Change { statements, target: row, summary, filled } = build(input).await?;
            if let Some(object) = resolved.as_object_mut() {
                object.extend(filled);
            }
            let row = row.map(|row| target.bind_target(&action.uses, &row)).transpose()?;
            Payload::Sql { statements: bind_all(statements)?, target: row, summary }
        }
    };
    let target_version = match payload.target() {
        Some(target) => Some(target::version(store, target).await?),
        None => None,
    };
    Ok(Built { payload, target_version, params: resolved })
}

/// A pack action's payload: its requests rendered, and for a write the
/// version of its target as the API shows it now.
async fn http_payload(action: &ActionSpec, params: &Value) -> Result<Built> {
    let http =
        action.http.as_deref().ok_or_else(|| Error::Internal(format!("`{}` has no request", action.name)))?;
    if !action.risk.writes() {
        let request = crate::pack::render_read(action, params)?;
        let summary =
            format!("read only: {} ({} {})", action.description.to_lowercase(), request.method, request.url);
        let rows = http.rows.as_ref().map(crate::pack::RowsPath::to_string);
        let payload = Payload::HttpRead { request, rows, timeout: http.timeout, summary };
        return Ok(Built { payload, target_version: None, params: params.clone() });
    }
    let (request, target, dry_run) = crate::pack::render_write(action, params)?;
    let target_version = match &target {
        Some(probe) => Some(crate::executor::http::probe_version(probe, http.timeout).await?),
        None => None,
    };
    let summary = format!("{} {} ({})", request.method, request.url, action.description.to_lowercase());
    let payload = Payload::Http {
        request,
        target,
        dry_run,
        idempotent: http.idempotent,
        timeout: http.timeout,
        summary,
    };
    Ok(Built { payload, target_version, params: params.clone() })
}

/// `params` with every integer parameter as a whole number in range: JSON
/// Schema counts `7.0` and `1e23` as integers, and a statement binds only
/// what fits an `i64` — a value that does not would silently drop its filter.
fn whole_numbers(action: &ActionSpec, params: &Value) -> Result<Value> {
    let mut params = params.clone();
    let Some(properties) = action.params.get("properties").and_then(Value::as_object) else {
        return Ok(params);
    };
    let Some(given) = params.as_object_mut() else {
        return Ok(params);
    };
    for (name, schema) in properties {
        if schema.get("type").and_then(Value::as_str) != Some("integer") {
            continue;
        }
        let Some(Value::Number(number)) = given.get(name) else {
            continue;
        };
        if number.is_i64() {
            continue;
        }
        let whole = number
            .as_f64()
            .filter(|value| value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0)
            .map(|value| value as i64);
        match whole {
            Some(whole) => {
                given.insert(name.clone(), Value::from(whole));
            }
            None => {
                return Err(Error::Usage(format!(
                    "`{name}` must be a whole number no larger than {} (got {number})",
                    i64::MAX
                )));
            }
        }
    }
    Ok(params)
}

/// The current version of a payload's target row (for stale-plan checks).
pub async fn current_target_version(store: &Store, payload: &Payload) -> Result<Option<String>> {
    match payload.target() {
        Some(target) => target::version(store, target).await.map(Some),
        None => Ok(None),
    }
}
