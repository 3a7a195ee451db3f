//! `opsgate agent` output.

use serde::Serialize;

use super::{Tabular, table};
use crate::agents::AgentStatus;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct AgentList(pub Vec<AgentStatus>);

impl Tabular for AgentList {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "No agents registered; `opsgate agent add NAME --model M --tier read` registers one."
                .into();
        }
        table(
            &["agent", "model", "tier", "status", "requests/min", "tokens today"],
            self.0.iter().map(|a| {
                [
                    a.row.name.clone(),
                    a.row.model.clone(),
                    a.row.tier.clone(),
                    a.row.status.clone(),
                    format!("{} of {}", a.requests_this_minute, a.row.rate_limit_per_min),
                    format!("{} of {}", a.tokens_today, a.row.daily_token_budget),
                ]
            }),
        )
    }
}

#[derive(Debug, Serialize)]
pub struct AgentChange {
    pub agent: String,
    pub change: String,
}

impl Tabular for AgentChange {
    fn human(&self) -> String {
        format!("agent {} {}", self.agent, self.change)
    }
}
