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

/// `agent add` / `agent rotate`: the agent, and its new credential shown this once.
#[derive(Serialize)]
pub struct CredentialIssued {
    pub agent: String,
    pub change: String,
    pub credential: crate::agents::credentials::IssuedCredential,
}

impl Tabular for CredentialIssued {
    fn human(&self) -> String {
        let c = &self.credential;
        let mut out = format!("agent {} {}\n", self.agent, self.change);
        out.push_str(&format!(
            "credential {} (expires {}){}\n",
            c.credential,
            c.expires_at.format("%Y-%m-%d %H:%M UTC"),
            match c.revoked {
                0 => String::new(),
                n => format!(", replacing {n} revoked"),
            }
        ));
        out.push_str(&format!("  private key  {}\n", c.private_key));
        out.push_str("  shown once: give it to the agent as OPSGATE_AGENT_CREDENTIAL; opsgate keeps only its public half");
        out
    }
}
