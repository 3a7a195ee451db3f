//! `opsgate agent`: registered AI agents.

use clap::{Args, Subcommand};

use super::Context;
use crate::agents::credentials::{DEFAULT_CREDENTIAL_DAYS, issue, revoke};
use crate::agents::{NewAgent, Tier};
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::render::{AgentChange, AgentList, CredentialIssued};

/// Agents are identities a model acts through (`--agent NAME` with an LLM
/// planner): their tier narrows what may be proposed (read: reads and drafts
/// only), and their rate limit and daily token budget, counted from what the
/// provider reports, are enforced across processes (exit 6 when over).
/// In team mode an agent signs its own requests with the credential `agent add`
/// and `agent rotate` show once (OPSGATE_AGENT_CREDENTIAL), naming the person
/// it acts for with --as; its rights are that person's, narrowed by its tier.
/// Listing needs ops.staff.view; adding, rotating, revoking and disabling need ops.staff.edit.
#[derive(Debug, Args)]
pub struct AgentArgs {
    #[command(subcommand)]
    pub command: AgentCommand,
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// List registered agents with their limits and today's usage
    List,
    /// Register an agent
    Add {
        /// The agent's name
        name: String,
        /// The model it runs
        #[arg(long)]
        model: String,
        /// What it may do at most: read, suggest or write
        #[arg(long, value_parser = ["read", "suggest", "write"])]
        tier: String,
        /// Requests per minute
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        rate_limit: i64,
        /// Tokens per day (midnight to midnight UTC)
        #[arg(long, default_value_t = 200_000, value_parser = clap::value_parser!(i64).range(1..))]
        daily_tokens: i64,
        /// Guarded steps (tool calls) per day, on every surface
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(i64).range(1..))]
        daily_tool_calls: i64,
        /// Writes it may propose per day, on every surface
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..))]
        daily_mutations: i64,
        /// Days its credential (shown once) lasts
        #[arg(long, default_value_t = DEFAULT_CREDENTIAL_DAYS, value_parser = clap::value_parser!(i64).range(1..=3650))]
        credential_days: i64,
    },
    /// Issue the agent a new credential (shown once) and revoke its earlier ones
    Rotate {
        /// The agent's name
        name: String,
        /// Days the new credential lasts
        #[arg(long, default_value_t = DEFAULT_CREDENTIAL_DAYS, value_parser = clap::value_parser!(i64).range(1..=3650))]
        credential_days: i64,
    },
    /// Revoke the agent's credentials: its signed requests are refused from now on
    Revoke {
        /// The agent's name
        name: String,
    },
    /// Disable an agent
    Disable {
        /// The agent's name
        name: String,
    },
}

impl AgentArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        match self.command {
            AgentCommand::List => {
                ctx.show(&AgentList(crate::agents::list(&ctx.store, &person).await?)).await?
            }
            AgentCommand::Add {
                name,
                model,
                tier,
                rate_limit,
                daily_tokens,
                daily_tool_calls,
                daily_mutations,
                credential_days,
            } => {
                let new = NewAgent {
                    name: &name,
                    model: &model,
                    tier: Tier::parse(&tier)?,
                    rate_limit_per_min: rate_limit,
                    daily_token_budget: daily_tokens,
                    daily_tool_call_budget: daily_tool_calls,
                    daily_mutation_budget: daily_mutations,
                };
                let agent = crate::agents::register(&ctx.store, &person, new).await?;
                let credential = issue(&ctx.store, &person, &agent.name, credential_days).await?;
                ctx.show(&CredentialIssued { agent: agent.name, change: "registered".into(), credential })
                    .await?;
            }
            AgentCommand::Rotate { name, credential_days } => {
                let credential = issue(&ctx.store, &person, &name, credential_days).await?;
                ctx.show(&CredentialIssued {
                    agent: name,
                    change: "has a new credential".into(),
                    credential,
                })
                .await?;
            }
            AgentCommand::Revoke { name } => {
                let revoked = revoke(&ctx.store, &person, &name).await?;
                ctx.show(&AgentChange { agent: name, change: format!("credentials revoked ({revoked})") })
                    .await?;
            }
            AgentCommand::Disable { name } => {
                crate::agents::disable(&ctx.store, &person, &name).await?;
                ctx.show(&AgentChange { agent: name, change: "disabled".into() }).await?;
            }
        }
        Ok(ExitCode::Success)
    }
}

impl AgentArgs {
    /// The request for this subcommand in team mode.
    pub fn remote_call(&self) -> crate::remote::Call {
        use crate::remote::Call;
        use serde_json::json;
        match &self.command {
            AgentCommand::List => Call::get("/v1/agents"),
            AgentCommand::Add {
                name,
                model,
                tier,
                rate_limit,
                daily_tokens,
                daily_tool_calls,
                daily_mutations,
                credential_days,
            } => Call::post(
                "/v1/agents",
                json!({"name": name, "model": model, "tier": tier, "rate_limit": rate_limit,
                       "daily_tokens": daily_tokens, "daily_tool_calls": daily_tool_calls,
                       "daily_mutations": daily_mutations, "credential_days": credential_days}),
            ),
            AgentCommand::Rotate { name, credential_days } => Call::post(
                format!("/v1/agents/{name}/rotation"),
                json!({"name": name, "credential_days": credential_days}),
            ),
            AgentCommand::Revoke { name } => Call::post(format!("/v1/agents/{name}/revocation"), json!({})),
            AgentCommand::Disable { name } => Call::post(format!("/v1/agents/{name}/disable"), json!({})),
        }
    }
}

impl AgentArgs {
    /// Whether this changes an agent or its credentials.
    pub fn changes_identity(&self) -> bool {
        !matches!(self.command, AgentCommand::List)
    }
}
