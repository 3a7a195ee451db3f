//! `opsgate mcp`: the guarded actions as an MCP server on stdio, for the
//! configured person through a registered agent.

use clap::Args;

use super::Context;
use crate::agents::Agent;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::mcp::{McpOptions, SessionLimits};

const CLIENT_CONFIGURATION: &str = "\
Speaks MCP (JSON-RPC) on stdin and stdout; an MCP client starts it. Tools are the catalog actions \
this person may use through the agent, plus plan, ask, show and pending. Reads run at once; a write \
is stored as a pending action that a person confirms (`opsgate execute aN`) or a second person \
approves (`opsgate approve aN`): nothing is written on the model's say-so. Every call is audited \
as mcp.call.

Session limits by the agent's tier (tool calls / mutations per MCP session): read 100/0 (read-only), \
suggest 50/10 (standard), write 100/25 (elevated); without --agent the person's own session gets \
the standard limits. The agent's daily budgets apply on top.

Register the agent first:
  opsgate agent add claude --model claude-sonnet --tier suggest

Claude Desktop (claude_desktop_config.json):
  {
    \"mcpServers\": {
      \"opsgate\": {
        \"command\": \"opsgate\",
        \"args\": [\"mcp\", \"--agent\", \"claude\"],
        \"env\": { \"OPSGATE_USER\": \"you@example.com\" }
      }
    }
  }

Claude Code:
  claude mcp add opsgate --env OPSGATE_USER=you@example.com -- opsgate mcp --agent claude

On the demo (acts as admin@example.com):
  claude mcp add opsgate-demo -- opsgate --demo mcp

Team mode: with --server URL (OPSGATE_SERVER) this command is a bridge on the client's machine: \
each message goes to /mcp of `opsgate serve`, signed with the agent's credential \
(OPSGATE_AGENT_CREDENTIAL, acting for --as) or the person's key, and the server decides:
  claude mcp add opsgate --env OPSGATE_SERVER=https://ops.example.com:8420 \\
    --env OPSGATE_AGENT_CREDENTIAL=… --env OPSGATE_USER=you@example.com -- opsgate mcp";

#[derive(Debug, Args)]
#[command(after_help = CLIENT_CONFIGURATION)]
pub struct McpArgs {
    /// The registered AI agent the MCP client acts through; its tier sets the session's limits
    #[arg(long, value_name = "NAME", env = "OPSGATE_AGENT")]
    pub agent: Option<String>,
    /// Let the client's form confirm a confirm-level write (MCP elicitation): the person
    /// types the target's id, as on a terminal. Never for approval-level or second-factor actions
    #[arg(long)]
    pub allow_elicited_confirm: bool,
}

impl McpArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        let agent = match &self.agent {
            Some(name) => Some(Agent::load(&ctx.store, name).await?),
            None => None,
        };
        let limits = SessionLimits::for_tier(agent.as_ref().map(|agent| agent.tier));
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            ctx.note(&format!(
                "opsgate mcp speaks MCP on stdin/stdout for {} ({} limits: {} tool calls, {} mutations); \
                 an MCP client starts it (see `opsgate mcp --help`). Ctrl-D ends it.",
                person.email, limits.name, limits.tool_calls, limits.mutations
            ));
        }
        let session = crate::mcp::session(&ctx.store, ctx.store.catalog().await?, person, agent);
        let options = McpOptions {
            templates_dir: ctx.paths.config_dir.join("templates"),
            allow_elicited_confirm: self.allow_elicited_confirm,
        };
        crate::mcp::serve_stdio(session, options).await?;
        Ok(ExitCode::Success)
    }
}
