//! The Anthropic Messages shape: `tool_use` content blocks.

use serde_json::{Value, json};

use super::reply::{Arguments, ModelReply, ToolCall, Usage, int};
use super::tools::Tool;
use super::{Conversation, Role};

/// Output tokens a planning reply may use.
const MAX_TOKENS: i64 = 1024;

pub fn body(model: &str, conversation: &Conversation, tools: &[Tool]) -> Value {
    let messages: Vec<Value> = conversation
        .turns
        .iter()
        .map(|turn| json!({"role": if turn.role == Role::User { "user" } else { "assistant" }, "content": turn.text}))
        .collect();
    let tools: Vec<Value> = tools
        .iter()
        .map(|t| json!({"name": t.name, "description": t.description, "input_schema": t.parameters}))
        .collect();
    json!({"model": model, "max_tokens": MAX_TOKENS, "system": conversation.system, "messages": messages, "tools": tools, "temperature": 0})
}

pub fn parse(document: &Value) -> Result<ModelReply, String> {
    if document.get("type").and_then(Value::as_str) == Some("error") {
        return Err(format!(
            "the provider reported an error: {}",
            document.pointer("/error/message").and_then(Value::as_str).unwrap_or("unknown")
        ));
    }
    let content = document.get("content").and_then(Value::as_array).ok_or("the reply has no content")?;
    let mut reply = ModelReply {
        truncated: document.get("stop_reason").and_then(Value::as_str) == Some("max_tokens"),
        usage: document
            .get("usage")
            .map(|u| Usage { input_tokens: int(u, "input_tokens"), output_tokens: int(u, "output_tokens") })
            .unwrap_or_default(),
        ..ModelReply::default()
    };
    for block in content {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => reply.text.push_str(block.get("text").and_then(Value::as_str).unwrap_or("")),
            Some("tool_use") => reply.calls.push(ToolCall {
                name: block.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
                arguments: Arguments::Object(block.get("input").cloned().unwrap_or(Value::Null)),
            }),
            _ => {}
        }
    }
    Ok(reply)
}
