//! How a playbook run reads: on a terminal or in a cron mail (text and tables),
//! as Markdown (`--output md`, for posting), and how `playbook validate`
//! summarizes a file. Long lists are cut for people; JSON always has everything.

use std::fmt::Write;

use serde::Serialize;
use serde_json::Value;

use super::{Tabular, table};
use crate::playbook::{ActionReport, AnswerReport, Mode, Outline, RunReport, StepReport, Totals};
use crate::sanitize::{for_terminal, one_line};
use crate::store::format_time;

/// Rows and actions shown per step to people; the rest is counted.
const SHOWN: usize = 50;

/// `playbook run` output.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct PlaybookRunView(pub RunReport);

/// `playbook validate` output.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct PlaybookOutlineView(pub Outline);

fn cell(value: &Value) -> String {
    match value {
        Value::Null => "–".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn row_cells(answer: &AnswerReport, row: &Value) -> Vec<String> {
    answer.columns.iter().map(|c| cell(row.get(c).unwrap_or(&Value::Null))).collect()
}

fn duration(report: &RunReport) -> String {
    let millis = (report.finished_at - report.started_at).num_milliseconds().max(0);
    format!("{:.1}s", millis as f64 / 1000.0)
}

fn step_heading(step: &StepReport) -> String {
    let mut parts = vec![step.kind.to_owned()];
    if step.count != 1 || step.skipped > 0 {
        parts.push(format!("{} run", step.count));
    }
    if step.skipped > 0 {
        parts.push(format!("{} skipped by `when`", step.skipped));
    }
    format!("{} ({}) · {}", step.id, parts.join(", "), step.status.as_str())
}

/// `17 pending confirmation, 2 pending approval, 1 denied`.
fn action_counts(actions: &[&ActionReport]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for action in actions {
        let status = action.status.as_str().replace('_', " ");
        match counts.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += 1,
            None => counts.push((status, 1)),
        }
    }
    counts.iter().map(|(s, n)| format!("{n} {s}")).collect::<Vec<_>>().join(", ")
}

fn action_row(plan_id: String, action: &ActionReport) -> Vec<String> {
    let outcome = match (&action.execution, &action.simulation) {
        (Some(execution), _) => format!("{}: {}", execution.status, execution.summary),
        (None, Some(simulation)) => match &simulation.would_fail {
            Some(reason) => format!("dry-run: would fail ({reason})"),
            None => format!("dry-run: {} (rows {:?})", simulation.summary, simulation.rows_affected),
        },
        (None, None) => action.summary.clone(),
    };
    vec![
        plan_id,
        action.action_id.to_string(),
        action.action.clone(),
        action.status.as_str().to_owned(),
        outcome,
        action.next.clone().or_else(|| action.note.clone()).unwrap_or_default(),
    ]
}

const ACTION_HEADER: [&str; 6] = ["plan", "action", "name", "status", "impact", "next"];

fn totals_line(totals: &Totals) -> String {
    let mut parts = vec![count(totals.steps, "step")];
    for (n, what) in [
        (totals.succeeded, "succeeded"),
        (totals.skipped, "skipped"),
        (totals.denied, "denied"),
        (totals.rate_limited, "rate limited"),
        (totals.failed, "failed"),
        (totals.not_run, "not run"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    let mut line = parts.join(", ");
    let _ = write!(
        line,
        " · {} · {} · {}",
        count(totals.answers, "answer"),
        count(totals.plans, "plan"),
        count(totals.actions, "action")
    );
    let mut actions = Vec::new();
    for (n, what) in [
        (totals.suggested, "suggested (reads)"),
        (totals.pending_confirmation, "pending confirmation"),
        (totals.pending_approval, "pending approval"),
        (totals.denied_actions, "denied"),
        (totals.simulated, "simulated"),
        (totals.executed, "executed"),
    ] {
        if n > 0 {
            actions.push(format!("{n} {what}"));
        }
    }
    if !actions.is_empty() {
        let _ = write!(line, ": {}", actions.join(", "));
    }
    line
}

/// `1 plan`, `3 plans`.
fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// The closing sentence: what was written and what waits for whom.
fn closing(report: &RunReport) -> String {
    let waiting = report.totals.pending_confirmation + report.totals.pending_approval;
    let mut text = match report.mode {
        Mode::Suggest => {
            "Suggest mode: nothing was written to the ops tables (only plans and audit entries).".to_owned()
        }
        Mode::DryRun => {
            "Dry-run mode: writes were simulated and rolled back; nothing was written to the ops tables."
                .to_owned()
        }
        Mode::Execute if report.totals.executed > 0 => {
            format!(
                "Execute mode: {} actions were confirmed on the terminal and run.",
                report.totals.executed
            )
        }
        Mode::Execute => {
            "Execute mode: nothing was confirmed, so nothing was written to the ops tables.".to_owned()
        }
    };
    if waiting > 0 {
        let _ = write!(
            text,
            " {} for people: `opsgate execute aN` on a terminal reviews and confirms one; `opsgate approve aN` is a second person's approval.",
            if waiting == 1 { "1 action waits".to_owned() } else { format!("{waiting} actions wait") }
        );
    }
    text
}

impl Tabular for PlaybookRunView {
    fn human(&self) -> String {
        let report = &self.0;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "playbook {} · run {} · {} · as {} · {} (exit {})",
            report.playbook,
            report.run_id,
            report.mode.as_str(),
            report.acting,
            report.status.as_str(),
            report.exit_code
        );
        let _ = writeln!(
            out,
            "file {} · started {} · {}",
            report.file,
            format_time(report.started_at),
            duration(report)
        );
        if let Some(lock) = &report.lock_recovered {
            let _ =
                writeln!(out, "took over the lock of run {} ({}): {}", lock.run_id, lock.holder, lock.reason);
        }
        for (index, step) in report.steps.iter().enumerate() {
            let _ = writeln!(out, "\n{}. {}", index + 1, step_heading(step));
            for answer in &step.answers {
                human_answer(answer, &mut out);
            }
            let actions: Vec<&ActionReport> = step.actions().collect();
            if !actions.is_empty() {
                let _ = writeln!(out, "   {} · {}", count(step.plans.len(), "plan"), action_counts(&actions));
                let rows = step
                    .plans
                    .iter()
                    .flat_map(|plan| {
                        plan.actions.iter().map(move |a| action_row(plan.plan_id.to_string(), a))
                    })
                    .take(SHOWN);
                out.push_str(&table(&ACTION_HEADER, rows));
                out.push('\n');
                if actions.len() > SHOWN {
                    let _ = writeln!(
                        out,
                        "   … and {} more actions (all of them with --output json)",
                        actions.len() - SHOWN
                    );
                }
            }
            for error in &step.errors {
                let _ = writeln!(out, "   error: {}", one_line(error));
            }
        }
        let _ = writeln!(out, "\n{}", totals_line(&report.totals));
        let _ = writeln!(out, "{}", closing(report));
        for_terminal(&out)
    }

    fn markdown(&self) -> String {
        let report = &self.0;
        let mut out = String::new();
        let _ = writeln!(out, "# Playbook `{}` — run {}\n", md_inline(&report.playbook), report.run_id);
        if let Some(description) = &report.description {
            let _ = writeln!(out, "{}\n", md_inline(description));
        }
        let _ = writeln!(out, "| | |\n|---|---|");
        let _ = writeln!(out, "| status | {} (exit {}) |", report.status.as_str(), report.exit_code);
        let _ = writeln!(out, "| mode | {} |", report.mode.as_str());
        let _ = writeln!(out, "| as | {} |", md_cell(&report.acting));
        let _ = writeln!(out, "| file | `{}` |", md_cell(&report.file));
        let _ = writeln!(out, "| started | {} |", format_time(report.started_at));
        let _ = writeln!(out, "| duration | {} |", duration(report));
        if let Some(lock) = &report.lock_recovered {
            let _ = writeln!(out, "| lock | took over from run {}: {} |", lock.run_id, md_cell(&lock.reason));
        }
        for (index, step) in report.steps.iter().enumerate() {
            let _ = writeln!(out, "\n## {}. {}\n", index + 1, md_inline(&step_heading(step)));
            if let Some(description) = &step.description {
                let _ = writeln!(out, "{}\n", md_inline(description));
            }
            for answer in &step.answers {
                markdown_answer(answer, &mut out);
            }
            let actions: Vec<&ActionReport> = step.actions().collect();
            if !actions.is_empty() {
                let _ = writeln!(out, "{} · {}\n", count(step.plans.len(), "plan"), action_counts(&actions));
                let _ = writeln!(
                    out,
                    "| {} |\n|{}",
                    ACTION_HEADER.join(" | "),
                    "---|".repeat(ACTION_HEADER.len())
                );
                for plan in &step.plans {
                    for action in &plan.actions {
                        let cells: Vec<String> =
                            action_row(plan.plan_id.to_string(), action).iter().map(|c| md_cell(c)).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                }
            }
            if !step.errors.is_empty() {
                out.push('\n');
                for error in &step.errors {
                    let _ = writeln!(out, "- **error:** {}", md_inline(error));
                }
            }
        }
        let _ = writeln!(
            out,
            "\n---\n\n{}\n\n{}",
            md_inline(&totals_line(&report.totals)),
            md_inline(&closing(report))
        );
        for_terminal(&out)
    }
}

fn human_answer(answer: &AnswerReport, out: &mut String) {
    let _ = writeln!(out, "   {}", one_line(&answer.answer));
    if let Some(draft) = &answer.draft {
        let _ = writeln!(out, "   ─── draft (nothing was sent or stored) ───");
        for line in draft.lines() {
            let _ = writeln!(out, "   {line}");
        }
        let _ = writeln!(out, "   ───");
    }
    if !answer.rows.is_empty() && !answer.columns.is_empty() {
        let header: Vec<&str> = answer.columns.iter().map(String::as_str).collect();
        out.push_str(&table(&header, answer.rows.iter().take(SHOWN).map(|row| row_cells(answer, row))));
        out.push('\n');
        if answer.rows.len() > SHOWN {
            let _ = writeln!(
                out,
                "   … and {} more rows (all of them with --output json)",
                answer.rows.len() - SHOWN
            );
        }
    }
    if let Some(window) = &answer.window {
        let _ = writeln!(out, "   window: {} — {}", window.label, window.span());
    }
    if let Some(command) = &answer.suggested_command {
        let _ = writeln!(out, "   next: {command}");
    }
}

fn markdown_answer(answer: &AnswerReport, out: &mut String) {
    let _ = writeln!(out, "> {}\n", md_inline(&answer.prompt));
    match &answer.draft {
        // Drafts are Markdown already (templates/draft.report.j2): the draft is the answer.
        Some(draft) => {
            let _ = writeln!(out, "{}\n", draft.trim_end());
        }
        None => {
            let _ = writeln!(out, "{}\n", md_inline(&answer.answer));
        }
    }
    if !answer.rows.is_empty() && !answer.columns.is_empty() {
        let _ = writeln!(
            out,
            "| {} |",
            answer.columns.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
        );
        let _ = writeln!(out, "|{}", "---|".repeat(answer.columns.len()));
        for row in &answer.rows {
            let cells: Vec<String> = row_cells(answer, row).iter().map(|c| md_cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    if let Some(window) = &answer.window {
        let _ = writeln!(out, "*Window: {} — {}*\n", window.label, window.span());
    }
    if let Some(command) = &answer.suggested_command {
        let _ = writeln!(out, "Next: `{}`\n", command.replace('`', "'"));
    }
    if !answer.sources.is_empty() {
        let _ = writeln!(out, "<details><summary>Sources</summary>\n");
        for source in &answer.sources {
            let _ = writeln!(out, "- `{}`", source.replace('`', "'"));
        }
        let _ = writeln!(out, "\n</details>\n");
    }
}

/// A table cell: one line, pipes escaped.
fn md_cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// Inline text: one line.
fn md_inline(text: &str) -> String {
    one_line(text)
}

impl Tabular for PlaybookOutlineView {
    fn human(&self) -> String {
        let outline = &self.0;
        let mut out = format!(
            "ok: {} is a valid playbook: `{}`, mode {}{}, {} steps\n",
            outline.file,
            outline.name,
            outline.mode.as_str(),
            if outline.allow_execute { " (allow_execute)" } else { "" },
            outline.steps.len()
        );
        if !outline.vars.is_empty() {
            let vars: Vec<String> = outline.vars.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let _ = writeln!(out, "vars: {}", vars.join(", "));
        }
        if !outline.env.is_empty() {
            let _ = writeln!(out, "env: {}", outline.env.join(", "));
        }
        let rows = outline.steps.iter().enumerate().map(|(i, step)| {
            vec![
                (i + 1).to_string(),
                step.id.clone(),
                step.kind.to_owned(),
                step.text.clone(),
                step.for_each.clone().unwrap_or_default(),
                step.when.clone().unwrap_or_default(),
            ]
        });
        out.push_str(&table(&["#", "id", "kind", "prompt / action", "for_each", "when"], rows));
        for_terminal(&out)
    }
}
