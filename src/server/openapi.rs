//! `/v1/openapi.json`: the API as OpenAPI 3.1.

use serde_json::{Value, json};

fn string() -> Value {
    json!({"type": "string"})
}

fn object(properties: Value, required: &[&str]) -> Value {
    json!({"type": "object", "additionalProperties": false, "properties": properties, "required": required})
}

fn planner_fields() -> Value {
    json!({
        "planner": {"type": "string", "description": "rules, or an LLM planner the server is configured for"},
        "model": string(),
        "agent": {"type": "string", "description": "act through this registered AI agent"},
    })
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
        base.extend(extra.clone());
    }
    base
}

fn presented_key() -> Value {
    object(
        json!({
            "email": string(),
            "public_key": {"type": "string", "description": "Ed25519 public key, hex"},
            "possession": {"type": "string", "description": "hex signature by that key of \"opsgate-key-possession-v1\\n<email>\\n<public key hex>\""},
            "code": {"type": "string", "description": "the enrolment code (first key only)"},
        }),
        &["email", "public_key", "possession"],
    )
}

/// An operation whose success is the command's document in the format asked for.
fn operation(summary: &str, body: Option<Value>, parameters: Vec<Value>) -> Value {
    let mut op = json!({
        "summary": summary,
        "security": [{"httpSignature": []}],
        "parameters": parameters,
        "responses": {
            "200": {
                "description": "the same document as `opsgate … -o json` (or text, YAML, Markdown by Accept); `Opsgate-Exit-Code` is the command line's exit code",
                "headers": {"Opsgate-Exit-Code": {"schema": {"type": "integer"}}},
                "content": {"application/json": {}, "text/plain": {}, "application/yaml": {}, "text/markdown": {}},
            },
            "400": {"$ref": "#/components/responses/Error"},
            "401": {"$ref": "#/components/responses/Error"},
            "403": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"},
            "409": {"$ref": "#/components/responses/Error"},
            "422": {"$ref": "#/components/responses/Error"},
            "429": {"$ref": "#/components/responses/Error"},
        },
    });
    if let Some(schema) = body {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    op
}

fn path_id(description: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": string(), "description": description})
}

fn query(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "schema": schema})
}

pub fn document() -> Value {
    let targets = json!({"type": "array", "items": string(), "description": "plan ids (p7), action ids (a42), or one request in plain language"});
    let plan = object(
        with(json!({"prompt": string(), "mode": {"enum": ["suggest", "dry-run"]}}), planner_fields()),
        &["prompt"],
    );
    let execute = object(
        with(
            json!({
                "targets": targets,
                "token": {"type": "string", "description": "the confirmation token printed by plan or dry-run"},
                "totp": {"type": "string", "description": "a TOTP code, for actions that need a second factor"},
                "queue": {"type": "boolean"},
                "answered": {
                    "type": "object",
                    "description": "answers given on the person's terminal to /v1/reviews, by action id",
                    "additionalProperties": object(json!({"payload_hash": string(), "confirmed": {"type": "boolean"}}), &["payload_hash", "confirmed"]),
                },
            }),
            planner_fields(),
        ),
        &["targets"],
    );
    let decisions = object(
        json!({
            "decisions": {"type": "array", "items": object(json!({
                "action_id": string(),
                "decision": {"enum": ["approve", "reject"]},
                "signed_at": {"type": "string", "format": "date-time", "description": "as signed, microseconds, UTC (…T10:00:00.000000Z)"},
                "signature": {"type": "string", "description": "hex Ed25519 signature of the decision statement (canonical JSON, domain opsgate-approval-v1), made on the approver's machine"},
                "reason": string(),
            }), &["action_id", "decision", "signed_at", "signature"])},
            "totp": string(),
        }),
        &["decisions"],
    );
    let ask = object(
        with(json!({"prompt": string(), "max_steps": {"type": "integer"}}), planner_fields()),
        &["prompt"],
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "opsgate",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Guarded back-office actions. Every /v1 request (but this document and /v1/enrolments) is signed with the person's registered Ed25519 key as an HTTP Message Signature (RFC 9421) labelled sig1, covering @method, @target-uri and content-digest (RFC 9530), with created, keyid (k<id> or the public key in hex), nonce and alg=\"ed25519\"; created within 60 s, each nonce once. An agent signs with its own credential and adds acting_for=<email> to the query.",
        },
        "components": {
            "securitySchemes": {
                "httpSignature": {"type": "apiKey", "in": "header", "name": "Signature", "description": "RFC 9421; see info.description"},
            },
            "schemas": {
                "Error": object(json!({"error": object(json!({"code": string(), "message": string()}), &["code", "message"]), "output": string()}), &["error"]),
            },
            "responses": {
                "Error": {"description": "the error envelope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        },
        "paths": with(with(json!({
            "/healthz": {"get": {"summary": "liveness and database reachability", "responses": {"200": {"description": "ok"}}}},
            "/metrics": {"get": {"summary": "Prometheus text exposition", "responses": {"200": {"description": "metrics"}}}},
            "/v1/plans": {"post": operation("plan a request (suggest) or plan and simulate it (dry-run)", Some(plan), vec![])},
            "/v1/plans/{id}": {"get": operation("a stored plan with its current status", None, vec![path_id("p7")])},
            "/v1/plans/{id}/dry-run": {"post": operation("simulate a stored plan in a rolled-back transaction", None, vec![path_id("p7 or a42")])},
            "/v1/actions/{id}": {"get": operation("a stored action with its approvals", None, vec![path_id("a42")])},
            "/v1/actions/{id}/approval": {"get": operation("what an approver reviews, and the statement to sign", None, vec![path_id("a42")])},
            "/v1/reviews": {"post": operation("what execute shows before confirming each write", Some(object(json!({"targets": targets, "agent": string()}), &["targets"])), vec![])},
            "/v1/execute": {"post": operation("execute planned actions with a token, terminal answers or approvals", Some(execute), vec![])},
            "/v1/approvals": {
                "get": operation("pending actions the caller may approve", None, vec![]),
                "post": operation("record approvals or rejections signed on the approver's machine", Some(decisions), vec![]),
            },
            "/v1/ask": {"post": operation("a read-only answer with rows, sources, confidence and window", Some(ask), vec![])},
            "/v1/history": {"get": operation("the caller's plans and actions (everyone's with ops.audit.view and all=true)", None, vec![
                query("status", string()), query("action", string()), query("since", string()), query("until", string()),
                query("all", json!({"type": "boolean"})), query("limit", json!({"type": "integer"})),
            ])},
            "/v1/audit": {"get": operation("audit entries (needs ops.audit.view)", None, vec![
                query("actor", string()), query("subject", string()), query("event", string()), query("action", json!({"type": "integer"})),
                query("status", string()), query("since", string()), query("until", string()), query("limit", json!({"type": "integer"})),
                query("format", json!({"enum": ["jsonl"]})),
            ])},
            "/v1/audit/verify": {"get": operation("recompute the audit hash chain", None, vec![])},
            "/v1/catalog": {"get": operation("the action catalog", None, vec![query("mine", json!({"type": "boolean"}))])},
            "/v1/catalog/{name}": {"get": operation("one catalog action with its parameter schema", None, vec![json!({"name": "name", "in": "path", "required": true, "schema": string()})])},
            "/v1/policy": {
                "get": operation("the policy rules in force", None, vec![]),
                "post": operation("check a rule file and put it in force (needs system.admin)", Some(object(json!({"name": string(), "text": string()}), &["text"])), vec![]),
            },
            "/v1/policy/tests": {"post": operation("what the guard would decide for one step under a rule file", Some(object(json!({
                "name": string(), "text": string(), "action": string(), "params": {"type": "string", "description": "JSON text"},
                "agent": string(), "surface": string(),
            }), &["text", "action", "params", "surface"])), vec![])},
        }), staff_paths()), agent_paths()),
    })
}

fn staff_paths() -> Value {
    json!({
            "/v1/staff": {
                "get": operation("staff members (needs ops.staff.view)", None, vec![]),
                "post": operation("add a staff member; the answer carries their enrolment code", Some(object(json!({"email": string(), "name": string(), "role": string()}), &["email", "name", "role"])), vec![]),
            },
            "/v1/staff/countersignatures": {"post": operation("countersign the enrolment code a colleague issued (it counts only then)", Some(object(json!({"email": string()}), &["email"])), vec![])},
        "/v1/staff/invitations": {"post": operation("a new enrolment code for a staff member without a key", Some(object(json!({"email": string()}), &["email"])), vec![])},
            "/v1/staff/role-changes": {"post": operation("plan staff.set_role (approval and second factor)", Some(object(json!({"email": string(), "role": string()}), &["email", "role"])), vec![])},
            "/v1/staff/deactivations": {"post": operation("plan staff.deactivate (approval and second factor)", Some(object(json!({"email": string()}), &["email"])), vec![])},
            "/v1/staff/keys": {
                "get": operation("registered keys (yours, or everyone's with ops.staff.view)", None, vec![query("email", string())]),
                "post": operation("rotate: register a key generated on your machine", Some(presented_key()), vec![]),
            },
            "/v1/staff/keys/{key}/revocation": {"post": operation("revoke a key", Some(object(json!({"reason": string()}), &["reason"])), vec![json!({"name": "key", "in": "path", "required": true, "schema": string()})])},
            "/v1/staff/totp": {"post": operation("start TOTP enrolment (the signed request proves your key)", Some(object(json!({"totp": string()}), &[])), vec![])},
            "/v1/staff/totp/confirmation": {"post": operation("activate the enrolled secret with a first code", Some(object(json!({"totp": string()}), &["totp"])), vec![])},
            "/v1/enrolments": {"post": {
                "summary": "register your first key with the enrolment code you were given (no signature: the code authorizes, `possession` binds the key)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": presented_key()}}},
                "responses": {"200": {"description": "the key is registered"}, "401": {"$ref": "#/components/responses/Error"}},
            }},
    })
}

fn agent_paths() -> Value {
    json!({
            "/v1/agents": {
                "get": operation("registered AI agents", None, vec![]),
                "post": operation("register an agent; the answer carries its credential, shown once", Some(object(json!({
                    "name": string(), "model": string(), "tier": {"enum": ["read", "suggest", "write"]},
                    "rate_limit": {"type": "integer"}, "daily_tokens": {"type": "integer"}, "daily_tool_calls": {"type": "integer"},
                    "daily_mutations": {"type": "integer"}, "credential_days": {"type": "integer"},
                }), &["name", "model", "tier"])), vec![]),
            },
            "/v1/agents/{name}/rotation": {"post": operation("a new credential, shown once; earlier ones are revoked", None, vec![json!({"name": "name", "in": "path", "required": true, "schema": string()})])},
            "/v1/agents/{name}/revocation": {"post": operation("revoke the agent's credentials", None, vec![json!({"name": "name", "in": "path", "required": true, "schema": string()})])},
            "/v1/agents/{name}/disable": {"post": operation("disable the agent", None, vec![json!({"name": "name", "in": "path", "required": true, "schema": string()})])},
    })
}
