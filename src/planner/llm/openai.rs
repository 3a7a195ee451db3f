//! The OpenAI chat-completions shape, spoken by OpenAI, Ollama, vLLM, llama.cpp
//! server and LM Studio. Replies may be one JSON document or a server-sent
//! event stream; both `tool_calls` and the legacy `function_call` are read, and
//! explicit `null`s in stream chunks mean "nothing in this chunk".

use serde_json::{Value, json};

use super::reply::{Arguments, ModelReply, ToolCall, Usage, int};
use super::tools::Tool;
use super::{Conversation, Role};

pub fn body(model: &str, conversation: &Conversation, tools: &[Tool], stream: bool) -> Value {
    let mut messages = vec![json!({"role": "system", "content": conversation.system})];
    messages.extend(conversation.turns.iter().map(|turn| {
        json!({"role": if turn.role == Role::User { "user" } else { "assistant" }, "content": turn.text})
    }));
    let tools: Vec<Value> = tools
        .iter()
        .map(|t| json!({"type": "function", "function": {"name": t.name, "description": t.description, "parameters": t.parameters}}))
        .collect();
    let mut body = json!({"model": model, "messages": messages, "tools": tools, "tool_choice": "auto", "temperature": 0});
    if stream {
        body["stream"] = json!(true);
        body["stream_options"] = json!({"include_usage": true});
    }
    body
}

fn usage(value: &Value) -> Usage {
    Usage { input_tokens: int(value, "prompt_tokens"), output_tokens: int(value, "completion_tokens") }
}

/// A whole (non-streamed) reply.
pub fn parse(document: &Value) -> Result<ModelReply, String> {
    if let Some(error) = document.get("error").filter(|e| !e.is_null()) {
        return Err(format!(
            "the provider reported an error: {}",
            error.get("message").and_then(Value::as_str).unwrap_or("unknown")
        ));
    }
    let choice = document.pointer("/choices/0").ok_or("the reply has no choices")?;
    let message = choice.get("message").ok_or("the reply's choice has no message")?;
    let mut reply = ModelReply {
        text: message.get("content").and_then(Value::as_str).unwrap_or("").to_owned(),
        truncated: choice.get("finish_reason").and_then(Value::as_str) == Some("length"),
        usage: document.get("usage").map(usage).unwrap_or_default(),
        ..ModelReply::default()
    };
    for call in message.get("tool_calls").and_then(Value::as_array).into_iter().flatten() {
        let function = call.get("function").unwrap_or(&Value::Null);
        reply.calls.push(ToolCall {
            name: function.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
            arguments: arguments(function.get("arguments")),
        });
    }
    if reply.calls.is_empty()
        && let Some(function) = message.get("function_call").filter(|f| !f.is_null())
    {
        reply.calls.push(ToolCall {
            name: function.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
            arguments: arguments(function.get("arguments")),
        });
    }
    Ok(reply)
}

fn arguments(value: Option<&Value>) -> Arguments {
    match value {
        Some(Value::String(text)) => Arguments::Text(text.clone()),
        Some(Value::Null) | None => Arguments::Text(String::new()),
        Some(other) => Arguments::Object(other.clone()),
    }
}

/// The prose a stream line adds, if any (for showing an answer as it arrives).
pub fn content_of_line(line: &str) -> Option<String> {
    let data = line.strip_prefix("data:")?.trim();
    let chunk: Value = serde_json::from_str(data).ok()?;
    let content = chunk.pointer("/choices/0/delta/content")?.as_str()?;
    (!content.is_empty()).then(|| content.to_owned())
}

/// A streamed reply: `data: {chunk}` lines until `data: [DONE]`.
pub fn parse_stream(text: &str) -> Result<ModelReply, String> {
    let mut reply = ModelReply::default();
    // (name, arguments) per tool-call index.
    let mut calls: Vec<(String, String)> = Vec::new();
    let mut legacy: Option<(String, String)> = None;
    let mut chunks = 0;
    for line in text.lines() {
        let Some(data) = line.strip_prefix("data:").map(str::trim) else { continue };
        if data == "[DONE]" {
            break;
        }
        let chunk: Value =
            serde_json::from_str(data).map_err(|e| format!("a stream chunk is not JSON ({e})"))?;
        chunks += 1;
        if let Some(error) = chunk.get("error").filter(|e| !e.is_null()) {
            return Err(format!(
                "the provider reported an error: {}",
                error.get("message").and_then(Value::as_str).unwrap_or("unknown")
            ));
        }
        if let Some(u) = chunk.get("usage").filter(|u| !u.is_null()) {
            reply.usage = usage(u);
        }
        let Some(choice) = chunk.pointer("/choices/0") else { continue };
        if choice.get("finish_reason").and_then(Value::as_str) == Some("length") {
            reply.truncated = true;
        }
        let Some(delta) = choice.get("delta").filter(|d| !d.is_null()) else { continue };
        if let Some(content) = delta.get("content").and_then(Value::as_str) {
            reply.text.push_str(content);
        }
        for call in delta.get("tool_calls").and_then(Value::as_array).into_iter().flatten() {
            let index =
                call.get("index").and_then(Value::as_u64).unwrap_or(calls.len().saturating_sub(1) as u64)
                    as usize;
            if index > 64 {
                return Err("a stream chunk names an implausible tool-call index".into());
            }
            if calls.len() <= index {
                calls.resize(index + 1, (String::new(), String::new()));
            }
            let function = call.get("function").unwrap_or(&Value::Null);
            if let Some(name) = function.get("name").and_then(Value::as_str) {
                calls[index].0.push_str(name);
            }
            if let Some(fragment) = function.get("arguments").and_then(Value::as_str) {
                calls[index].1.push_str(fragment);
            }
        }
        if let Some(function) = delta.get("function_call").filter(|f| !f.is_null()) {
            let entry = legacy.get_or_insert_with(Default::default);
            if let Some(name) = function.get("name").and_then(Value::as_str) {
                entry.0.push_str(name);
            }
            if let Some(fragment) = function.get("arguments").and_then(Value::as_str) {
                entry.1.push_str(fragment);
            }
        }
    }
    if chunks == 0 {
        return Err("the stream held no chunks".into());
    }
    reply.calls = calls
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, arguments)| ToolCall { name, arguments: Arguments::Text(arguments) })
        .collect();
    if reply.calls.is_empty()
        && let Some((name, arguments)) = legacy.filter(|(name, _)| !name.is_empty())
    {
        reply.calls.push(ToolCall { name, arguments: Arguments::Text(arguments) });
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_calls_and_the_legacy_shape_are_both_read() {
        let modern = json!({"choices": [{"finish_reason": "tool_calls", "message": {"content": null,
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "bookings__refund", "arguments": "{\"booking_id\":7}"}}]}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20}});
        let reply = parse(&modern).unwrap();
        assert_eq!(reply.calls[0].name, "bookings__refund");
        assert_eq!(reply.calls[0].arguments.parse().unwrap(), json!({"booking_id": 7}));
        assert_eq!(reply.usage.total(), 120);
        let legacy = json!({"choices": [{"finish_reason": "function_call", "message": {"function_call": {"name": "bookings__get", "arguments": "{\"booking_id\":3}"}}}]});
        assert_eq!(parse(&legacy).unwrap().calls[0].name, "bookings__get");
    }

    #[test]
    fn streams_with_explicit_nulls_accumulate() {
        let stream = concat!(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"bookings__cancel\",\"arguments\":null}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":null,\"type\":null,\"function\":{\"name\":null,\"arguments\":\"{\\\"booking_\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"id\\\": 7}\"}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9}}\n\n",
            "data: [DONE]\n\n"
        );
        let reply = parse_stream(stream).unwrap();
        assert_eq!(reply.calls.len(), 1);
        assert_eq!(reply.calls[0].name, "bookings__cancel");
        assert_eq!(reply.calls[0].arguments.parse().unwrap(), json!({"booking_id": 7}));
        assert_eq!(reply.usage.total(), 59);
        assert!(!reply.truncated);
    }

    #[test]
    fn a_cut_off_reply_is_marked_truncated() {
        let doc = json!({"choices": [{"finish_reason": "length", "message": {"tool_calls": [{"function": {"name": "bookings__refund", "arguments": "{\"booking_id\": 7, \"amount"}}]}}]});
        let reply = parse(&doc).unwrap();
        assert!(reply.truncated);
        assert!(reply.calls[0].arguments.parse().is_err());
    }
}

#[cfg(test)]
mod streaming_tests {
    use super::content_of_line;

    #[test]
    fn only_prose_deltas_are_shown_as_they_arrive() {
        assert_eq!(
            content_of_line(r#"data: {"choices":[{"delta":{"content":"Net revenue"}}]}"#).as_deref(),
            Some("Net revenue")
        );
        assert_eq!(
            content_of_line(r#"data: {"choices":[{"delta":{"content":null,"tool_calls":[]}}]}"#),
            None
        );
        assert_eq!(content_of_line("data: [DONE]"), None);
        assert_eq!(content_of_line(": keep-alive"), None);
    }
}
