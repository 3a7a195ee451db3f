//! The Gemini `generateContent` shape: `functionCall` parts.

use serde_json::{Value, json};

use super::reply::{Arguments, ModelReply, ToolCall, Usage, int};
use super::tools::{Tool, gemini_schema};
use super::{Conversation, Role};

pub fn body(conversation: &Conversation, tools: &[Tool]) -> Value {
    let contents: Vec<Value> = conversation
        .turns
        .iter()
        .map(|turn| json!({"role": if turn.role == Role::User { "user" } else { "model" }, "parts": [{"text": turn.text}]}))
        .collect();
    let declarations: Vec<Value> = tools
        .iter()
        .map(|t| json!({"name": t.name, "description": t.description, "parameters": gemini_schema(&t.parameters)}))
        .collect();
    json!({
        "systemInstruction": {"parts": [{"text": conversation.system}]},
        "contents": contents,
        "tools": [{"functionDeclarations": declarations}],
        "generationConfig": {"temperature": 0},
    })
}

pub fn parse(document: &Value) -> Result<ModelReply, String> {
    if let Some(error) = document.get("error").filter(|e| !e.is_null()) {
        return Err(format!(
            "the provider reported an error: {}",
            error.get("message").and_then(Value::as_str).unwrap_or("unknown")
        ));
    }
    let candidate = document.pointer("/candidates/0").ok_or("the reply has no candidates")?;
    let mut reply = ModelReply {
        truncated: candidate.get("finishReason").and_then(Value::as_str) == Some("MAX_TOKENS"),
        usage: document
            .get("usageMetadata")
            .map(|u| Usage {
                input_tokens: int(u, "promptTokenCount"),
                output_tokens: int(u, "candidatesTokenCount"),
            })
            .unwrap_or_default(),
        ..ModelReply::default()
    };
    for part in candidate.pointer("/content/parts").and_then(Value::as_array).into_iter().flatten() {
        if let Some(text) = part.get("text").and_then(Value::as_str) {
            reply.text.push_str(text);
        }
        if let Some(call) = part.get("functionCall").filter(|c| !c.is_null()) {
            reply.calls.push(ToolCall {
                name: call.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
                arguments: Arguments::Object(call.get("args").cloned().unwrap_or(json!({}))),
            });
        }
    }
    Ok(reply)
}
