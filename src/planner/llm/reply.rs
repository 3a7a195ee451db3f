//! What a model said, in one shape for every provider: tool calls (with
//! arguments as the model wrote them), prose, whether it was cut off, and the
//! tokens it cost.

use serde::Serialize;
use serde_json::Value;

/// Arguments exactly as received: an object (Anthropic, Gemini) or JSON text
/// that may be broken (OpenAI's `arguments` string).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arguments {
    Object(Value),
    Text(String),
}

impl Arguments {
    /// The arguments as a JSON value, or why they are not one.
    pub fn parse(&self) -> Result<Value, String> {
        match self {
            Arguments::Object(value) => Ok(value.clone()),
            Arguments::Text(text) if text.trim().is_empty() => Ok(Value::Object(Default::default())),
            Arguments::Text(text) => serde_json::from_str(text)
                .map_err(|e| format!("the arguments are not valid JSON ({e}): {}", truncate(text, 120))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolCall {
    pub name: String,
    pub arguments: Arguments,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    pub input_tokens: i64,
    pub output_tokens: i64,
}

impl Usage {
    pub fn total(&self) -> i64 {
        self.input_tokens + self.output_tokens
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ModelReply {
    pub calls: Vec<ToolCall>,
    pub text: String,
    /// The model stopped at its output limit: whatever it wrote is incomplete.
    pub truncated: bool,
    pub usage: Usage,
}

/// At most `max` characters, for messages.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// A JSON integer field that may be missing or null.
pub fn int(value: &Value, key: &str) -> i64 {
    value.get(key).and_then(Value::as_i64).unwrap_or(0)
}
