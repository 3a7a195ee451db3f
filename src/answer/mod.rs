//! `ask`: read-only answers. The same planner proposes; only read and draft
//! steps run; a write gets the `opsgate plan` command instead. Every answer
//! carries its rows, its sources, a confidence and the window it covers, and
//! is masked for people without full PII access.

mod drafts;
mod explicit;
mod finding;
pub(crate) mod health;
mod lists;
pub(crate) mod logs;
pub(crate) mod metrics;
mod model;
pub(crate) mod queue;
mod read;
mod runbook;
pub(crate) mod sla;
mod window;

use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Value, json};

pub use explicit::{ROWS_RETURNED, ReadResult, read_explicit};
pub use finding::{Finding, Source, money};
pub use model::ModelAsk;
pub use queue::priority_score;
pub use read::run as read_step;
pub use window::AnswerWindow;

use crate::audit::{Event, Outcome};
use crate::catalog::Risk;
use crate::error::{Error, Result};
use crate::guard::{Charge, Guard, Stage, Step};
use crate::pii::Audience;
use crate::plan::Decision;
use crate::planner::{PlanRequest, Planner};
use crate::runbooks::Passage;
use crate::session::Session;
use crate::settings::Settings;
use crate::store::ResultSet;

/// What `ask` needs besides the session.
pub struct AskRequest<'a> {
    pub prompt: &'a str,
    /// `$XDG_CONFIG_HOME/opsgate/templates`: drafts' template overrides.
    pub templates_dir: PathBuf,
}

/// One step of the answer's plan and what the guard said.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerStep {
    pub action: String,
    pub params: Value,
    pub risk: Risk,
    pub decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_permission: Option<String>,
    pub confidence: f64,
}

/// An answer (DESIGN.md: `answer`, `rows`, `sources`, `confidence`, `window`).
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub prompt: String,
    pub answer: String,
    /// The rows of the first step that read any, as objects.
    pub rows: Vec<Value>,
    #[serde(skip)]
    pub table: ResultSet,
    pub sources: Vec<Source>,
    pub confidence: f64,
    pub window: Option<AnswerWindow>,
    pub steps: Vec<AnswerStep>,
    /// Key figures per step.
    pub facts: Vec<Value>,
    /// Runbook passages the answer rests on.
    pub passages: Vec<Passage>,
    /// Draft text, when a draft was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// For a request to change something: the command that plans it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_command: Option<String>,
    /// Whether phone numbers and e-mails were masked for this person.
    pub masked: bool,
}

impl Answer {
    pub(crate) fn new(prompt: &str) -> Answer {
        Answer {
            prompt: prompt.to_owned(),
            answer: String::new(),
            rows: Vec::new(),
            table: ResultSet::default(),
            sources: Vec::new(),
            confidence: 0.0,
            window: None,
            steps: Vec::new(),
            facts: Vec::new(),
            passages: Vec::new(),
            draft: None,
            suggested_command: None,
            masked: false,
        }
    }

    /// The table's columns named `email` and `phone` masked whatever their
    /// values look like; everything else is masked where the answer leaves the
    /// library (the render choke point), which also sees these cells.
    fn mask_columns(&mut self, audience: &Audience) {
        self.masked = audience.masks();
        if !self.masked {
            return;
        }
        for (index, column) in self.table.columns.clone().iter().enumerate() {
            for row in &mut self.table.rows {
                if let Some(Value::String(text)) = row.get_mut(index) {
                    let mut cell = serde_json::json!({ column.as_str(): text.as_str() });
                    audience.value(&mut cell);
                    if let Some(Value::String(masked)) = cell.get_mut(column.as_str()).map(Value::take) {
                        *text = masked;
                    }
                }
            }
        }
    }
}

/// Words that make a question about the team's own documents.
const RUNBOOK_CUES: &[&str] = &[
    "policy",
    "policies",
    "runbook",
    "runbooks",
    "procedure",
    "process",
    "guideline",
    "guidelines",
    "playbook",
    "handbook",
    "documentation",
    "docs",
    "onboarding",
    "escalation",
    "say",
    "says",
    "should",
    "how do we",
    "how should",
];

fn asks_about_runbooks(prompt: &str) -> bool {
    let lower = prompt.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    RUNBOOK_CUES.iter().any(|cue| if cue.contains(' ') { lower.contains(cue) } else { words.contains(cue) })
}

/// Audits a refused question (`ask.denied`) and returns the refusal.
async fn refuse<T>(session: &Session, prompt: &str, denied: Error) -> Result<T> {
    Err(session.refuse(Event::AskDenied, Outcome::Denied, None, json!({"prompt": prompt}), denied).await)
}

/// What running one allowed read or draft step needs besides its parameters.
pub(crate) struct StepContext<'a> {
    pub session: &'a Session,
    pub settings: &'a Settings,
    pub templates_dir: &'a std::path::Path,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl StepContext<'_> {
    /// Runs a step the guard allowed: a draft (its finding and text) or a read.
    pub(crate) async fn run(
        &self,
        action: &crate::catalog::ActionSpec,
        params: &Value,
        window: Option<&AnswerWindow>,
    ) -> Result<(Finding, Option<String>)> {
        let (store, person) = (self.session.store(), self.session.person()?);
        if action.risk == Risk::Draft {
            let request = drafts::DraftRequest {
                action: &action.name,
                params,
                window,
                person,
                override_dir: self.templates_dir,
            };
            let (finding, text) = drafts::draft(self.session, request, self.settings, self.now).await?;
            return Ok((finding, Some(text)));
        }
        let built = crate::payload::build(store, action, params, person).await?;
        let finding =
            read::run(store, action, &built.params, &built.payload, window, self.settings, self.now).await?;
        Ok((finding, None))
    }
}

/// Answers a question. Writes nothing but its audit entry.
pub async fn ask(session: &Session, planner: &dyn Planner, request: AskRequest<'_>) -> Result<Answer> {
    let AskRequest { prompt, templates_dir } = request;
    let (store, catalog) = (session.store(), session.catalog());
    let guard = Guard::new(session);
    let person = match guard.require_ai_use() {
        Ok(person) => person,
        Err(denied) => return refuse(session, prompt, denied).await,
    };
    let settings = Settings::load(store).await?;
    let now = session.now();
    let local_now = settings.local(now);
    let about_runbooks = asks_about_runbooks(prompt);
    let offer = guard.offer();
    let proposal =
        planner.propose_for(PlanRequest { prompt, catalog, now: local_now, person, offer: &offer }).await;

    let mut answer = Answer::new(prompt);
    let wants_write = proposal
        .as_ref()
        .ok()
        .and_then(|p| p.steps.iter().find(|s| catalog.get(&s.action).is_some_and(|a| a.risk.writes())))
        .cloned();
    let runbook_first = about_runbooks || proposal.is_err();
    if runbook_first {
        let passages = runbook::passages_for(store, prompt).await?;
        if !passages.is_empty() && (about_runbooks || wants_write.is_none()) {
            runbook::answer(&mut answer, passages);
            return finish(session, answer, "runbooks").await;
        }
    }
    let proposal = match proposal {
        Ok(proposal) => proposal,
        Err(error) => {
            return Err(session
                .refuse(Event::AskUnplannable, Outcome::Failed, None, json!({"prompt": prompt}), error)
                .await);
        }
    };
    if proposal.steps.len() > crate::pipeline::MAX_STEPS {
        let error = Error::Unplannable(format!(
            "the question became {} steps; one request may have at most {}: split it",
            proposal.steps.len(),
            crate::pipeline::MAX_STEPS
        ));
        return Err(session
            .refuse(Event::AskUnplannable, Outcome::Failed, None, json!({"prompt": prompt}), error)
            .await);
    }
    if let Some(step) = &wants_write {
        let command = format!("opsgate plan {}", shell_quote(prompt));
        answer.answer = format!(
            "`{}` would change data, and `ask` only reads. Nothing was changed. To review and run it, plan it: {command}",
            step.action
        );
        answer.confidence = step.confidence;
        answer.steps.push(AnswerStep {
            action: step.action.clone(),
            params: step.params.clone(),
            risk: catalog.require(&step.action)?.risk,
            decision: guard.permits(catalog.require(&step.action)?, Stage::Plan).decision,
            missing_permission: None,
            confidence: step.confidence,
        });
        answer.suggested_command = Some(command);
        return finish(session, answer, "write_redirected").await;
    }
    // Every step the question became is a guarded tool call.
    let charge = Charge { tool_calls: proposal.steps.len() as i64, mutations: 0 };
    if let Err(over) = guard.charge(charge).await {
        return Err(session
            .refuse(Event::AskOverBudget, Outcome::Refused, None, json!({"prompt": prompt}), over)
            .await);
    }

    let label = crate::planner::slots::extract(prompt, local_now).window.map(|w| (w.from, w.to, w.label));
    let steps = StepContext { session, settings: &settings, templates_dir: &templates_dir, now };
    let mut summaries = Vec::new();
    let mut denied = Vec::new();
    for step in &proposal.steps {
        let action = catalog.require(&step.action).map_err(|e| Error::Unplannable(e.to_string()))?;
        let mut params = step.params.clone();
        let step_label = label.as_ref().and_then(|(from, to, label)| {
            (params.get("from").and_then(Value::as_str) == Some(&from.to_rfc3339())
                && params.get("to").and_then(Value::as_str) == Some(&to.to_rfc3339()))
            .then_some(label.as_str())
        });
        let window = window::resolve(action, prompt, &mut params, step_label, &settings, now);
        catalog.validate(&action.name, &params).map_err(|e| Error::Unplannable(e.to_string()))?;
        let verdict = match guard.decide(&Step::new(action, &params), Stage::Plan).await {
            Ok(verdict) => verdict,
            Err(error) => {
                let payload = json!({"prompt": prompt, "action": action.name});
                return Err(session.refuse(Event::AskRefused, Outcome::Refused, None, payload, error).await);
            }
        };
        answer.steps.push(AnswerStep {
            action: action.name.clone(),
            params: params.clone(),
            risk: action.risk,
            decision: verdict.decision,
            missing_permission: verdict.missing_permission.clone(),
            confidence: step.confidence,
        });
        if verdict.decision == Decision::Denied {
            denied.push(format!("{}: {}", action.name, verdict.denial.unwrap_or_default()));
            continue;
        }
        let (finding, draft) = steps.run(action, &params, window.as_ref()).await?;
        if draft.is_some() {
            answer.draft = draft;
        }
        if answer.window.is_none() {
            answer.window = window;
        }
        if answer.table.columns.is_empty() && !finding.table.columns.is_empty() {
            answer.table = finding.table.clone();
        }
        summaries.push(finding.summary.clone());
        answer.facts.push(json!({"action": finding.action, "facts": finding.facts}));
        answer.sources.extend(finding.sources);
    }
    if summaries.is_empty() {
        return refuse(session, prompt, Error::Denied(format!("nothing to answer: {}", denied.join("; "))))
            .await;
    }
    if !denied.is_empty() {
        summaries.push(format!("Not answered: {}.", denied.join("; ")));
    }
    if answer.window.is_none() && answer.draft.is_none() {
        answer.window = Some(AnswerWindow::snapshot(now, &settings));
    }
    answer.answer = summaries.join(" ");
    answer.confidence = proposal.steps.iter().map(|s| s.confidence).fold(1.0, f64::min);
    if about_runbooks {
        // A data question that mentions policy also gets the passages that match it.
        answer.passages = runbook::passages_for(store, prompt).await?;
        answer.sources.extend(answer.passages.iter().map(runbook::source));
    }
    finish(session, answer, "data").await
}

/// Answers a question with a model's agentic loop (reads only; see [`ModelAsk`]).
pub async fn ask_with_model(request: ModelAsk<'_>) -> Result<Answer> {
    let (session, prompt) = (request.session, request.prompt);
    if let Err(denied) = Guard::new(session).require_ai_use() {
        return refuse(session, prompt, denied).await;
    }
    match request.run().await {
        Ok(answer) => finish(session, answer, "model").await,
        Err(error @ Error::Unplannable(_)) => Err(session
            .refuse(Event::AskUnplannable, Outcome::Failed, None, json!({"prompt": prompt}), error)
            .await),
        Err(error) => Err(error),
    }
}

pub(crate) async fn finish(session: &Session, mut answer: Answer, kind: &str) -> Result<Answer> {
    answer.mask_columns(&session.audience().await?);
    answer.rows = answer.table.objects();
    let steps: Vec<Value> =
        answer.steps.iter().map(|s| json!({"action": s.action, "decision": s.decision.as_str()})).collect();
    session
        .store()
        .append_audit(&[session.entry(
            Event::AskAnswered,
            Outcome::Succeeded,
            json!({
                "prompt": answer.prompt,
                "kind": kind,
                "steps": steps,
                "rows": answer.rows.len(),
                "sources": answer.sources.len(),
                "confidence": answer.confidence,
                "window": answer.window.as_ref().map(|w| json!({"from": w.from, "to": w.to})),
            }),
        )])
        .await?;
    Ok(answer)
}

/// Single-quotes a prompt for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", crate::sanitize::one_line(text).replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runbook_questions_are_recognised() {
        assert!(asks_about_runbooks("what does our refund policy say about no-shows?"));
        assert!(asks_about_runbooks("how do we onboard a provider"));
        assert!(!asks_about_runbooks("revenue in the last 30 days"));
        assert!(!asks_about_runbooks("which complaints are about to breach SLA?"));
    }

    #[test]
    fn prompts_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("refund booking 142"), "'refund booking 142'");
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
    }
}
