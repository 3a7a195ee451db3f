//! What the guard would decide for one step, without storing anything:
//! `policy test`. The step goes through the same checks `plan` makes
//! (catalog, schema, payload, guard), so the answer matches what `plan` does.

use serde::Serialize;
use serde_json::Value;

use crate::catalog::Requires;
use crate::error::{Error, Result};
use crate::guard::{Guard, Stage, Step};
use crate::payload;
use crate::plan::Decision;
use crate::session::Session;

/// The guard's decision on one step, as `policy test` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub action: String,
    /// With the defaults the payload fills in.
    pub params: Value,
    pub decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denial: Option<String>,
    pub requires: Requires,
    pub approvals: u32,
    pub second_factor: bool,
    /// Policy rules that selected the step and whose condition held.
    pub rules: Vec<String>,
    /// What the payload would do, when the step got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// Decides `action` with `params` in `session` as `plan` would, writing nothing.
pub async fn judge_step(session: &Session, action: &str, params: &Value) -> Result<Judged> {
    let catalog = session.catalog();
    let action = catalog.require(action)?;
    catalog.validate(&action.name, params).map_err(|e| Error::Usage(e.to_string()))?;
    let guard = Guard::new(session);
    let permitted = guard.permits(action, Stage::Plan);
    let (verdict, built) = if permitted.is_allowed() {
        let built = payload::build(session.store(), action, params, session.person()?).await?;
        let step = Step::new(action, &built.params).target(built.payload.target());
        (guard.decide(&step, Stage::Plan).await?, Some(built))
    } else {
        (permitted, None)
    };
    Ok(Judged {
        action: action.name.clone(),
        params: built.as_ref().map_or_else(|| params.clone(), |b| b.params.clone()),
        decision: verdict.decision,
        denial: verdict.denial,
        requires: verdict.requires,
        approvals: if verdict.requires == Requires::Approval { verdict.approvals.max(1) } else { 0 },
        second_factor: verdict.second_factor,
        rules: verdict.rules,
        summary: built.map(|b| b.payload.summary().to_owned()),
    })
}
