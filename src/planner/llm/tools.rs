//! The catalog as model tools: only the actions the person may use, each with
//! its JSON Schema (every string capped by a `maxLength`, because small models
//! otherwise run on mid-string) plus two optional fields for the model's own
//! `rationale` and `confidence`, which are taken out before validation.

use serde_json::{Map, Value, json};

use crate::catalog::ActionSpec;

/// Strings without a declared `maxLength` get this one.
const DEFAULT_MAX_LENGTH: u64 = 200;

/// The meta fields every tool accepts besides the action's parameters.
pub const RATIONALE: &str = "rationale";
pub const CONFIDENCE: &str = "confidence";

/// One action offered to the model.
#[derive(Debug, Clone)]
pub struct Tool {
    /// `bookings__refund`: providers allow only `[A-Za-z0-9_-]` in names.
    pub name: String,
    pub action: String,
    pub description: String,
    pub parameters: Value,
}

/// The tool name of an action, and back.
pub fn tool_name(action: &str) -> String {
    action.replace('.', "__")
}

pub fn action_name(tool: &str) -> String {
    tool.replace("__", ".")
}

fn cap_strings(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let is_string = map.get("type").and_then(Value::as_str) == Some("string");
            if is_string && !map.contains_key("maxLength") && !map.contains_key("enum") {
                map.insert("maxLength".into(), json!(DEFAULT_MAX_LENGTH));
            }
            map.values_mut().for_each(cap_strings);
        }
        Value::Array(items) => items.iter_mut().for_each(cap_strings),
        _ => {}
    }
}

fn parameters(action: &ActionSpec) -> Value {
    let mut schema = action.params.clone();
    cap_strings(&mut schema);
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.insert(
            RATIONALE.into(),
            json!({"type": "string", "maxLength": 300, "description": "why this action and these values, in one sentence"}),
        );
        properties.insert(
            CONFIDENCE.into(),
            json!({"type": "number", "minimum": 0, "maximum": 1, "description": "how sure you are that this is what was asked, 0 to 1"}),
        );
    }
    schema
}

/// The tools for the actions the guard offers.
pub fn tools_for<'a>(actions: impl IntoIterator<Item = &'a ActionSpec>) -> Vec<Tool> {
    actions
        .into_iter()
        .map(|action| Tool {
            name: tool_name(&action.name),
            action: action.name.clone(),
            description: format!(
                "{} (risk: {}; permission: {})",
                action.description,
                action.risk.as_str(),
                action.permission
            ),
            parameters: parameters(action),
        })
        .collect()
}

/// Takes the model's meta fields out of a call's arguments.
pub fn split_meta(arguments: &mut Value) -> (Option<String>, Option<f64>) {
    let Some(map) = arguments.as_object_mut() else { return (None, None) };
    let rationale = map.remove(RATIONALE).and_then(|v| v.as_str().map(str::to_owned));
    let confidence = map.remove(CONFIDENCE).and_then(|v| v.as_f64()).filter(|c| (0.0..=1.0).contains(c));
    // Explicit nulls mean "not given": drop them so optional parameters validate.
    map.retain(|_, value| !value.is_null());
    (rationale, confidence)
}

/// A schema in the subset Gemini accepts: no `additionalProperties`, no
/// `default`, enums typed as strings.
pub fn gemini_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                if matches!(key.as_str(), "additionalProperties" | "default" | "$schema") {
                    continue;
                }
                out.insert(key.clone(), gemini_schema(value));
            }
            if out.contains_key("enum") && !out.contains_key("type") {
                out.insert("type".into(), json!("string"));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(gemini_schema).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_strings_are_capped() {
        assert_eq!(tool_name("bookings.refund"), "bookings__refund");
        assert_eq!(action_name("bookings__refund"), "bookings.refund");
        let mut schema =
            json!({"type": "object", "properties": {"q": {"type": "string"}, "s": {"enum": ["a"]}}});
        cap_strings(&mut schema);
        assert_eq!(schema["properties"]["q"]["maxLength"], DEFAULT_MAX_LENGTH);
        assert!(schema["properties"]["s"].get("maxLength").is_none());
    }

    #[test]
    fn meta_fields_and_nulls_are_removed_before_validation() {
        let mut args = json!({"booking_id": 7, "reason": null, "rationale": "asked", "confidence": 0.9});
        assert_eq!(split_meta(&mut args), (Some("asked".into()), Some(0.9)));
        assert_eq!(args, json!({"booking_id": 7}));
    }

    #[test]
    fn gemini_gets_its_schema_subset() {
        let schema = json!({"type": "object", "additionalProperties": false, "properties": {"s": {"enum": ["a"], "default": "a"}}});
        assert_eq!(
            gemini_schema(&schema),
            json!({"type": "object", "properties": {"s": {"enum": ["a"], "type": "string"}}})
        );
    }
}
