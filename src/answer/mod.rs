//! `ask`: read-only answers. The same planner proposes; only read and draft
//! steps run; a write gets the `opsgate plan` command instead. Every answer
//! carries its rows, its sources, a confidence and the window it covers, and
//! is masked for people without full PII access.

mod drafts;
mod finding;
mod health;
mod lists;
mod logs;
mod metrics;
mod model;
mod queue;
mod read;
mod runbook;
mod sla;
mod window;

use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Value, json};

pub use finding::{Finding, Source, money};
pub use model::ModelAsk;
pub use queue::priority_score;
pub use window::AnswerWindow;

use crate::audit::NewAuditEntry;
use crate::catalog::{Catalog, Risk};
use crate::error::{Error, Result};
use crate::guard::{decide, require_ai_use};
use crate::identity::StaffMember;
use crate::pii;
use crate::plan::Decision;
use crate::planner::{PlanRequest, Planner};
use crate::runbooks::Passage;
use crate::settings::Settings;
use crate::store::{ResultSet, Store};
use crate::time::now_micros;

/// What `ask` needs besides the store.
pub struct AskRequest<'a> {
    pub prompt: &'a str,
    pub person: &'a StaffMember,
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

    /// Masks phones, e-mails and free text for people without full access.
    fn mask(&mut self) {
        self.masked = true;
        self.prompt = pii::mask_text(&self.prompt);
        self.answer = pii::mask_text(&self.answer);
        self.suggested_command = self.suggested_command.take().map(|c| pii::mask_text(&c));
        for step in &mut self.steps {
            pii::mask_json(&mut step.params);
        }
        for source in &mut self.sources {
            if let Source::Query { params, .. } = source {
                params.iter_mut().for_each(|p| *p = pii::mask_text(p));
            }
        }
        self.draft = self.draft.take().map(|d| pii::mask_text(&d));
        for (index, column) in self.table.columns.clone().iter().enumerate() {
            for row in &mut self.table.rows {
                if let Some(Value::String(text)) = row.get_mut(index) {
                    *text = match column.as_str() {
                        "email" => pii::mask_email(text),
                        "phone" => pii::mask_phone(text),
                        _ => pii::mask_text(text),
                    };
                }
            }
        }
        self.facts.iter_mut().for_each(pii::mask_json);
        for passage in &mut self.passages {
            passage.text = pii::mask_text(&passage.text);
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
async fn refuse<T>(store: &Store, person: &StaffMember, prompt: &str, denied: Error) -> Result<T> {
    let entry = NewAuditEntry::by_person(
        person,
        "ask.denied",
        "denied",
        json!({"prompt": prompt, "reason": denied.to_string()}),
    );
    store.append_audit(&[entry]).await?;
    Err(denied)
}

/// What running one allowed read or draft step needs besides its parameters.
pub(crate) struct StepContext<'a> {
    pub store: &'a Store,
    pub catalog: &'a Catalog,
    pub person: &'a StaffMember,
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
        if action.risk == Risk::Draft {
            let request = drafts::DraftRequest {
                action: &action.name,
                params,
                window,
                person: self.person,
                override_dir: self.templates_dir,
            };
            let (finding, text) =
                drafts::draft(self.store, self.catalog, request, self.settings, self.now).await?;
            return Ok((finding, Some(text)));
        }
        let built = crate::payload::build(self.store, action, params, self.person).await?;
        let finding =
            read::run(self.store, action, params, &built.payload, window, self.settings, self.now).await?;
        Ok((finding, None))
    }
}

/// Answers a question. Writes nothing but its audit entry.
pub async fn ask(
    store: &Store,
    catalog: &Catalog,
    planner: &dyn Planner,
    request: AskRequest<'_>,
) -> Result<Answer> {
    let AskRequest { prompt, person, templates_dir } = request;
    if let Err(denied) = require_ai_use(person) {
        return refuse(store, person, prompt, denied).await;
    }
    let settings = Settings::load(store).await?;
    let now = now_micros();
    let local_now = settings.local(now);
    let about_runbooks = asks_about_runbooks(prompt);
    let proposal = planner.propose_for(PlanRequest { prompt, catalog, now: local_now, person }).await;

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
            return finish(store, person, answer, "runbooks").await;
        }
    }
    let proposal = match proposal {
        Ok(proposal) => proposal,
        Err(error) => {
            store
                .append_audit(&[NewAuditEntry::by_person(
                    person,
                    "ask.unplannable",
                    "failed",
                    json!({"prompt": prompt, "error": error.to_string()}),
                )])
                .await?;
            return Err(error);
        }
    };
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
            decision: decide(person, catalog.require(&step.action)?).decision,
            missing_permission: None,
            confidence: step.confidence,
        });
        answer.suggested_command = Some(command);
        return finish(store, person, answer, "write_redirected").await;
    }

    let label = crate::planner::slots::extract(prompt, local_now).window.map(|w| (w.from, w.to, w.label));
    let steps =
        StepContext { store, catalog, person, settings: &settings, templates_dir: &templates_dir, now };
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
        let verdict = decide(person, action);
        answer.steps.push(AnswerStep {
            action: action.name.clone(),
            params: params.clone(),
            risk: action.risk,
            decision: verdict.decision,
            missing_permission: verdict.missing_permission.clone(),
            confidence: step.confidence,
        });
        if verdict.decision == Decision::Denied {
            denied.push(format!(
                "{} needs `{}`, which {} ({}) lacks",
                action.name,
                verdict.missing_permission.as_deref().unwrap_or(&action.permission),
                person.email,
                person.role
            ));
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
        return refuse(
            store,
            person,
            prompt,
            Error::Denied(format!("nothing to answer: {}", denied.join("; "))),
        )
        .await;
    }
    if !denied.is_empty() {
        summaries.push(format!("Not answered: {}.", denied.join("; ")));
    }
    answer.answer = summaries.join(" ");
    answer.confidence = proposal.steps.iter().map(|s| s.confidence).fold(1.0, f64::min);
    if about_runbooks {
        // A data question that mentions policy also gets the passages that match it.
        answer.passages = runbook::passages_for(store, prompt).await?;
        answer.sources.extend(answer.passages.iter().map(runbook::source));
    }
    finish(store, person, answer, "data").await
}

/// Answers a question with a model's agentic loop (reads only; see [`ModelAsk`]).
pub async fn ask_with_model(request: ModelAsk<'_>) -> Result<Answer> {
    let (store, person, prompt) = (request.store, request.person, request.prompt);
    if let Err(denied) = require_ai_use(person) {
        return refuse(store, person, prompt, denied).await;
    }
    match request.run().await {
        Ok(answer) => finish(store, person, answer, "model").await,
        Err(error) => {
            if matches!(error, Error::Unplannable(_)) {
                store
                    .append_audit(&[NewAuditEntry::by_person(
                        person,
                        "ask.unplannable",
                        "failed",
                        json!({"prompt": prompt, "error": error.to_string()}),
                    )])
                    .await?;
            }
            Err(error)
        }
    }
}

pub(crate) async fn finish(
    store: &Store,
    person: &StaffMember,
    mut answer: Answer,
    kind: &str,
) -> Result<Answer> {
    if pii::must_mask(Some(person)) {
        answer.mask();
    }
    answer.rows = answer.table.objects();
    let steps: Vec<Value> =
        answer.steps.iter().map(|s| json!({"action": s.action, "decision": s.decision.as_str()})).collect();
    store
        .append_audit(&[NewAuditEntry::by_person(
            person,
            "ask.answered",
            "succeeded",
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
