//! Running a claimed action: the claim is committed first (so a crash leaves
//! the action visibly `executing`), then the statements, the final status and
//! the audit entry commit together. An action still `executing` with no live
//! claimer therefore wrote nothing; `worker --recover` relies on that. On a
//! target that is another database, the write and its record cannot commit
//! together: see [`run_on_separate_target`] for how it stays exactly-once.

use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::executor::run_statements;
use crate::payload::{Payload, action_key, target_version_in};
use crate::plan::ActionId;
use crate::policy::{CapHold, hold_caps};
use crate::store::{ActionRow, Store};
use crate::target::{DbTx, Target};
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
    pub(super) fn entry(
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
    if let Payload::Http { .. } = payload {
        return super::run_http::run_http(store, row, payload, runner).await;
    }
    let target = store.target();
    if target.is_separate() {
        return run_on_separate_target(store, &target, row, payload, runner).await;
    }
    let now = now_micros();
    let mut tx = store.begin().await?;
    hold_claim(&mut tx, row, runner).await?;
    let mut office = DbTx::State(&mut tx);
    if let Some(stale) = stale(&mut office, row, payload).await? {
        drop(office);
        drop(tx);
        return refuse_stale(store, row, runner, stale).await;
    }
    drop(office);
    if let Err(error) = hold_caps(&mut tx, runner.holds, row.id).await {
        drop(tx);
        return refuse_over_cap(store, row, runner, error).await;
    }
    let mut office = DbTx::State(&mut tx);
    match run_statements(&mut office, payload, now, Some(row.id)).await {
        Ok(rows_affected) => {
            drop(office);
            record_success(&mut tx, row, runner, statements_result(runner, &rows_affected, None)).await?;
            tx.commit().await?;
            Ok(report(row, payload, runner, rows_affected))
        }
        Err(error) => {
            drop(office);
            drop(tx);
            record_failure(store, row, runner, error).await
        }
    }
}

/// A write on another database than the state's cannot commit with its audit
/// entry, so it goes in three steps, each durable before the next: the intent
/// (`action.executing`, keyed by the action id) commits in the state database;
/// the target's transaction runs the write together with the back office's own
/// activity-log row, which carries that key; then the outcome is recorded. A
/// process that dies between the second and third leaves the action
/// `executing`, and `--recover` settles it from the target's row: the write is
/// never run twice.
async fn run_on_separate_target(
    store: &Store,
    target: &Target,
    row: &ActionRow,
    payload: &Payload,
    runner: &Runner<'_>,
) -> Result<ExecutionReport> {
    let now = now_micros();
    let key = action_key(row.id);
    commit_intent(store, row, runner, &key, ("target", json!(target.shown()))).await?;

    let mut office = target.db().begin().await?;
    if let Some(stale) = stale(&mut office, row, payload).await? {
        office.rollback().await?;
        return refuse_stale(store, row, runner, stale).await;
    }
    let rows_affected = match run_statements(&mut office, payload, now, Some(row.id)).await {
        Ok(rows) => rows,
        Err(error) => {
            office.rollback().await?;
            return record_failure(store, row, runner, crate::target::refused_write(target, error)).await;
        }
    };
    if let Err(error) = office.commit().await {
        // The commit may or may not have happened: leave the action executing
        // for `--recover`, which asks the target.
        return Err(Error::Database(format!(
            "{id}: the target did not confirm its commit ({error}); whether it wrote is settled by \
             `opsgate execute --recover`, which looks for {key} in the back office's activity log",
            id = ActionId(row.id)
        )));
    }
    crate::failpoint::pause("after_target_commit");
    let mut tx = store.begin().await?;
    record_success(&mut tx, row, runner, statements_result(runner, &rows_affected, Some(&key))).await?;
    tx.commit().await?;
    Ok(report(row, payload, runner, rows_affected))
}

/// Commits the intent of a write whose outcome cannot commit with its record
/// (another database, an HTTP API): the claim and the policy caps are checked,
/// and `action.executing` with its idempotency key is durable before anything
/// is sent. A cap that no longer holds ends the action, recorded, as an error.
pub(super) async fn commit_intent(
    store: &Store,
    row: &ActionRow,
    runner: &Runner<'_>,
    key: &str,
    (field, value): (&str, serde_json::Value),
) -> Result<()> {
    let mut tx = store.begin().await?;
    hold_claim(&mut tx, row, runner).await?;
    if let Err(error) = hold_caps(&mut tx, runner.holds, row.id).await {
        drop(tx);
        return refuse_over_cap(store, row, runner, error).await.map(|_| ());
    }
    let mut about = json!({"action": row.action, "payload_hash": row.payload_hash, "idempotency_key": key});
    about[field] = value;
    tx.append_audit(&[runner.entry(Event::ActionExecuting, Outcome::Executing, row.id, about)]).await?;
    tx.commit().await
}

async fn hold_claim(tx: &mut crate::store::Tx, row: &ActionRow, runner: &Runner<'_>) -> Result<()> {
    if tx.hold_claim(row.id, runner.claimer).await? {
        return Ok(());
    }
    Err(Error::Conflict(format!(
        "{} is no longer claimed by {}; nothing was written",
        ActionId(row.id),
        runner.claimer
    )))
}

/// Why the plan is stale, when its target row changed since it was made.
async fn stale(office: &mut DbTx<'_>, row: &ActionRow, payload: &Payload) -> Result<Option<Error>> {
    let (Some(target), Some(planned)) = (payload.target(), &row.target_version) else { return Ok(None) };
    if target_version_in(office, target).await? == *planned {
        return Ok(None);
    }
    Ok(Some(Error::Conflict(format!(
        "{} changed since plan p{} was made; nothing was written, run `opsgate plan` again",
        target.label, row.plan_id
    ))))
}

pub(super) async fn refuse_stale(
    store: &Store,
    row: &ActionRow,
    runner: &Runner<'_>,
    error: Error,
) -> Result<ExecutionReport> {
    let payload = json!({"action": row.action, "reason": error.to_string()});
    finish(store, row, runner, Outcome::Expired, Event::ActionStale, payload).await?;
    Err(error)
}

async fn refuse_over_cap(
    store: &Store,
    row: &ActionRow,
    runner: &Runner<'_>,
    error: Error,
) -> Result<ExecutionReport> {
    if let Error::Denied(reason) = &error {
        let payload = json!({"action": row.action, "reason": reason});
        finish(store, row, runner, Outcome::Denied, Event::ExecuteDenied, payload).await?;
    }
    Err(error)
}

pub(super) async fn record_failure(
    store: &Store,
    row: &ActionRow,
    runner: &Runner<'_>,
    error: Error,
) -> Result<ExecutionReport> {
    let payload = json!({"action": row.action, "error": error.to_string()});
    finish(store, row, runner, Outcome::Failed, Event::ActionFailed, payload).await?;
    Err(error)
}

/// What a run of SQL statements records as its result.
fn statements_result(runner: &Runner<'_>, rows_affected: &[u64], key: Option<&str>) -> serde_json::Value {
    let mut result = json!({"rows_affected": rows_affected, "confirmed_by": runner.confirmed_by});
    if let Some(key) = key {
        result["idempotency_key"] = json!(key);
    }
    result
}

/// Marks the action succeeded with `result`, and its audit entry, in `tx`.
pub(super) async fn record_success(
    tx: &mut crate::store::Tx,
    row: &ActionRow,
    runner: &Runner<'_>,
    result: serde_json::Value,
) -> Result<()> {
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
    Ok(())
}

fn report(
    row: &ActionRow,
    payload: &Payload,
    runner: &Runner<'_>,
    rows_affected: Vec<u64>,
) -> ExecutionReport {
    ExecutionReport {
        action_id: ActionId(row.id),
        action: row.action.clone(),
        status: "succeeded".into(),
        summary: payload.summary().to_owned(),
        rows_affected,
        confirmed_by: runner.confirmed_by,
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
