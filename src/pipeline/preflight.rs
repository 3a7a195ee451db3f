//! The checks `execute` and the worker share right before a stored action
//! runs: it was allowed, its stored payload still matches its hash, the guard
//! (asked again, for the requester, now) still allows it, and — when it needs
//! approval — enough valid signed approvals stand.

use crate::approval::{ApprovalPolicy, Tally, tally};
use crate::audit::{Event, Outcome};
use crate::catalog::{ActionSpec, Requires};
use crate::error::{Error, Result};
use crate::guard::{Guard, Stage, Step};
use crate::payload::Payload;
use crate::plan::{ActionId, Decision};
use crate::policy::CapHold;
use crate::session::Session;
use crate::store::ActionRow;

/// A refusal: the audit event and status to record, and the error.
pub struct Refusal {
    pub event: Event,
    pub status: Outcome,
    pub error: Error,
}

impl Refusal {
    fn new(event: Event, status: Outcome, error: Error) -> Refusal {
        Refusal { event, status, error }
    }
}

impl From<Error> for Refusal {
    /// Infrastructure failures (the database) are refusals too: nothing runs.
    fn from(error: Error) -> Refusal {
        Refusal::new(Event::ActionFailed, Outcome::Failed, error)
    }
}

/// What passed the checks.
pub struct Cleared {
    pub action: &'static ActionSpec,
    pub payload: Payload,
    /// The approvals that stand, for actions that need them.
    pub standing: Option<Tally>,
    /// Whether the person running it gives a second factor (the catalog or a rule says so).
    pub second_factor: bool,
    /// Caps the transaction that runs it checks again.
    pub holds: Vec<CapHold>,
}

/// Checks `row` for the requester's `session`. Approvals are counted when the
/// action needs them; `approvals_must_suffice` makes too few a refusal.
pub async fn preflight(session: &Session, row: &ActionRow) -> std::result::Result<Cleared, Refusal> {
    let id = ActionId(row.id);
    if row.decision == Decision::Denied {
        let why = row.denial.clone().unwrap_or_else(|| {
            format!("lacks `{}`", row.missing_permission.as_deref().unwrap_or(&row.permission))
        });
        return Err(Refusal::new(
            Event::ExecuteDenied,
            Outcome::Denied,
            Error::Denied(format!("{id} ({}) was denied when planned: {why}", row.action)),
        ));
    }
    let action = session.catalog().require(&row.action)?;
    let payload =
        stored_payload(row).map_err(|error| Refusal::new(Event::ExecuteRefused, Outcome::Rejected, error))?;
    let params: serde_json::Value = serde_json::from_str(&row.params).map_err(|_| {
        Refusal::new(
            Event::ExecuteRefused,
            Outcome::Rejected,
            Error::Internal(format!("the stored params of {id} do not parse")),
        )
    })?;
    let step = Step::new(action, &params).target(payload.target()).stored(row.id);
    let verdict = match Guard::new(session).decide(&step, Stage::Execute).await {
        Ok(verdict) => verdict,
        Err(error @ Error::RateLimited(_)) => {
            return Err(Refusal::new(Event::ExecuteRateLimited, Outcome::Refused, error));
        }
        Err(error) => return Err(error.into()),
    };
    if !verdict.is_allowed() {
        let why = verdict.denial.unwrap_or_default();
        return Err(Refusal::new(
            Event::ExecuteDenied,
            Outcome::Denied,
            Error::Denied(format!("{id} ({}) may not run now: {why}; nothing was written", row.action)),
        ));
    }
    // A rule applied after the plan was made still holds: needing more than
    // the step was planned with means planning it again.
    let planned = row.requires;
    if verdict.requires > planned {
        let rules = verdict.rules.join("`, `");
        return Err(Refusal::new(
            Event::ExecuteBlocked,
            Outcome::Blocked,
            Error::NeedsConfirmation(format!(
                "{id} ({}) now needs {} (policy rule `{rules}`), it was planned needing {}: plan it again; nothing was written",
                row.action,
                verdict.requires.as_str(),
                planned.as_str()
            )),
        ));
    }
    let standing = if row.requires == Requires::Approval {
        let mut policy = ApprovalPolicy::load(session.store(), row).await?;
        policy.required = policy.required.max(i64::from(verdict.approvals));
        policy.second_factor |= verdict.second_factor;
        Some(
            tally(session.store(), row, &policy)
                .await
                .map_err(|error| Refusal::new(Event::ApprovalInvalid, Outcome::Rejected, error))?,
        )
    } else {
        None
    };
    Ok(Cleared {
        action,
        payload,
        standing,
        second_factor: row.second_factor || verdict.second_factor,
        holds: verdict.holds,
    })
}

/// The stored payload, refused when its text no longer matches its recorded hash.
fn stored_payload(row: &ActionRow) -> Result<Payload> {
    let id = ActionId(row.id);
    let value: serde_json::Value = serde_json::from_str(&row.payload).map_err(|_| {
        Error::TokenInvalid(format!("the stored payload of {id} does not parse: it was altered after review"))
    })?;
    let payload = Payload::from_value(&value)?;
    if payload.hash() != row.payload_hash {
        return Err(Error::TokenInvalid(format!(
            "the stored payload of {id} no longer matches its hash: it was altered after review"
        )));
    }
    Ok(payload)
}
