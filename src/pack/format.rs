//! A pack file as written. Every field that can be wrong on its own keeps its
//! place in the file, so that `pack validate` names the line and column of
//! each mistake.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use serde_saphyr::Spanned;

use crate::catalog::{Requires, Risk};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
    pub base_url: Spanned<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub permissions: Vec<RawPermission>,
    #[serde(default)]
    pub timeout: Option<Spanned<RawTimeout>>,
    pub actions: Vec<RawAction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPermission {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
}

/// Seconds, per pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTimeout {
    #[serde(default)]
    pub connect: Option<f64>,
    #[serde(default)]
    pub request: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAction {
    pub name: Spanned<String>,
    pub description: String,
    pub permission: Spanned<String>,
    pub risk: Spanned<Risk>,
    pub requires: Spanned<Requires>,
    #[serde(default)]
    pub second_factor: bool,
    pub params: Spanned<Value>,
    pub request: RawRequest,
    #[serde(default)]
    pub target: Option<RawTarget>,
    #[serde(default)]
    pub dry_run: Option<RawRequest>,
    /// The API applies the same request twice as once: 5xx and lost
    /// connections may then be retried.
    #[serde(default)]
    pub idempotent: bool,
    /// For reads: the rows of the JSON response (`items[].{id,status}`).
    #[serde(default)]
    pub rows: Option<Spanned<String>>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequest {
    pub method: Spanned<String>,
    pub path: Spanned<String>,
    #[serde(default)]
    pub query: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub headers: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub body: Option<Spanned<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    #[serde(default)]
    pub method: Option<Spanned<String>>,
    pub path: Spanned<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, Spanned<String>>,
    pub watch: Spanned<Vec<String>>,
}
