//! `execute`: one stored action, after its checks and its confirmation (a token,
//! a terminal answer, or other people's signed approvals plus a second factor),
//! run exactly once, or queued for `opsgate worker`.

use serde::Serialize;
use serde_json::json;

use super::run::{Runner, claimer_name, run_claimed};
use crate::approval::{ApprovalPolicy, tally};
use crate::audit::Actor;
use crate::audit::NewAuditEntry;
use crate::catalog::Catalog;
use crate::confirm::{TOKEN_SECRET, parse, verify_mac};
use crate::error::{Error, Result};
use crate::executor::{DryRunReport, dry_run};
use crate::guard::decide;
use crate::identity::StaffMember;
use crate::payload::Payload;
use crate::plan::{ActionId, Decision};
use crate::second_factor::SecondFactor;
use crate::store::{ActionRow, Store};
use crate::time::now_micros;

/// How the person confirms.
pub enum Confirmation<'a> {
    /// A token printed by `plan`.
    Token(&'a str),
    /// Ask on the terminal; the callback shows the review and returns the answer.
    Terminal(&'a mut dyn FnMut(&Review) -> Result<bool>),
    /// Nobody to ask and no token: refused.
    Missing,
}

/// What a person is shown before confirming.
pub struct Review {
    pub action_id: ActionId,
    pub action: String,
    pub summary: String,
    pub payload: Payload,
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
    /// `token`, `terminal` or `approval`.
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

/// Runs (or queues) one stored action for `person`. Every refusal is audited before it is returned.
pub async fn execute_action(
    store: &Store,
    catalog: &Catalog,
    person: &StaffMember,
    row: &ActionRow,
    request: ExecuteRequest<'_, '_>,
) -> Result<ExecutionReport> {
    let ExecuteRequest { confirmation, second_factor, queue } = request;
    let id = ActionId(row.id);
    let refuse = |event: &str, status: &str, error: Error| {
        let entry = NewAuditEntry::by_person(
            person,
            event,
            status,
            json!({"action": row.action, "reason": error.to_string()}),
        )
        .action(row.id);
        (entry, error)
    };
    macro_rules! refused {
        ($event:expr, $status:expr, $error:expr) => {{
            let (entry, error) = refuse($event, $status, $error);
            store.append_audit(&[entry]).await?;
            return Err(error);
        }};
    }

    // A presented token is checked first: a replayed or forged token is a token error
    // whatever state the action is in.
    let token = match &confirmation {
        Confirmation::Token(text) => match check_token(store, person, row, text).await {
            Ok(nonce) => Some(nonce),
            Err(error) => refused!("token.rejected", "rejected", error),
        },
        _ => None,
    };

    if row.decision == Decision::Denied.as_str() {
        let missing = row.missing_permission.clone().unwrap_or_else(|| row.permission.clone());
        refused!(
            "execute.denied",
            "denied",
            Error::Denied(format!("{id} ({}) was denied: {} lacks `{missing}`", row.action, person.email))
        );
    }
    let approved = match row.status.as_str() {
        "pending_confirmation" if queue => {
            return Err(Error::Usage(format!(
                "only approved actions are queued for the worker; {id} ({}) needs your confirmation instead",
                row.action
            )));
        }
        "pending_confirmation" => false,
        "approved" => true,
        "pending_approval" => {
            let policy = ApprovalPolicy::load(store, row).await?;
            let standing = match tally(store, row, &policy).await {
                Ok(standing) => standing.summary(),
                Err(error) => refused!("approval.invalid", "rejected", error),
            };
            refused!(
                "execute.blocked",
                "blocked",
                Error::NeedsConfirmation(format!(
                    "{id} ({}) needs approval by a second person ({standing}): ask an approver to run `opsgate approve {id}`; nothing was written",
                    row.action
                ))
            )
        }
        "suggested" => {
            return Err(Error::Usage(format!(
                "{id} ({}) only reads; `opsgate ask` answers reads",
                row.action
            )));
        }
        other => refused!(
            "execute.refused",
            "refused",
            Error::Conflict(format!("{id} is already {other}; nothing was done"))
        ),
    };
    if row.requested_by != person.id {
        refused!(
            "execute.denied",
            "denied",
            Error::Denied(format!("{id} was planned by {}; only they can execute it", row.requester_email))
        );
    }
    let action = catalog.require(&row.action)?;
    if let Some(missing) = decide(person, action).missing_permission {
        refused!(
            "execute.denied",
            "denied",
            Error::Denied(format!("{} lacks `{missing}` (since the plan was made)", person.email))
        );
    }
    let payload_value: serde_json::Value = serde_json::from_str(&row.payload)
        .map_err(|e| Error::Internal(format!("stored payload of {id} does not parse: {e}")))?;
    let payload = Payload::from_value(&payload_value)?;
    if payload.hash() != row.payload_hash {
        refused!(
            "execute.refused",
            "rejected",
            Error::TokenInvalid(format!(
                "the stored payload of {id} no longer matches its hash: it was altered after review"
            ))
        );
    }
    if approved {
        let policy = ApprovalPolicy::load(store, row).await?;
        let standing = match tally(store, row, &policy).await {
            Ok(standing) => standing,
            Err(error) => refused!("approval.invalid", "rejected", error),
        };
        if !standing.is_enough() {
            // Back to waiting, so that approvers can sign again.
            let error = Error::NeedsConfirmation(format!(
                "{id} ({}) no longer has enough approvals: {}; it waits for approval again (`opsgate approve {id}`); nothing was written",
                row.action,
                standing.summary()
            ));
            let (entry, error) = refuse("approval.insufficient", "blocked", error);
            let mut tx = store.begin().await?;
            tx.transition_action(row.id, "approved", "pending_approval").await?;
            tx.append_audit(&[entry]).await?;
            tx.commit().await?;
            return Err(error);
        }
    }

    let confirmed_by = match confirmation {
        Confirmation::Token(_) => "token",
        Confirmation::Terminal(ask) => {
            let impact = dry_run(store, &payload).await?;
            let type_to_confirm = (action.risk == crate::catalog::Risk::Destructive)
                .then(|| payload.target().map(|t| t.key.clone()))
                .flatten();
            let review = Review {
                action_id: id,
                action: row.action.clone(),
                summary: payload.summary().to_owned(),
                payload: payload.clone(),
                impact,
                type_to_confirm,
            };
            if !ask(&review)? {
                refused!(
                    "execute.declined",
                    "declined",
                    Error::NeedsConfirmation(format!("{id} was not confirmed; nothing was written"))
                );
            }
            if approved { "approval" } else { "terminal" }
        }
        // The signed approvals of another person are this action's confirmation.
        Confirmation::Missing if approved => "approval",
        Confirmation::Missing => refused!(
            "execute.blocked",
            "blocked",
            Error::NeedsConfirmation(format!(
                "{id} needs confirmation: run it on a terminal, or pass the --token printed by `opsgate plan`; nothing was written"
            ))
        ),
    };
    if row.second_factor {
        second_factor
            .ensure(store, person, &format!("executing {id} ({})", row.action), Some(row.id))
            .await?;
    }

    if queue {
        let mut tx = store.begin().await?;
        if !tx.queue_action(row.id, person.id).await? {
            drop(tx);
            refused!(
                "execute.refused",
                "refused",
                Error::Conflict(format!("{id} is already queued or no longer approved; nothing was done"))
            );
        }
        tx.append_audit(&[NewAuditEntry::by_person(
            person,
            "action.queued",
            "queued",
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
            "execute.refused",
            "refused",
            Error::Conflict(format!("{id} is already being executed or done; nothing was done"))
        );
    }
    if let Some(nonce) = &token
        && !tx.consume_token(nonce).await?
    {
        drop(tx);
        refused!(
            "token.rejected",
            "rejected",
            Error::TokenInvalid("the confirmation token was already used".into())
        );
    }
    tx.commit().await?;
    let runner = Runner {
        actor: Actor::person(&person.email),
        subject: &person.email,
        claimer: &claimer,
        confirmed_by,
    };
    run_claimed(store, row, &payload, &runner).await
}

/// Checks a presented token against the action; returns its nonce to consume.
async fn check_token(store: &Store, person: &StaffMember, row: &ActionRow, text: &str) -> Result<String> {
    let token = parse(text)?;
    if token.action_id != row.id {
        return Err(Error::TokenInvalid(format!(
            "this token is for action a{}, not a{}",
            token.action_id, row.id
        )));
    }
    let stored = store
        .token(&token.nonce)
        .await?
        .ok_or_else(|| Error::TokenInvalid("this token was never issued by this database".into()))?;
    if stored.staff_id != person.id || stored.action_id != row.id {
        return Err(Error::TokenInvalid(format!(
            "this token was issued to someone else, not {}",
            person.email
        )));
    }
    let key = store.instance_secret(TOKEN_SECRET).await?;
    if !verify_mac(&key, &token, &row.payload_hash, person.id)? || stored.payload_hash != row.payload_hash {
        return Err(Error::TokenInvalid(
            "the payload changed since this token was issued (or the token was edited); run `opsgate plan` again".into(),
        ));
    }
    // A payload whose stored text no longer matches its recorded hash was altered behind our back.
    let payload_value: serde_json::Value = serde_json::from_str(&row.payload).unwrap_or_default();
    if crate::canonical::hash_value(&payload_value) != row.payload_hash {
        return Err(Error::TokenInvalid(
            "the stored payload changed since this token was issued; run `opsgate plan` again".into(),
        ));
    }
    if stored.used_at.is_some() {
        return Err(Error::TokenInvalid("the confirmation token was already used".into()));
    }
    let now = now_micros();
    if token.expires_at <= now {
        let minutes = (now - token.expires_at).num_minutes();
        let ago = if minutes < 1 { "less than a minute".to_owned() } else { format!("{minutes} minutes") };
        return Err(Error::TokenInvalid(format!(
            "the confirmation token expired {ago} ago; run `opsgate plan` again"
        )));
    }
    Ok(token.nonce)
}
