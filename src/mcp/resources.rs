//! What an MCP client may read without calling a tool: the runbooks (cited
//! by line range, as `ask` cites them), the catalog this session is offered,
//! and the session person's plans and actions. Everything is masked for the
//! session's person where it leaves ([`super::server`]).

use rmcp::model::{Resource, ResourceContents, ResourceTemplate};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::guard::Guard;
use crate::pipeline::{load_plan, load_step, may_see};
use crate::plan::{ActionId, PlanId};
use crate::session::Session;

pub const CATALOG_URI: &str = "opsgate://catalog";
const RUNBOOKS: &str = "opsgate://runbooks/";
const PLANS: &str = "opsgate://plans/";
const ACTIONS: &str = "opsgate://actions/";
const JSON: &str = "application/json";

/// The concrete resources: the catalog and every indexed runbook.
pub async fn listed(session: &Session) -> Result<Vec<Resource>> {
    let mut resources = vec![
        Resource::new(CATALOG_URI, "catalog")
            .with_title("Actions this session may use")
            .with_description("Every catalog action offered to this session: risk, permission, what it needs, its parameter schema")
            .with_mime_type(JSON),
    ];
    for document in crate::runbooks::list(session.store()).await? {
        resources.push(
            Resource::new(format!("{RUNBOOKS}{}", document.path), document.path.clone())
                .with_title(document.title.clone())
                .with_description(format!(
                    "Runbook, {} lines in {} passages",
                    document.lines, document.chunks
                ))
                .with_mime_type("text/markdown"),
        );
    }
    Ok(resources)
}

pub fn templates() -> Vec<ResourceTemplate> {
    vec![
        ResourceTemplate::new(format!("{RUNBOOKS}{{path}}"), "runbook")
            .with_description("An indexed runbook; each passage is headed by its citation, path#Lfirst-Llast")
            .with_mime_type("text/markdown"),
        ResourceTemplate::new(format!("{PLANS}{{id}}"), "plan")
            .with_description("A stored plan of this session's person (p7), with its steps' status")
            .with_mime_type(JSON),
        ResourceTemplate::new(format!("{ACTIONS}{{id}}"), "action")
            .with_description("A stored action of this session's person (a42), with its status and approvals")
            .with_mime_type(JSON),
    ]
}

/// One resource (a JSON document, or a string of Markdown) and its MIME
/// type, or [`Error::NotFound`].
pub async fn read(session: &Session, uri: &str) -> Result<(Value, &'static str)> {
    let store = session.store();
    if uri == CATALOG_URI {
        let guard = Guard::new(session);
        let actions: Vec<Value> = guard
            .offered_actions()
            .into_iter()
            .map(|action| {
                json!({
                    "name": action.name, "description": action.description, "risk": action.risk.as_str(),
                    "permission": action.permission, "requires": action.requires.as_str(),
                    "second_factor": action.second_factor, "needs": super::tools::needs(action),
                    "params": action.params,
                })
            })
            .collect();
        return Ok((json!({"actions": actions}), JSON));
    }
    if let Some(path) = uri.strip_prefix(RUNBOOKS) {
        session.person()?;
        let passages = store.runbook_passages(path).await?;
        if passages.is_empty() {
            return Err(Error::NotFound(format!("no runbook indexed at `{path}`")));
        }
        let text = passages
            .iter()
            .map(|p| format!("<!-- {path}#L{}-L{} ({}) -->\n{}", p.line_start, p.line_end, p.heading, p.text))
            .collect::<Vec<_>>()
            .join("\n\n");
        return Ok((Value::String(text), "text/markdown"));
    }
    let person = session.person()?;
    if let Some(id) = uri.strip_prefix(PLANS) {
        let id = parse_id(id.trim_start_matches(['p', 'P']), uri)?;
        let plan = load_plan(store, PlanId(id)).await?;
        may_see(person, &plan.requested_by)?;
        let mut plan = plan;
        plan.steps.iter_mut().for_each(|step| step.confirmation_token = None);
        return Ok((serde_json::to_value(&plan).unwrap_or_default(), JSON));
    }
    if let Some(id) = uri.strip_prefix(ACTIONS) {
        let id = parse_id(id.trim_start_matches(['a', 'A']), uri)?;
        let (row, step) = load_step(store, ActionId(id)).await?;
        may_see(person, &row.requester_email)?;
        return Ok((serde_json::to_value(&step).unwrap_or_default(), JSON));
    }
    Err(Error::NotFound(format!("no resource `{uri}`")))
}

fn parse_id(text: &str, uri: &str) -> Result<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Error::NotFound(format!("no resource `{uri}`")))
}

/// One resource's contents as MCP carries them.
pub fn contents(uri: &str, text: String, mime_type: &str) -> ResourceContents {
    ResourceContents::text(text, uri).with_mime_type(mime_type)
}
