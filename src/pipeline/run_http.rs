//! Running a claimed pack write: the intent (`action.executing`, with its
//! idempotency key) commits first; the target is read again and the plan
//! refused if it changed; the request is sent once; then the outcome is
//! recorded. A request sent without an answer that says whether it was
//! applied leaves the action `unknown` for a person, never re-sent.

use serde_json::json;

use super::ExecutionReport;
use super::run::{Runner, commit_intent, record_failure, record_success, refuse_stale};
use crate::audit::{Event, Outcome};
use crate::error::{Error, Result};
use crate::executor::http::{Sent, probe_version, send};
use crate::payload::{Payload, action_key};
use crate::plan::ActionId;
use crate::store::{ActionRow, Store};

pub(super) async fn run_http(
    store: &Store,
    row: &ActionRow,
    payload: &Payload,
    runner: &Runner<'_>,
) -> Result<ExecutionReport> {
    let Payload::Http { request, target, idempotent, timeout, summary, .. } = payload else {
        return Err(Error::Internal("not an HTTP payload".into()));
    };
    // The team's API sees opsgate's name on the key: it may share a keyspace with other clients.
    let key = format!("opsgate-{}", action_key(row.id));
    commit_intent(
        store,
        row,
        runner,
        &key,
        ("request", json!(format!("{} {}", request.method, request.url))),
    )
    .await?;

    if let (Some(probe), Some(planned)) = (target, &row.target_version) {
        match probe_version(probe, *timeout).await {
            Ok(now) if now == *planned => {}
            Ok(_) => {
                let error = Error::Conflict(format!(
                    "{} changed since plan p{} was made; nothing was sent, run `opsgate plan` again",
                    probe.label(),
                    row.plan_id
                ));
                return refuse_stale(store, row, runner, error).await;
            }
            Err(error) => {
                let error = Error::Conflict(format!(
                    "cannot read {} before sending ({error}); nothing was sent",
                    probe.label()
                ));
                return record_failure(store, row, runner, error).await;
            }
        }
    }

    match send(request, *timeout, *idempotent, &key).await {
        Sent::Succeeded { status, response } => {
            let result = json!({"http_status": status, "response": response, "idempotency_key": key,
                                "confirmed_by": runner.confirmed_by});
            let mut tx = store.begin().await?;
            record_success(&mut tx, row, runner, result).await?;
            tx.commit().await?;
            Ok(ExecutionReport {
                action_id: ActionId(row.id),
                action: row.action.clone(),
                status: "succeeded".into(),
                summary: summary.clone(),
                rows_affected: Vec::new(),
                confirmed_by: runner.confirmed_by,
            })
        }
        Sent::Failed { message } => record_failure(store, row, runner, Error::Conflict(message)).await,
        Sent::Unknown { reason } => {
            let id = ActionId(row.id);
            let message = format!(
                "{id}: {reason}; whether the API applied it is unknown. It will not be sent again: \
                 `opsgate execute --recover` asks its target, or settle it yourself with \
                 `opsgate execute --recover --settle {id}=succeeded|failed`"
            );
            let result = json!({"outcome": "unknown", "idempotency_key": key});
            let mut tx = store.begin().await?;
            if tx.mark_unknown(row.id, runner.claimer, &reason, &result.to_string()).await? {
                tx.append_audit(&[runner
                    .entry(
                        Event::ActionUnknown,
                        Outcome::Unknown,
                        row.id,
                        json!({"action": row.action, "reason": reason}),
                    )
                    .result(result)])
                    .await?;
                tx.commit().await?;
            }
            Err(Error::OutcomeUnknown(message))
        }
    }
}
