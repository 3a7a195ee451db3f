//! `dry-run`: every allowed write step simulated, nothing kept.

use serde::Serialize;
use serde_json::json;

use crate::audit::{Event, Outcome};
use crate::error::Result;
use crate::executor::{DryRunReport, dry_run};
use crate::payload::Payload;
use crate::plan::{ActionId, Decision, Plan};
use crate::session::Session;

/// One step's simulation.
#[derive(Debug, Clone, Serialize)]
pub struct StepSimulation {
    pub action_id: ActionId,
    pub action: String,
    pub decision: Decision,
    /// Absent for denied steps and for reads and drafts (nothing to simulate).
    pub simulation: Option<DryRunReport>,
    pub note: Option<String>,
}

/// Simulates the steps of a stored plan.
pub async fn simulate_plan(session: &Session, plan: &Plan) -> Result<Vec<StepSimulation>> {
    let store = session.store();
    let mut results = Vec::new();
    for step in &plan.steps {
        let (simulation, note) = if step.decision == Decision::Denied {
            let why = step.denial.clone().unwrap_or_else(|| {
                format!("lacks `{}`", step.missing_permission.as_deref().unwrap_or(&step.permission))
            });
            (None, Some(format!("denied: {why}")))
        } else {
            match Payload::from_value(&step.payload)? {
                payload @ Payload::Sql { .. } => (Some(dry_run(store, &payload).await?), None),
                Payload::Query { .. } => (None, Some("read only: nothing to simulate".into())),
                Payload::Draft { .. } => (None, Some("draft: text only, nothing to simulate".into())),
            }
        };
        results.push(StepSimulation {
            action_id: step.action_id,
            action: step.action.clone(),
            decision: step.decision,
            simulation,
            note,
        });
    }
    store
        .append_audit(&[session.entry(
            Event::PlanDryRun,
            Outcome::Succeeded,
            json!({"plan_id": plan.plan_id.to_string(), "steps": results.len()}),
        )])
        .await?;
    Ok(results)
}
