//! `execute`: one stored action, after its checks and its confirmation (a token,
//! a terminal answer, or other people's signed approvals plus a second factor),
//! run exactly once, or queued for `opsgate worker`.

use serde::Serialize;
use serde_json::json;

use super::preflight::{Cleared, Refusal, preflight};
use super::run::{Runner, claimer_name, run_claimed};
use crate::audit::{Event, Outcome};
use crate::catalog::{ActionSpec, Risk};
use crate::confirm::check_presented;
use crate::error::{Error, Result};
use crate::executor::{DryRunReport, dry_run};
use crate::payload::Payload;
use crate::plan::{ActionId, ActionStatus, Decision};
use crate::second_factor::SecondFactor;
use crate::session::Session;
use crate::store::ActionRow;

/// Audits a refusal of `row` in `session` and returns its error from the enclosing function.
macro_rules! refuse {
    ($session:expr, $row:expr, $event:expr, $status:expr, $error:expr) => {{
        let about = json!({"action": $row.action});
        return Err($session.refuse($event, $status, Some($row.id), about, $error).await);
    }};
}

/// How the person confirms.
pub enum Confirmation<'a> {
    /// A token printed by `plan`.
    Token(&'a str),
    /// Ask on the terminal; the callback shows the review and returns the answer.
    Terminal(&'a mut (dyn FnMut(&Review) -> Result<bool> + Send)),
    /// The person answered in their MCP client's form (`opsgate mcp
    /// --allow-elicited-confirm`); the callback checks that answer against the review.
    Elicited(&'a mut (dyn FnMut(&Review) -> Result<bool> + Send)),
    /// Nobody to ask and no token: refused.
    Missing,
}

/// What a person is shown before confirming.
pub struct Review {
    pub action_id: ActionId,
    pub action: String,
    pub summary: String,
    pub payload: Payload,
    pub payload_hash: String,
    pub impact: DryRunReport,
    /// For destructive actions: what the person must type.
    pub type_to_confirm: Option<String>,
}

/// The outcome of a successful execution.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutionReport {
    pub action_id: ActionId,
    pub action: String,
    pub status: String,
    pub summary: String,
    pub rows_affected: Vec<u64>,
    /// `token`, `terminal`, `elicitation` or `approval`.
    pub confirmed_by: &'static str,
}

/// What the person brings to `execute`.
pub struct ExecuteRequest<'a, 'b> {
    pub confirmation: Confirmation<'a>,
    /// The second factor, for actions that need one.
    pub second_factor: &'a mut SecondFactor<'b>,
    /// Queue an approved action for `opsgate worker` instead of running it here.
    pub queue: bool,
}

/// What passed every check before the confirmation.
struct Ready {
    approved: bool,
    cleared: Cleared,
}

/// The checks before an action's confirmation: its state, its requester, the
/// guard and its approvals. Every refusal is audited.
async fn clear(session: &Session, row: &ActionRow, queue: bool) -> Result<Ready> {
    let store = session.store();
    let person = session.person()?;
    let id = ActionId(row.id);
    macro_rules! refused {
        ($event:expr, $status:expr, $error:expr) => {
            refuse!(session, row, $event, $status, $error)
        };
    }
    let approved = match Some(row.status) {
        _ if row.decision == Decision::Denied => false,
        Some(ActionStatus::PendingConfirmation) if queue => {
            return Err(Error::Usage(format!(
                "only approved actions are queued for the worker; {id} ({}) needs your confirmation instead",
                row.action
            )));
        }
        Some(ActionStatus::PendingConfirmation) => false,
        Some(ActionStatus::Approved) => true,
        Some(ActionStatus::PendingApproval) => {
            let standing = match preflight(session, row).await {
                Ok(Cleared { standing: Some(standing), .. }) => standing.summary(),
                Ok(_) => String::new(),
                Err(Refusal { event, status, error }) => refused!(event, status, error),
            };
            refused!(
                Event::ExecuteBlocked,
                Outcome::Blocked,
                Error::NeedsConfirmation(format!(
                    "{id} ({}) needs approval by a second person ({standing}): ask an approver to run `opsgate approve {id}`; nothing was written",
                    row.action
                ))
            )
        }
        Some(ActionStatus::Suggested) => {
            return Err(Error::Usage(format!(
                "{id} ({}) only reads; `opsgate ask` answers reads",
                row.action
            )));
        }
        _ => refused!(
            Event::ExecuteRefused,
            Outcome::Refused,
            Error::Conflict(format!("{id} is already {}; nothing was done", row.status))
        ),
    };
    if row.requested_by != person.id {
        refused!(
            Event::ExecuteDenied,
            Outcome::Denied,
            Error::Denied(format!("{id} was planned by {}; only they can execute it", row.requester_email))
        );
    }
    let cleared = match preflight(session, row).await {
        Ok(cleared) => cleared,
        Err(Refusal { event, status, error }) => refused!(event, status, error),
    };
    if approved && let Some(standing) = cleared.standing.as_ref().filter(|standing| !standing.is_enough()) {
        // Back to waiting, so that approvers can sign again.
        let error = Error::NeedsConfirmation(format!(
            "{id} ({}) no longer has enough approvals: {}; it waits for approval again (`opsgate approve {id}`); nothing was written",
            row.action,
            standing.summary()
        ));
        let mut payload = json!({"action": row.action});
        payload["reason"] = json!(error.to_string());
        let mut tx = store.begin().await?;
        tx.transition_action(row.id, "approved", "pending_approval").await?;
        tx.append_audit(&[session
            .entry(Event::ApprovalInsufficient, Outcome::Blocked, payload)
            .action(row.id)])
            .await?;
        tx.commit().await?;
        return Err(error);
    }

    Ok(Ready { approved, cleared })
}

/// What `execute` would show a person before they confirm `row`, through the
/// same checks (a team-mode client shows it on its own terminal).
pub async fn review_execution(session: &Session, row: &ActionRow) -> Result<(Review, bool)> {
    let Ready { cleared, .. } = clear(session, row, false).await?;
    let review = review(session, row, cleared.action, &cleared.payload).await?;
    Ok((review, cleared.second_factor))
}

/// The review of a cleared action: its payload and what it would change now.
async fn review(
    session: &Session,
    row: &ActionRow,
    action: &ActionSpec,
    payload: &Payload,
) -> Result<Review> {
    let id = ActionId(row.id);
    let impact = dry_run(session.store(), payload).await?;
    if let Some(failure) = &impact.would_fail {
        return Err(session
            .refuse(
                Event::ExecuteRefused,
                Outcome::Refused,
                Some(row.id),
                json!({"action": row.action}),
                Error::Conflict(format!("{id} would fail now: {failure}")),
            )
            .await);
    }
    let type_to_confirm = (action.risk == Risk::Destructive).then(|| payload.confirm_word()).flatten();
    Ok(Review {
        action_id: id,
        action: row.action.clone(),
        summary: payload.summary().to_owned(),
        payload: payload.clone(),
        payload_hash: row.payload_hash.clone(),
        impact,
        type_to_confirm,
    })
}

/// Runs (or queues) one stored action in `session`. Every refusal is audited before it is returned.
pub async fn execute_action(
    session: &Session,
    row: &ActionRow,
    request: ExecuteRequest<'_, '_>,
) -> Result<ExecutionReport> {
    let ExecuteRequest { confirmation, second_factor, queue } = request;
    let store = session.store();
    let person = session.person()?;
    let id = ActionId(row.id);
    macro_rules! refused {
        ($event:expr, $status:expr, $error:expr) => {
            refuse!(session, row, $event, $status, $error)
        };
    }

    // A presented token is checked first: a replayed or forged token is a token error
    // whatever state the action is in.
    let token = match &confirmation {
        Confirmation::Token(text) => match check_presented(store, person, row, text, session.now()).await {
            Ok(nonce) => Some(nonce),
            Err(error) => refused!(Event::TokenRejected, Outcome::Rejected, error),
        },
        _ => None,
    };

    let elicited = matches!(confirmation, Confirmation::Elicited(_));
    let Ready { approved, cleared } = clear(session, row, queue).await?;
    let Cleared { action, payload, second_factor: needs_second_factor, holds, .. } = cleared;
    let confirmed_by = match confirmation {
        Confirmation::Token(_) => "token",
        Confirmation::Terminal(ask) | Confirmation::Elicited(ask) => {
            let review = review(session, row, action, &payload).await?;
            if !ask(&review)? {
                refused!(
                    Event::ExecuteDeclined,
                    Outcome::Declined,
                    Error::NeedsConfirmation(format!("{id} was not confirmed; nothing was written"))
                );
            }
            match (approved, elicited) {
                (true, _) => "approval",
                (false, true) => "elicitation",
                (false, false) => "terminal",
            }
        }
        // The signed approvals of another person are this action's confirmation.
        Confirmation::Missing if approved => "approval",
        Confirmation::Missing => refused!(
            Event::ExecuteBlocked,
            Outcome::Blocked,
            Error::NeedsConfirmation(format!(
                "{id} needs confirmation: run it on a terminal, or pass the --token printed by `opsgate plan`; nothing was written"
            ))
        ),
    };
    if needs_second_factor {
        second_factor
            .ensure(store, person, &format!("executing {id} ({})", row.action), Some(row.id))
            .await?;
    }

    if queue {
        let mut tx = store.begin().await?;
        if !tx.queue_action(row.id, person.id).await? {
            drop(tx);
            refused!(
                Event::ExecuteRefused,
                Outcome::Refused,
                Error::Conflict(format!("{id} is already queued or no longer approved; nothing was done"))
            );
        }
        tx.append_audit(&[session
            .entry(
                Event::ActionQueued,
                Outcome::Queued,
                json!({"action": row.action, "payload_hash": row.payload_hash}),
            )
            .action(row.id)])
            .await?;
        tx.commit().await?;
        return Ok(ExecutionReport {
            action_id: id,
            action: row.action.clone(),
            status: "queued".into(),
            summary: payload.summary().to_owned(),
            rows_affected: Vec::new(),
            confirmed_by,
        });
    }

    let claimer = claimer_name(&person.email);
    let mut tx = store.begin().await?;
    if !tx.claim_action(row.id, &[row.status.as_str()], &claimer).await? {
        drop(tx);
        refused!(
            Event::ExecuteRefused,
            Outcome::Refused,
            Error::Conflict(format!("{id} is already being executed or done; nothing was done"))
        );
    }
    if let Some(nonce) = &token
        && !tx.consume_token(nonce).await?
    {
        drop(tx);
        refused!(
            Event::TokenRejected,
            Outcome::Rejected,
            Error::TokenInvalid("the confirmation token was already used".into())
        );
    }
    tx.commit().await?;
    let runner = Runner {
        actor: session.actor(),
        subject: &person.email,
        claimer: &claimer,
        confirmed_by,
        holds: &holds,
    };
    run_claimed(store, row, &payload, &runner).await
}
