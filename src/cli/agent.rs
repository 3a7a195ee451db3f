//! `opsgate agent`: registered AI agents.

use clap::{Args, Subcommand};

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
        #[arg(long)]
        tier: String,
        /// Requests per minute
        #[arg(long, default_value_t = 30)]
        rate_limit: i64,
        /// Tokens per day
        #[arg(long, default_value_t = 200_000)]
        daily_tokens: i64,
    },
    /// Disable an agent
    Disable {
        /// The agent's name
        name: String,
    },
}
