//! Running a claimed action: the claim is committed first (so a crash leaves
//! the action visibly `executing`), then the statements, the final status and
//! the audit entry commit together. An action still `executing` with no live
//! claimer therefore wrote nothing; `worker --recover` relies on that.

use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::executor::run_statements;
use crate::payload::{Payload, target_version_in};
use crate::plan::ActionId;
use crate::policy::{CapHold, hold_caps};
use crate::store::{ActionRow, Store};
use crate::time::now_micros;

use super::ExecutionReport;

/// Who runs a claimed action, for its audit entries.
pub struct Runner<'a> {
    pub actor: Actor,
    /// On whose behalf (the requester's e-mail).
    pub subject: &'a str,
    /// The claim this runner holds (`who@host:pid`).
    pub claimer: &'a str,
    /// How the action was confirmed: `token`, `terminal`, `approval`.
    pub confirmed_by: &'static str,
    /// Policy caps checked again inside the transaction that runs the action.
    pub holds: &'a [CapHold],
}

impl Runner<'_> {
    fn entry(
        &self,
        event: Event,
        status: Outcome,
        action_id: i64,
        payload: serde_json::Value,
    ) -> NewAuditEntry {
        NewAuditEntry::new(self.actor.clone(), event, status)
            .subject(self.subject)
            .action(action_id)
            .payload(payload)
    }
}

/// Runs `row` (already claimed by `runner.claimer`) exactly once.
pub async fn run_claimed(
    store: &Store,
    row: &ActionRow,
    payload: &Payload,
    runner: &Runner<'_>,
) -> Result<ExecutionReport> {
    let id = ActionId(row.id);
    let now = now_micros();
    let mut tx = store.begin().await?;
    if !tx.hold_claim(row.id, runner.claimer).await? {
        return Err(Error::Conflict(format!(
            "{id} is no longer claimed by {}; nothing was written",
            runner.claimer
        )));
    }
    if let (Some(target), Some(planned)) = (payload.target(), &row.target_version)
        && target_version_in(&mut tx, target).await? != *planned
    {
        drop(tx);
        let error = Error::Conflict(format!(
            "{} changed since plan p{} was made; nothing was written, run `opsgate plan` again",
            target.label, row.plan_id
        ));
        finish(
            store,
            row,
            runner,
            Outcome::Expired,
            Event::ActionStale,
            json!({"action": row.action, "reason": error.to_string()}),
        )
        .await?;
        return Err(error);
    }
    if let Err(error) = hold_caps(&mut tx, runner.holds, row.id).await {
        drop(tx);
        if let Error::Denied(reason) = &error {
            let payload = json!({"action": row.action, "reason": reason});
            finish(store, row, runner, Outcome::Denied, Event::ExecuteDenied, payload).await?;
        }
        return Err(error);
    }
    match run_statements(&mut tx, payload, now).await {
        Ok(rows_affected) => {
            let result = json!({"rows_affected": rows_affected, "confirmed_by": runner.confirmed_by});
            tx.finish_action(row.id, "succeeded", Some(&result.to_string()), None).await?;
            tx.append_audit(&[runner
                .entry(
                    Event::ActionExecuted,
                    Outcome::Succeeded,
                    row.id,
                    json!({"action": row.action, "payload_hash": row.payload_hash, "confirmed_by": runner.confirmed_by, "claimed_by": runner.claimer}),
                )
                .result(result)])
                .await?;
            tx.commit().await?;
            Ok(ExecutionReport {
                action_id: id,
                action: row.action.clone(),
                status: "succeeded".into(),
                summary: payload.summary().to_owned(),
                rows_affected,
                confirmed_by: runner.confirmed_by,
            })
        }
        Err(error) => {
            drop(tx);
            finish(
                store,
                row,
                runner,
                Outcome::Failed,
                Event::ActionFailed,
                json!({"action": row.action, "error": error.to_string()}),
            )
            .await?;
            Err(error)
        }
    }
}

/// Ends a claimed action without running it (or after it failed), with its audit entry.
pub async fn finish(
    store: &Store,
    row: &ActionRow,
    runner: &Runner<'_>,
    status: Outcome,
    event: Event,
    payload: serde_json::Value,
) -> Result<()> {
    let error =
        payload.get("reason").or_else(|| payload.get("error")).and_then(|v| v.as_str()).map(str::to_owned);
    let mut tx = store.begin().await?;
    if !tx.finish_claimed(row.id, runner.claimer, status.as_str(), error.as_deref()).await? {
        // Someone else resolved the claim meanwhile (e.g. `worker --recover`): record, do not overwrite.
        drop(tx);
        let lost = json!({"action": row.action, "outcome": status.as_str(), "claim_lost": runner.claimer});
        return store
            .append_audit(&[runner.entry(Event::ActionClaimLost, Outcome::Refused, row.id, lost)])
            .await
            .map(|_| ());
    }
    tx.append_audit(&[runner.entry(event, status, row.id, payload)]).await?;
    tx.commit().await
}

/// The name a claim is recorded under: `who@host:pid`. `worker --recover`
/// parses it back to tell whether the claiming process is still alive.
pub fn claimer_name(who: &str) -> String {
    format!("{who}@{}:{}", host_name(), std::process::id())
}

/// This machine's name, as claims record it.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "localhost".into())
}
