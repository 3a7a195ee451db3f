//! How plans, steps, simulations and executions read on a terminal.

use std::fmt::Write;

use serde::Serialize;
use serde_json::Value;

use super::{Tabular, table};
use crate::executor::DryRunReport;
use crate::pipeline::{ExecutionReport, StepSimulation};
use crate::plan::{Decision, Plan, Step};
use crate::sanitize::for_terminal;

/// A plan as shown to a person (PII already masked where needed).
#[derive(Serialize)]
#[serde(transparent)]
pub struct PlanView(pub Plan);

fn needs(step: &Step) -> String {
    let mut needs = match step.approvals {
        n if n > 1 => format!("{n} approvals"),
        _ => step.requires.as_str().to_owned(),
    };
    if step.second_factor {
        needs.push_str(" + second factor");
    }
    needs
}

/// The payload's statements with their bound values, one per line.
pub fn payload_lines(payload: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(statements) = payload.get("statements").and_then(Value::as_array) {
        for statement in statements {
            lines.push(statement.get("sql").and_then(Value::as_str).unwrap_or("").to_owned());
            let params: Vec<String> = statement
                .get("params")
                .and_then(Value::as_array)
                .map(|params| {
                    params
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let value = match (p.get("type").and_then(Value::as_str), p.get("value")) {
                                (Some("now"), _) => "<execution time>".to_owned(),
                                (Some("null"), _) => "NULL".to_owned(),
                                (_, Some(Value::String(s))) => format!("{s:?}"),
                                (_, Some(v)) => v.to_string(),
                                _ => "?".into(),
                            };
                            format!("${} = {value}", i + 1)
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !params.is_empty() {
                lines.push(format!("  {}", params.join("  ")));
            }
        }
    } else if payload.is_null() {
        lines.push("(none: the step is denied)".into());
    } else {
        lines.push(payload.to_string());
    }
    lines
}

pub fn step_text(step: &Step, out: &mut String) {
    let decision = match step.decision {
        Decision::Allowed => "allowed".to_owned(),
        Decision::Denied => match (&step.missing_permission, &step.denial) {
            (None, Some(why)) => format!("DENIED: {why}"),
            (missing, _) => format!("DENIED (lacks {})", missing.as_deref().unwrap_or(&step.permission)),
        },
    };
    let _ = writeln!(out, "step {}  {}  [{}]  {}", step.action_id, step.action, step.risk.as_str(), decision);
    let _ = writeln!(out, "  needs       {}", needs(step));
    if !step.rules.is_empty() {
        let _ = writeln!(out, "  rules       {}", for_terminal(&step.rules.join(", ")));
    }
    let _ = writeln!(out, "  status      {}", step.status);
    let _ = writeln!(out, "  params      {}", crate::canonical::to_canonical_string(&step.params));
    if let Some(summary) = step.payload.get("summary").and_then(Value::as_str) {
        let _ = writeln!(out, "  impact      {summary}");
    }
    for (i, line) in payload_lines(&step.payload).into_iter().enumerate() {
        let _ = writeln!(out, "  {}  {line}", if i == 0 { "payload   " } else { "          " });
    }
    let _ = writeln!(out, "  hash        {}", step.payload_hash);
    let _ = writeln!(out, "  confidence  {:.2}  {}", step.confidence, step.rationale);
    if let Some(token) = &step.confirmation_token {
        let expires = step.token_expires_at.map(|t| t.format("%H:%M:%S UTC").to_string()).unwrap_or_default();
        let _ = writeln!(out, "  token       {token}");
        let _ = writeln!(
            out,
            "              single use, expires {expires}: opsgate execute {} --token …",
            step.action_id
        );
    }
}

impl Tabular for PlanView {
    fn human(&self) -> String {
        let plan = &self.0;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "plan {} · {} · {} planner · requested by {}",
            plan.plan_id, plan.mode, plan.planner, plan.requested_by
        );
        let _ = writeln!(out, "prompt: {}", plan.prompt);
        for step in &plan.steps {
            out.push('\n');
            step_text(step, &mut out);
        }
        let pending_approval = plan.steps.iter().filter(|s| s.status.as_str() == "pending_approval").count();
        if pending_approval > 0 {
            let _ = writeln!(
                out,
                "\n{pending_approval} step(s) need a second person's approval before they can run."
            );
        }
        for_terminal(out.trim_end())
    }
}

#[derive(Serialize)]
#[serde(transparent)]
pub struct StepView(pub Step);

impl Tabular for StepView {
    fn human(&self) -> String {
        let mut out = String::new();
        step_text(&self.0, &mut out);
        for_terminal(out.trim_end())
    }
}

pub(super) fn simulation_text(report: &DryRunReport, out: &mut String) {
    let _ = writeln!(out, "  would       {}", report.summary);
    match &report.would_fail {
        Some(reason) => {
            let _ = writeln!(out, "  WOULD FAIL  {reason}");
        }
        None => {
            let rows: Vec<String> = report.rows_affected.iter().map(u64::to_string).collect();
            let _ = writeln!(out, "  rows        {} (per statement)", rows.join(", "));
        }
    }
    if !report.changes.is_empty() {
        let _ = writeln!(out, "  changes to {}:", report.target.as_deref().unwrap_or("the target"));
        let rows = report.changes.iter().map(|c| {
            vec![
                c.column.clone(),
                c.before.clone().unwrap_or_else(|| "NULL".into()),
                c.after.clone().unwrap_or_else(|| "NULL".into()),
            ]
        });
        for line in table(&["column", "before", "after"], rows).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// A dry-run: the plan and what each step would do.
#[derive(Serialize)]
pub struct DryRunView {
    #[serde(flatten)]
    pub plan: Plan,
    pub simulations: Vec<StepSimulation>,
}

impl Tabular for DryRunView {
    fn human(&self) -> String {
        let mut out = format!(
            "dry run of plan {} (rolled back: nothing was changed)\nprompt: {}\n",
            self.plan.plan_id, self.plan.prompt
        );
        for (step, simulation) in self.plan.steps.iter().zip(&self.simulations) {
            out.push('\n');
            step_text(step, &mut out);
            if let Some(report) = &simulation.simulation {
                simulation_text(report, &mut out);
            }
            if let Some(note) = &simulation.note {
                let _ = writeln!(out, "  note        {note}");
            }
        }
        for_terminal(out.trim_end())
    }
}

/// The review shown before an interactive confirmation.
pub fn review_text(review: &crate::pipeline::Review) -> String {
    let mut out = format!("{} {}: {}\n", review.action_id, review.action, review.summary);
    for line in payload_lines(&review.payload.to_value()) {
        let _ = writeln!(out, "  {line}");
    }
    simulation_text(&review.impact, &mut out);
    out
}

/// Executions of one command.
#[derive(Serialize)]
#[serde(transparent)]
pub struct ExecutionsView(pub Vec<ExecutionReport>);

impl Tabular for ExecutionsView {
    fn human(&self) -> String {
        let mut out = String::new();
        for report in &self.0 {
            let rows: Vec<String> = report.rows_affected.iter().map(u64::to_string).collect();
            // A pack request changes no rows opsgate can count.
            let rows = if rows.is_empty() { String::new() } else { format!("rows {}, ", rows.join(", ")) };
            let _ = writeln!(
                out,
                "{} {}: {} — {} ({rows}confirmed by {})",
                report.action_id, report.action, report.status, report.summary, report.confirmed_by
            );
        }
        for_terminal(out.trim_end())
    }
}
