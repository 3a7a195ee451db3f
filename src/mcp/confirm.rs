//! `--allow-elicited-confirm` (off by default): a confirm-level write that
//! the person confirms in their MCP client's form, as on a terminal: the
//! client shows what will change and the person types the target's id.
//! Nothing else is confirmed this way: approval-level actions and actions
//! that need a second factor always go through `opsgate execute` /
//! `opsgate approve`, and a client without form elicitation leaves the
//! action pending.

use std::time::Duration;

use rmcp::model::{ElicitRequestParams, ElicitationAction, ElicitationSchema};
use rmcp::service::{Peer, RoleServer};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::pipeline::{Confirmation, ExecuteRequest, Review, execute_action, load_step, review_execution};
use crate::plan::{ActionId, ActionStatus};
use crate::second_factor::{CodeSource, SecondFactor};
use crate::session::{Constraints, Mode, Session};

/// How long the person has to answer the form.
const ANSWER_WITHIN: Duration = Duration::from_secs(600);

/// What came of asking.
pub enum Elicited {
    /// Not asked: not a confirm-level action, or the client has no forms.
    NotAsked,
    /// Confirmed and run: the execution report.
    Executed(Value),
    /// Asked, and not confirmed: still pending.
    NotConfirmed(String),
}

/// Asks the person to confirm the write `stored` (a pending-action result) and runs it when they do.
pub async fn confirm(session: &Session, peer: &Peer<RoleServer>, stored: &Value) -> Result<Elicited> {
    let confirmable = stored.get("status").and_then(Value::as_str)
        == Some(ActionStatus::PendingConfirmation.as_str())
        && stored.get("second_factor").and_then(Value::as_bool) == Some(false);
    if !confirmable || !has_forms(peer) {
        return Ok(Elicited::NotAsked);
    }
    let id = stored
        .get("action_id")
        .and_then(Value::as_str)
        .and_then(|id| id.trim_start_matches('a').parse::<i64>().ok())
        .map(ActionId)
        .ok_or_else(|| Error::Internal("a pending action without its id".into()))?;
    let (row, _) = load_step(session.store(), id).await?;
    // Confirming is executing: this one action, in a session that may.
    let executing = session
        .clone()
        .with_constraints(Constraints { mode: Mode::Execute, ..session.constraints().clone() });
    let (review, _) = review_execution(&executing, &row).await?;
    let expected = review.type_to_confirm.clone().unwrap_or_else(|| review.action_id.to_string());
    let asker = session
        .agent()
        .map(|agent| format!("Agent `{}`", agent.name))
        .unwrap_or_else(|| "Your AI client".into());
    let message = format!(
        "{asker} asks to run {} ({}): {}. It would change: {}. Type {expected} to confirm; anything else leaves it pending.",
        review.action_id, review.action, review.summary, review.impact.summary
    );
    let schema = ElicitationSchema::builder()
        .required_string_with("confirm", |field| field.description(format!("Type {expected} to confirm")))
        .build()
        .map_err(|e| Error::Internal(e.to_string()))?;
    let params = ElicitRequestParams::FormElicitationParams { meta: None, message, requested_schema: schema };
    let answer = peer.create_elicitation_with_timeout(params, Some(ANSWER_WITHIN)).await;
    let typed = match answer {
        Ok(result) if result.action == ElicitationAction::Accept => result
            .content
            .as_ref()
            .and_then(|content| content.get("confirm"))
            .and_then(Value::as_str)
            .map(|text| text.trim().to_owned()),
        _ => None,
    };
    let hash = review.payload_hash.clone();
    let confirmed = typed.as_deref() == Some(expected.as_str());
    let mut answer = |shown: &Review| Ok(confirmed && shown.payload_hash == hash);
    let mut no_second_factor = SecondFactor::new(CodeSource::Missing);
    let request = ExecuteRequest {
        confirmation: Confirmation::Elicited(&mut answer),
        second_factor: &mut no_second_factor,
        queue: false,
    };
    match execute_action(&executing, &row, request).await {
        Ok(report) => Ok(Elicited::Executed(json!(report))),
        Err(Error::NeedsConfirmation(why)) => Ok(Elicited::NotConfirmed(why)),
        Err(other) => Err(other),
    }
}

/// Whether the client takes form elicitations (declared with no mode: forms).
fn has_forms(peer: &Peer<RoleServer>) -> bool {
    peer.peer_info()
        .and_then(|info| info.capabilities.elicitation.clone())
        .is_some_and(|elicitation| elicitation.form.is_some() || elicitation.url.is_none())
}
