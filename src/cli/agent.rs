//! `opsgate agent`: registered AI agents.

use clap::{Args, Subcommand};

use super::Context;
use crate::agents::{NewAgent, Tier};
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::render::{AgentChange, AgentList};

/// Agents are identities a model acts through (`--agent NAME` with an LLM
/// planner): their tier narrows what may be proposed (read: reads and drafts
/// only), and their rate limit and daily token budget, counted from what the
/// provider reports, are enforced across processes (exit 6 when over).
/// Listing needs ops.staff.view; adding and disabling need ops.staff.edit.
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
                ctx.show(&AgentChange { agent: agent.name, change: "registered".into() }).await?;
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
    /// The request for this subcommand in team mode, when the server serves it.
    pub fn remote_call(&self) -> Option<crate::remote::Call> {
        matches!(self.command, AgentCommand::List).then(|| crate::remote::Call::get("/v1/agents"))
    }
}
