//! `opsgate ask`: read-only answers with data, sources, confidence and window.

use clap::Args;

use super::Context;
use super::planner_args::PlannerArgs;
use crate::answer::{AskRequest, ModelAsk, ask, ask_with_model};
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::planner::RulesPlanner;
use crate::render::AnswerView;
use crate::session::{Mode, Surface};

/// Questions are planned like any request, but only read and draft steps run:
/// a request to change something is answered with the `opsgate plan` command
/// to use instead. Answers cite the statements and runbook passages they rest
/// on, and name the time window in the team's time zone (ops_config `time_zone`).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  opsgate --demo ask \"revenue in the last 30 days\"\n  opsgate --demo ask \"which complaints are about to breach SLA?\"\n  opsgate --demo ask \"what does our refund policy say about no-shows?\""
)]
pub struct AskArgs {
    /// The question, in plain language
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
    /// At most this many read steps for an LLM planner's agentic loop
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=32))]
    pub max_steps: u32,
}

impl AskArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let session =
            ctx.session_through(Surface::Ask, Mode::ReadOnly, self.planner.agent.as_deref()).await?;
        let audience = ctx.audience().await?.clone();
        let templates_dir = ctx.paths.config_dir.join("templates");
        // On a terminal, a model's answer is shown as it streams in; the rest follows it.
        let streaming = ctx.streams_to_terminal();
        let show = |text: &str| {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(crate::sanitize::for_terminal(&audience.text(text)).as_bytes());
            let _ = out.flush();
        };
        let mut streamed = false;
        let answer = match self.planner.choice().model_planner(session.store(), session.agent()).await? {
            Some(model) => {
                streamed = streaming;
                let request = ModelAsk {
                    session: &session,
                    planner: &model,
                    prompt: &self.prompt,
                    templates_dir: &templates_dir,
                    max_steps: self.max_steps as usize,
                    on_text: if streaming { Some(&show) } else { None },
                };
                ask_with_model(request).await?
            }
            None => {
                let planner = RulesPlanner::new(session.catalog());
                let request = AskRequest { prompt: &self.prompt, templates_dir };
                ask(&session, &planner, request).await?
            }
        };
        if streamed {
            ctx.write("")?;
        }
        ctx.show(&AnswerView { answer, streamed }).await?;
        Ok(ExitCode::Success)
    }
}

impl AskArgs {
    pub fn remote_call(&self) -> crate::remote::Call {
        let body = serde_json::json!({"prompt": self.prompt, "max_steps": self.max_steps});
        crate::remote::Call::post("/v1/ask", self.planner.fields(body))
    }
}
