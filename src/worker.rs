//! The background worker: claims queued approved actions one at a time and
//! runs each exactly once. On PostgreSQL workers on many machines share the
//! queue (`FOR UPDATE SKIP LOCKED`); on SQLite the write lock serializes claims.
//! Approvals are verified again at run time: a key revoked or an approval
//! expired while the action waited in the queue stops it.

use std::future::Future;
use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use crate::agents::Agent;
use crate::audit::{Actor, ActorKind, Event, NewAuditEntry, Outcome};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::payload::Payload;
use crate::pipeline::{Cleared, Refusal, Runner, claimer_name, finish, host_name, preflight, run_claimed};
use crate::plan::{ActionId, ActionStatus};
use crate::session::{Constraints, Mode, Session, Surface, Who, lookup_person};
use crate::store::{ActionRow, ClaimRow, Store};
use crate::time::now_micros;

/// How a worker runs.
#[derive(Debug, Clone, Copy)]
pub struct WorkerOptions {
    /// Actions run at the same time.
    pub concurrency: usize,
    /// Time between polls of an empty queue.
    pub poll: Duration,
    /// Stop when the queue is empty instead of polling.
    pub once: bool,
}

/// What happened to one claimed action.
#[derive(Debug, Clone, Serialize)]
pub struct WorkOutcome {
    pub action_id: ActionId,
    pub action: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What a worker did before it stopped.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerReport {
    pub worker: String,
    pub succeeded: usize,
    pub failed: usize,
    pub outcomes: Vec<WorkOutcome>,
}

/// Runs queued actions until the queue is empty (`once`) or `stop` resolves;
/// actions already claimed are finished before returning.
pub async fn run_worker(
    store: &Store,
    catalog: &'static Catalog,
    options: WorkerOptions,
    stop: impl Future<Output = ()>,
) -> Result<WorkerReport> {
    let name = claimer_name("worker");
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut lanes = tokio::task::JoinSet::new();
    for lane in 0..options.concurrency.max(1) {
        let store = store.clone();
        let claimer = format!("{name}/{lane}");
        let stop = stop_rx.clone();
        lanes.spawn(async move { run_lane(&store, catalog, &claimer, options, stop).await });
    }
    let mut stop = std::pin::pin!(stop);
    let mut outcomes = Vec::new();
    let mut first_error = None;
    loop {
        tokio::select! {
            joined = lanes.join_next() => match joined {
                Some(Ok(Ok(mut done))) => outcomes.append(&mut done),
                Some(Ok(Err(error))) => { first_error.get_or_insert(error); let _ = stop_tx.send(true); }
                Some(Err(panic)) => { first_error.get_or_insert(Error::Internal(format!("a worker lane stopped: {panic}"))); let _ = stop_tx.send(true); }
                None => break,
            },
            () = &mut stop, if !*stop_tx.borrow() => { let _ = stop_tx.send(true); }
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    outcomes.sort_by_key(|o| o.action_id.0);
    Ok(WorkerReport {
        worker: name,
        succeeded: outcomes.iter().filter(|o| o.status == "succeeded").count(),
        failed: outcomes.iter().filter(|o| o.status != "succeeded").count(),
        outcomes,
    })
}

async fn run_lane(
    store: &Store,
    catalog: &'static Catalog,
    claimer: &str,
    options: WorkerOptions,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Result<Vec<WorkOutcome>> {
    let mut outcomes = Vec::new();
    while !*stop.borrow() {
        let mut tx = store.begin().await?;
        let claimed = tx.claim_next_queued(claimer).await?;
        tx.commit().await?;
        match claimed {
            Some(id) => outcomes.push(run_one(store, catalog, id, claimer).await?),
            None if options.once => break,
            None => {
                tokio::select! {
                    () = tokio::time::sleep(options.poll) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }
    Ok(outcomes)
}

/// The requester's session for a queued action: the guard decides for them
/// (and for the agent that proposed it), now, as the worker runs it.
async fn requester_session(store: &Store, catalog: &'static Catalog, row: &ActionRow) -> Result<Session> {
    let person = lookup_person(store, &row.requester_email).await?;
    let who = match &row.agent {
        Some(name) => Who::Agent { agent: Agent::load(store, name).await?, subject: person },
        None => Who::Person(person),
    };
    Ok(Session::new(store.clone(), catalog, who, Surface::Worker)
        .with_constraints(Constraints::mode(Mode::Execute)))
}

/// Runs one claimed action; refusals end the action (audited) rather than the worker.
async fn run_one(store: &Store, catalog: &'static Catalog, id: i64, claimer: &str) -> Result<WorkOutcome> {
    let row =
        store.load_action(id).await?.ok_or_else(|| Error::Internal(format!("claimed a{id} vanished")))?;
    let runner = Runner {
        actor: Actor { kind: ActorKind::System, id: claimer.to_owned() },
        subject: &row.requester_email,
        claimer,
        confirmed_by: "approval",
        holds: &[],
    };
    let outcome = |status: &str, error: Option<String>| WorkOutcome {
        action_id: ActionId(id),
        action: row.action.clone(),
        status: status.to_owned(),
        error,
    };
    match checked_payload(store, catalog, &row).await {
        Ok((payload, holds)) => {
            match run_claimed(store, &row, &payload, &Runner { holds: &holds, ..runner }).await {
                Ok(report) => Ok(outcome(&report.status, None)),
                // run_claimed recorded the failure; infrastructure errors stop the worker.
                Err(Error::Database(message)) => Err(Error::Database(message)),
                Err(error) => {
                    let status = store.load_action(id).await?.map_or(ActionStatus::Failed, |r| r.status);
                    Ok(outcome(status.as_str(), Some(error.to_string())))
                }
            }
        }
        Err(Refusal { event, status, error }) => {
            finish(
                store,
                &row,
                &runner,
                status,
                event,
                json!({"action": row.action, "reason": error.to_string()}),
            )
            .await?;
            Ok(outcome(status.as_str(), Some(error.to_string())))
        }
    }
}

/// Everything `execute` checked, checked again now that the action is about to run.
async fn checked_payload(
    store: &Store,
    catalog: &'static Catalog,
    row: &ActionRow,
) -> std::result::Result<(Payload, Vec<crate::policy::CapHold>), Refusal> {
    let session = match requester_session(store, catalog, row).await {
        Ok(session) => session,
        Err(error @ (Error::Denied(_) | Error::NotFound(_))) => {
            let error = Error::Denied(format!("{}; nothing was written", error));
            return Err(Refusal { event: Event::ExecuteDenied, status: Outcome::Failed, error });
        }
        Err(error) => return Err(error.into()),
    };
    let Cleared { payload, standing, holds, .. } =
        preflight(&session, row).await.map_err(|mut refusal| {
            if refusal.status != Outcome::Failed {
                refusal.status = Outcome::Failed;
            }
            refusal
        })?;
    if let Some(standing) = standing.filter(|standing| !standing.is_enough()) {
        let error = Error::NeedsConfirmation(format!(
            "a{} no longer has enough approvals: {}; nothing was written",
            row.id,
            standing.summary()
        ));
        // Back to waiting for approval; still queued, so it runs once approved again.
        return Err(Refusal { event: Event::ApprovalInsufficient, status: Outcome::PendingApproval, error });
    }
    Ok((payload, holds))
}

/// One stale claim and how it was resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Recovered {
    pub action_id: ActionId,
    pub action: String,
    pub claimed_by: String,
    /// Whether the audit log shows the action's transaction committed.
    pub committed: bool,
    /// The status the action was given.
    pub status: String,
}

/// What `worker --recover` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RecoveryReport {
    pub recovered: Vec<Recovered>,
    /// Claims that look alive (their process runs, or they are younger than the cutoff).
    pub still_running: Vec<ActionId>,
    /// Pack requests whose outcome is still unknown: a person settles them.
    pub unknown: Vec<ActionId>,
}

/// How old a claim from another machine must be before recovery settles it.
pub const DEFAULT_STALE_AFTER: Duration = Duration::from_secs(600);

/// Resolves claims left by runners that died. A claim is dead when its process
/// on this machine is gone, or when it is older than `stale_after` (claims
/// from other machines). An action's writes, status and audit entry commit
/// together, so a dead claim whose action is still `executing` wrote nothing:
/// approved actions go back to the queue, others are marked failed. On a
/// target that is another database, the write commits before its record, so
/// the target's activity log is asked too: a write found there succeeded.
pub async fn recover(store: &Store, stale_after: Duration) -> Result<RecoveryReport> {
    let mut report = RecoveryReport::default();
    let mut tx = store.begin().await?;
    let claims = tx.unheld_claims().await?;
    let this_host = host_name();
    let mut entries = Vec::new();
    for claim in claims {
        let claimed_by = claim.claimed_by.clone().unwrap_or_default();
        if !claim_is_dead(&claim, &this_host, stale_after) {
            report.still_running.push(ActionId(claim.id));
            continue;
        }
        let target = store.target();
        // On another database the write may have committed without its record:
        // the back office's activity log says whether it did.
        let committed = tx.execution_recorded(claim.id).await?
            || (target.is_separate() && target.wrote(claim.id).await?);
        let (status, error) = match (committed, claim.requires.as_str()) {
            (true, _) => (Outcome::Succeeded, None),
            (false, "approval") => (Outcome::Approved, None),
            (false, _) => {
                (Outcome::Failed, Some("interrupted before it committed; nothing was written: plan it again"))
            }
        };
        if !tx.release_claim(claim.id, &claimed_by, status.as_str(), error).await? {
            continue;
        }
        entries.push(
            NewAuditEntry::new(Actor::system(), Event::ActionRecovered, status)
                .subject(&claim.requester_email)
                .action(claim.id)
                .payload(
                    json!({"action": claim.action, "claimed_by": claimed_by, "claimed_at": claim.claimed_at}),
                )
                .result(json!({"committed": committed, "status": status})),
        );
        report.recovered.push(Recovered {
            action_id: ActionId(claim.id),
            action: claim.action.clone(),
            claimed_by,
            committed,
            status: status.as_str().to_owned(),
        });
    }
    tx.append_audit(&entries).await?;
    tx.commit().await?;
    recover_unknown(store, &mut report).await?;
    Ok(report)
}

/// Pack writes whose answer was lost: the target endpoint is asked. A target
/// that changed since the plan shows the write applied; one that did not
/// change proves nothing (the request may still be queued at the API), so
/// the action stays unknown for a person to settle.
async fn recover_unknown(store: &Store, report: &mut RecoveryReport) -> Result<()> {
    let mut tx = store.begin().await?;
    let rows = tx.unknown_actions().await?;
    drop(tx);
    for row in rows {
        let payload = crate::payload::Payload::from_value(
            &serde_json::from_str(&row.payload)
                .map_err(|e| Error::Internal(format!("stored payload: {e}")))?,
        )?;
        let changed = match (payload.probe(), &row.target_version, &payload) {
            (Some(probe), Some(planned), crate::payload::Payload::Http { timeout, .. }) => {
                crate::executor::http::probe_version(probe, *timeout).await.ok().map(|now| now != *planned)
            }
            _ => None,
        };
        if changed != Some(true) {
            report.unknown.push(ActionId(row.id));
            continue;
        }
        settle(store, &row, Outcome::Succeeded, Actor::system(), "its target changed since the plan").await?;
        report.recovered.push(Recovered {
            action_id: ActionId(row.id),
            action: row.action.clone(),
            claimed_by: String::new(),
            committed: true,
            status: Outcome::Succeeded.as_str().to_owned(),
        });
    }
    Ok(())
}

/// A person's word on an unknown outcome, after checking the API: only the
/// requester or a system admin may give it.
pub async fn settle_by(
    store: &Store,
    row: &ActionRow,
    to: Outcome,
    person: &crate::identity::StaffMember,
    actor: Actor,
) -> Result<()> {
    let id = ActionId(row.id);
    if row.status != ActionStatus::Unknown {
        return Err(Error::Conflict(format!("{id} is {}, not unknown; nothing was settled", row.status)));
    }
    if row.requested_by != person.id && !person.permissions.contains("system.admin") {
        return Err(Error::Denied(format!(
            "{id} was planned by {}; only they or a system admin settle it",
            row.requester_email
        )));
    }
    settle(store, row, to, actor, &format!("settled by {}", person.email)).await
}

/// Records how an unknown action ended, and why.
async fn settle(store: &Store, row: &ActionRow, to: Outcome, by: Actor, why: &str) -> Result<()> {
    let error = (to == Outcome::Failed).then(|| format!("settled as not applied: {why}"));
    let mut tx = store.begin().await?;
    if !tx.settle_unknown(row.id, to.as_str(), error.as_deref()).await? {
        return Err(Error::Conflict(format!("{} is not unknown; nothing was settled", ActionId(row.id))));
    }
    tx.append_audit(&[NewAuditEntry::new(by, Event::ActionSettled, to)
        .subject(&row.requester_email)
        .action(row.id)
        .payload(json!({"action": row.action, "why": why}))])
        .await?;
    tx.commit().await
}

fn claim_is_dead(claim: &ClaimRow, this_host: &str, stale_after: Duration) -> bool {
    let age =
        claim.claimed_at.map(|at| (now_micros() - at).to_std().unwrap_or_default()).unwrap_or(Duration::MAX);
    if age >= stale_after {
        return true;
    }
    let Some(claimed_by) = &claim.claimed_by else { return true };
    match parse_claimer(claimed_by) {
        Some((host, pid)) if host == this_host => !process_alive(pid),
        _ => false,
    }
}

/// `who@host:pid[/lane]` → (host, pid).
fn parse_claimer(claimed_by: &str) -> Option<(&str, u32)> {
    let without_lane = claimed_by.split_once('/').map_or(claimed_by, |(head, _)| head);
    let (rest, pid) = without_lane.rsplit_once(':')?;
    let (_, host) = rest.rsplit_once('@')?;
    Some((host, pid.parse().ok()?))
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        // A zombie has exited: it holds no connection and runs no transaction.
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => !stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
            Err(_) => false,
        }
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_name_their_host_and_process() {
        assert_eq!(parse_claimer("worker@db-1:4242/3"), Some(("db-1", 4242)));
        assert_eq!(parse_claimer("lead@example.com@db-1:17"), Some(("db-1", 17)));
        assert_eq!(parse_claimer("garbage"), None);
    }

    #[test]
    fn this_process_is_alive_and_an_unused_pid_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX - 1));
    }
}
