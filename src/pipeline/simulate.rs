//! `dry-run`: every allowed write step of a plan simulated in order, in one
//! transaction, nothing kept.

use serde::Serialize;
use serde_json::json;

use crate::audit::{Event, Outcome};
use crate::error::{Error, Result};
use crate::executor::{DryRunReport, Simulation};
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

/// A plan's simulation: each step's, and the error the first step that would
/// fail meets (for the caller to report; the others are in their reports).
#[derive(Debug)]
pub struct PlanSimulation {
    pub steps: Vec<StepSimulation>,
    pub failure: Option<Error>,
}

/// Simulates the steps of a stored plan in order inside one transaction that
/// is rolled back, so that each step sees what the steps before it did — as
/// it would when the plan is executed step by step.
pub async fn simulate_plan(session: &Session, plan: &Plan) -> Result<PlanSimulation> {
    let store = session.store();
    let mut steps = Vec::with_capacity(plan.steps.len());
    let mut failures: Vec<(ActionId, String, Error)> = Vec::new();
    let mut simulation = Simulation::begin(store).await?;
    for step in &plan.steps {
        let (report, note) = if step.decision == Decision::Denied {
            let why = step.denial.clone().unwrap_or_else(|| {
                format!("lacks `{}`", step.missing_permission.as_deref().unwrap_or(&step.permission))
            });
            (None, Some(format!("denied: {why}")))
        } else {
            match Payload::from_value(&step.payload)? {
                payload @ (Payload::Sql { .. } | Payload::Http { .. }) => {
                    let simulated = simulation.run(&payload).await?;
                    if let Some(error) = simulated.failure {
                        failures.push((step.action_id, step.action.clone(), error));
                    }
                    (Some(simulated.report), None)
                }
                Payload::Query { .. } | Payload::HttpRead { .. } => {
                    (None, Some("read only: nothing to simulate".into()))
                }
                Payload::Draft { .. } => (None, Some("draft: text only, nothing to simulate".into())),
            }
        };
        steps.push(StepSimulation {
            action_id: step.action_id,
            action: step.action.clone(),
            decision: step.decision,
            simulation: report,
            note,
        });
    }
    // Before the audit entry: on SQLite the simulation holds the write lock.
    simulation.rollback().await?;
    let failed: Vec<String> = failures.iter().map(|(id, _, _)| id.to_string()).collect();
    store
        .append_audit(&[session.entry(
            Event::PlanDryRun,
            if failed.is_empty() { Outcome::Succeeded } else { Outcome::Failed },
            json!({"plan_id": plan.plan_id.to_string(), "steps": steps.len(), "would_fail": failed}),
        )])
        .await?;
    let later = failures.len().saturating_sub(1);
    let failure = failures.into_iter().next().map(|(step, action, source)| Error::WouldFail {
        step: step.to_string(),
        action,
        later,
        source: Box::new(source),
    });
    Ok(PlanSimulation { steps, failure })
}
