//! The tools one session is shown: the catalog actions its guard offers
//! (the person's permissions ∩ the agent's tier ∩ the session's
//! constraints), each with its parameter schema, what it needs and hints,
//! plus opsgate's own `plan`, `ask`, `show` and `pending`. What is listed is
//! decided again when a tool is called.

use std::sync::Arc;

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};

use crate::catalog::{ActionSpec, Requires, Risk};
use crate::guard::Guard;
use crate::session::Session;

pub const PLAN: &str = "plan";
pub const ASK: &str = "ask";
pub const SHOW: &str = "show";
pub const PENDING: &str = "pending";

/// opsgate's own tools, which are not catalog actions.
pub const OWN_TOOLS: &[&str] = &[PLAN, ASK, SHOW, PENDING];

/// The tools `session` may use, catalog actions first (in catalog order).
/// Someone who may not use the AI at all is shown none.
pub fn listed(session: &Session) -> Vec<Tool> {
    let guard = Guard::new(session);
    if guard.require_ai_use().is_err() {
        return Vec::new();
    }
    let mut tools: Vec<Tool> = guard.offered_actions().into_iter().map(action_tool).collect();
    tools.extend(own_tools());
    tools
}

/// What a person must still do for a write, in one sentence.
pub fn needs(action: &ActionSpec) -> &'static str {
    match (action.risk.writes(), action.requires, action.second_factor) {
        (false, _, _) if action.risk == Risk::Draft => "Drafts text and changes nothing; runs at once.",
        (false, _, _) => "Reads only; runs at once and returns rows with their sources.",
        (true, Requires::Approval, true) => {
            "Never runs from here: the call stores a pending action that a second person must approve \
             (`opsgate approve aN`) before its requester runs it with a second factor (`opsgate execute aN`)."
        }
        (true, Requires::Approval, false) => {
            "Never runs from here: the call stores a pending action that a second person must approve \
             (`opsgate approve aN`) before its requester runs it (`opsgate execute aN`)."
        }
        (true, _, true) => {
            "Never runs from here: the call stores a pending action that the person confirms with a \
             second factor (`opsgate execute aN`)."
        }
        (true, _, false) => {
            "Never runs from here: the call stores a pending action that the person confirms \
             (`opsgate execute aN`)."
        }
    }
}

fn action_tool(action: &'static ActionSpec) -> Tool {
    let writes = action.risk.writes();
    let annotations = ToolAnnotations::with_title(action.description.clone())
        .read_only(!writes)
        .destructive(matches!(action.risk, Risk::Destructive | Risk::Financial | Risk::Admin))
        .idempotent(!writes)
        .open_world(false);
    let description = format!(
        "{}. Risk: {}; permission `{}`. {}",
        action.description.trim_end_matches('.'),
        action.risk.as_str(),
        action.permission,
        needs(action)
    );
    let output = if writes { pending_action_schema() } else { read_schema() };
    Tool::new(action.name.clone(), description, schema_object(&action.params))
        .with_raw_output_schema(output)
        .with_annotations(annotations)
}

fn own_tools() -> Vec<Tool> {
    let read_only =
        |title: &str| ToolAnnotations::with_title(title).read_only(true).idempotent(true).open_world(false);
    vec![
        Tool::new(
            PLAN,
            "Turn a request in plain language into a stored plan of catalogued actions. Reads in the plan \
             are listed, writes are stored as pending actions for a person to confirm or approve; nothing \
             is executed from here.",
            object(json!({
                "type": "object", "additionalProperties": false, "required": ["prompt"],
                "properties": {"prompt": {"type": "string", "minLength": 1, "maxLength": 2000,
                    "description": "The request, e.g. \"cancel booking 12\""}}
            })),
        )
        .with_raw_output_schema(object(json!({
            "type": "object", "required": ["plan_id", "steps"],
            "properties": {
                "plan_id": {"type": "string"}, "prompt": {"type": "string"},
                "steps": {"type": "array", "items": {"type": "object"}},
                "next": {"type": "array", "items": {"type": "string"}}
            }
        })))
        .with_annotations(
            ToolAnnotations::with_title("Plan a request")
                .read_only(false)
                .destructive(false)
                .open_world(false),
        ),
        Tool::new(
            ASK,
            "Answer a question about the back office from its data and runbooks: the answer, its rows, \
             the statements and runbook passages it rests on, a confidence and the time window it covers. \
             Reads only.",
            object(json!({
                "type": "object", "additionalProperties": false, "required": ["question"],
                "properties": {"question": {"type": "string", "minLength": 1, "maxLength": 2000}}
            })),
        )
        .with_raw_output_schema(object(json!({
            "type": "object", "required": ["answer", "sources", "confidence"],
            "properties": {
                "answer": {"type": "string"}, "rows": {"type": "array"}, "sources": {"type": "array"},
                "confidence": {"type": "number"}, "window": {"type": ["object", "null"]},
                "passages": {"type": "array"}
            }
        })))
        .with_annotations(read_only("Ask a question")),
        Tool::new(
            SHOW,
            "Show one stored plan (p7) or action (a42) of this session's person, with its status.",
            object(json!({
                "type": "object", "additionalProperties": false, "required": ["id"],
                "properties": {"id": {"type": "string", "pattern": "^[pPaA]?[0-9]{1,18}$"}}
            })),
        )
        .with_raw_output_schema(object(json!({"type": "object"})))
        .with_annotations(read_only("Show a plan or action")),
        Tool::new(
            PENDING,
            "List this session's person's actions that wait for a confirmation, an approval or execution.",
            object(json!({"type": "object", "additionalProperties": false, "properties": {}})),
        )
        .with_raw_output_schema(object(json!({
            "type": "object", "required": ["pending"],
            "properties": {"pending": {"type": "array", "items": {"type": "object"}}}
        })))
        .with_annotations(read_only("Pending actions")),
    ]
}

/// A read's structured result.
fn read_schema() -> Arc<JsonObject> {
    object(json!({
        "type": "object", "required": ["action", "summary", "rows", "rows_total", "sources"],
        "properties": {
            "action": {"type": "string"}, "params": {"type": "object"}, "summary": {"type": "string"},
            "facts": {"type": "object"}, "rows": {"type": "array", "items": {"type": "object"}},
            "rows_total": {"type": "integer"}, "sources": {"type": "array"},
            "window": {"type": ["object", "null"]}, "draft": {"type": "string"}
        }
    }))
}

/// A write call's structured result: the stored action and what it needs.
fn pending_action_schema() -> Arc<JsonObject> {
    object(json!({
        "type": "object",
        "required": ["plan_id", "action_id", "action", "status", "payload", "payload_hash", "requires", "next"],
        "properties": {
            "plan_id": {"type": "string"}, "action_id": {"type": "string"}, "action": {"type": "string"},
            "status": {"type": "string"}, "summary": {"type": "string"}, "params": {"type": "object"},
            "payload": {}, "payload_hash": {"type": "string"},
            "requires": {"type": "string", "enum": ["none", "confirm", "approval"]},
            "approvals": {"type": "integer"}, "second_factor": {"type": "boolean"},
            "next": {"type": "string"}
        }
    }))
}

/// A catalog schema as an MCP input schema (always an object schema).
fn schema_object(schema: &Value) -> Arc<JsonObject> {
    match schema {
        Value::Object(map) if map.get("type").and_then(Value::as_str) == Some("object") => {
            Arc::new(map.clone())
        }
        _ => object(json!({"type": "object", "properties": {}})),
    }
}

fn object(value: Value) -> Arc<JsonObject> {
    match value {
        Value::Object(map) => Arc::new(map),
        _ => Arc::new(JsonObject::new()),
    }
}
