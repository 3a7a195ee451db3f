//! One read or draft named with its parameters (an MCP tool call): no
//! planner, the same guard, budget and answer modules as `ask`.

use serde::Serialize;
use serde_json::{Map, Value};

use super::StepContext;
use super::finding::Source;
use super::window::{self, AnswerWindow};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::guard::{Charge, Guard, Stage, Step};
use crate::plan::Decision;
use crate::session::Session;
use crate::settings::Settings;

/// Rows of one result returned; `rows_total` says how many there were.
pub const ROWS_RETURNED: usize = 100;

/// What one read returned.
#[derive(Debug, Clone, Serialize)]
pub struct ReadResult {
    pub action: String,
    /// With the defaults and the resolved window filled in.
    pub params: Value,
    pub summary: String,
    pub facts: Map<String, Value>,
    pub rows: Vec<Value>,
    pub rows_total: usize,
    pub sources: Vec<Source>,
    pub window: Option<AnswerWindow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
}

/// Runs `action` (a read or a draft) with `params` in `session`: counted as
/// one tool call, checked against its schema and decided by the guard (its
/// policy rules included); drafts read their template overrides from
/// `templates_dir`. A denial is [`Error::Denied`]; nothing is written
/// but the budget's count.
pub async fn read_explicit(
    session: &Session,
    action: &'static ActionSpec,
    params: Value,
    templates_dir: &std::path::Path,
) -> Result<ReadResult> {
    if action.risk.writes() {
        return Err(Error::Internal(format!("`{}` changes data; it is planned, not read", action.name)));
    }
    let guard = Guard::new(session);
    guard.require_ai_use()?;
    guard.charge(Charge { tool_calls: 1, mutations: 0 }).await?;
    let store = session.store();
    let settings = Settings::load(store).await?;
    let now = session.now();
    let mut params = params;
    let window = window::resolve(action, "", &mut params, None, &settings, now);
    session.catalog().validate(&action.name, &params).map_err(|e| Error::Usage(e.to_string()))?;
    let verdict = guard.decide(&Step::new(action, &params), Stage::Plan).await?;
    if verdict.decision == Decision::Denied {
        return Err(Error::Denied(verdict.denial.unwrap_or_else(|| format!("{} is denied", action.name))));
    }
    let steps = StepContext { session, settings: &settings, templates_dir, now };
    let (finding, draft) = steps.run(action, &params, window.as_ref()).await?;
    let mut rows = finding.table.objects();
    let rows_total = rows.len();
    rows.truncate(ROWS_RETURNED);
    Ok(ReadResult {
        action: action.name.clone(),
        params,
        summary: finding.summary,
        facts: finding.facts,
        rows,
        rows_total,
        sources: finding.sources,
        window: if draft.is_none() {
            window.or_else(|| Some(AnswerWindow::snapshot(now, &settings)))
        } else {
            window
        },
        draft,
    })
}
