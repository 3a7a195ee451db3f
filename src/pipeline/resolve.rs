//! Reading stored plans and actions back as the same types `plan` returned.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::plan::{ActionId, Plan, PlanId, Step, StoredId};
use crate::store::{ActionRow, Store};

fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// A stored action as a plan step (tokens are never shown again).
pub fn step_from_row(row: &ActionRow) -> Result<Step> {
    Ok(Step {
        action_id: ActionId(row.id),
        action: row.action.clone(),
        params: parse_json(&row.params),
        risk: row.risk,
        permission: row.permission.clone(),
        decision: row.decision,
        missing_permission: row.missing_permission.clone(),
        denial: row.denial.clone(),
        requires: row.requires,
        approvals: u32::try_from(row.approvals_required).unwrap_or(0),
        second_factor: row.second_factor,
        rules: Vec::new(),
        payload: parse_json(&row.payload),
        payload_hash: row.payload_hash.clone(),
        confidence: row.confidence,
        rationale: row.rationale.clone(),
        sources: serde_json::from_str(&row.sources).unwrap_or_default(),
        status: row.status,
        confirmation_token: None,
        token_expires_at: None,
    })
}

/// A stored plan with its steps' current status.
pub async fn load_plan(store: &Store, id: PlanId) -> Result<Plan> {
    let plan = store.load_plan(id.0).await?.ok_or_else(|| Error::NotFound(format!("no plan {id}")))?;
    let steps = store.actions_of_plan(id.0).await?.iter().map(step_from_row).collect::<Result<Vec<_>>>()?;
    Ok(Plan {
        plan_id: id,
        prompt: plan.prompt,
        mode: plan.mode,
        planner: plan.planner,
        requested_by: plan.requester_email,
        created_at: plan.created_at,
        steps,
    })
}

/// One stored action with the prompt of its plan.
pub async fn load_step(store: &Store, id: ActionId) -> Result<(ActionRow, Step)> {
    let row = store.load_action(id.0).await?.ok_or_else(|| Error::NotFound(format!("no action {id}")))?;
    let step = step_from_row(&row)?;
    Ok((row, step))
}

/// The actions a plan or action id names, in step order.
pub async fn resolve_actions(store: &Store, id: StoredId) -> Result<Vec<ActionRow>> {
    match id {
        StoredId::Action(id) => Ok(vec![
            store.load_action(id.0).await?.ok_or_else(|| Error::NotFound(format!("no action {id}")))?,
        ]),
        StoredId::Plan(id) => {
            store.load_plan(id.0).await?.ok_or_else(|| Error::NotFound(format!("no plan {id}")))?;
            store.actions_of_plan(id.0).await
        }
    }
}

/// Who may see a stored plan or action: its requester, or anyone with
/// `ops.audit.view` (the same on every surface).
pub fn may_see(person: &StaffMember, requester_email: &str) -> Result<()> {
    if person.email.eq_ignore_ascii_case(requester_email) || person.can("ops.audit.view") {
        Ok(())
    } else {
        Err(Error::Denied(format!("{} may only see their own plans without `ops.audit.view`", person.email)))
    }
}
