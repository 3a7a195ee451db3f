//! Registering AI agents and their credentials (people only, never an agent).

use serde::Deserialize;

use super::{Argv, Empty};
use crate::error::Result;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct AgentBody {
    name: String,
    model: Option<String>,
    tier: Option<String>,
    rate_limit: Option<i64>,
    daily_tokens: Option<i64>,
    daily_tool_calls: Option<i64>,
    daily_mutations: Option<i64>,
    credential_days: Option<i64>,
}

pub(super) fn add(request: AgentBody) -> Result<Argv> {
    Ok(Argv::new(&["agent", "add"])
        .option("model", request.model)
        .option("tier", request.tier)
        .option("rate-limit", request.rate_limit)
        .option("daily-tokens", request.daily_tokens)
        .option("daily-tool-calls", request.daily_tool_calls)
        .option("daily-mutations", request.daily_mutations)
        .option("credential-days", request.credential_days)
        .positionals(&[request.name]))
}

pub(super) fn rotate(name: String, request: AgentBody) -> Result<Argv> {
    Ok(Argv::new(&["agent", "rotate"])
        .option("credential-days", request.credential_days)
        .positionals(&[name]))
}

pub(super) fn revoke(name: String, _: Empty) -> Result<Argv> {
    Ok(Argv::new(&["agent", "revoke"]).positionals(&[name]))
}

pub(super) fn disable(name: String, _: Empty) -> Result<Argv> {
    Ok(Argv::new(&["agent", "disable"]).positionals(&[name]))
}
