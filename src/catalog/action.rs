//! One catalogued action and the vocabulary of risks and needs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How dangerous an action is (DESIGN.md, "Catalog").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    Read,
    Draft,
    Write,
    Destructive,
    Financial,
    Admin,
}

impl Risk {
    pub fn parse(text: &str) -> Option<Risk> {
        [Risk::Read, Risk::Draft, Risk::Write, Risk::Destructive, Risk::Financial, Risk::Admin]
            .into_iter()
            .find(|risk| risk.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Read => "read",
            Risk::Draft => "draft",
            Risk::Write => "write",
            Risk::Destructive => "destructive",
            Risk::Financial => "financial",
            Risk::Admin => "admin",
        }
    }

    /// Whether running the action changes data.
    pub fn writes(self) -> bool {
        !matches!(self, Risk::Read | Risk::Draft)
    }
}

/// What a step needs from a person before it may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Requires {
    None,
    Confirm,
    Approval,
}

impl Requires {
    pub fn parse(text: &str) -> Option<Requires> {
        [Requires::None, Requires::Confirm, Requires::Approval].into_iter().find(|r| r.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Requires::None => "none",
            Requires::Confirm => "confirm",
            Requires::Approval => "approval",
        }
    }
}

/// The row a write changes: the planner fills `param` from an id in the
/// prompt, and stale-plan checks watch that row of `table`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub table: String,
    pub param: String,
}

/// What runs an action. Built-in actions are bound by name to their module
/// in `src/builtin/`; pack actions send the HTTP request their pack declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Executor {
    Builtin,
    Http,
}

/// An action as declared in a pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    pub name: String,
    pub description: String,
    pub permission: String,
    pub risk: Risk,
    pub requires: Requires,
    #[serde(default)]
    pub second_factor: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Verbs and phrases that signal this action (synonyms included).
    pub verbs: Vec<String>,
    /// Nouns that name what the action works on.
    pub nouns: Vec<String>,
    pub examples: Vec<String>,
    /// JSON Schema of the parameters.
    pub params: Value,
    pub executor: Executor,
    /// The back-office tables and columns the action reads or writes, by their
    /// logical names: what a binding must map and `target check` looks for.
    #[serde(default)]
    pub uses: crate::target::Uses,
    /// A pack action's request, target and timeouts (never in the built-in pack).
    #[serde(skip)]
    pub http: Option<std::sync::Arc<crate::pack::HttpAction>>,
}

impl ActionSpec {
    /// Names of the parameters, in schema order.
    pub fn param_names(&self) -> Vec<&str> {
        self.params
            .get("properties")
            .and_then(Value::as_object)
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Parameters the schema requires.
    pub fn required_params(&self) -> Vec<&str> {
        self.params
            .get("required")
            .and_then(Value::as_array)
            .map(|required| required.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
}
