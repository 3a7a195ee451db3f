//! `opsgate mcp`: the guarded actions as an MCP server on stdio.

use clap::Args;

#[derive(Debug, Args)]
pub struct McpArgs {
    /// The registered AI agent the MCP client acts as
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
}
