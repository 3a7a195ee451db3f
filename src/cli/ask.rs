//! `opsgate ask`: read-only answers with data, sources, confidence and window.

use clap::Args;

use super::planner_args::PlannerArgs;

#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question, in plain language
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
    /// At most this many read steps for an LLM planner's agentic loop
    #[arg(long, default_value_t = 8)]
    pub max_steps: u32,
}

impl AskArgs {
    pub async fn run(self, _ctx: &super::Context) -> crate::error::Result<crate::exit_code::ExitCode> {
        Err(crate::Error::NotAvailable("ask"))
    }
}
