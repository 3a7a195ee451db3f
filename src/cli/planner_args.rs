//! Flags shared by every command that plans a prompt, and choosing the planner.

use clap::{Args, ValueEnum};

use super::Context;
use crate::agents::Agent;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::planner::llm::Endpoint;
use crate::planner::{LlmPlanner, Planner, Provider, RulesPlanner};
use crate::settings::Settings;

/// Which planner turns prompts into plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlannerKind {
    /// Offline, deterministic intent matching and slot extraction (default)
    Rules,
    /// Any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY): OpenAI, Ollama, vLLM, llama.cpp
    Openai,
    /// Anthropic (ANTHROPIC_API_KEY)
    Anthropic,
    /// Google Gemini (GEMINI_API_KEY)
    Gemini,
}

#[derive(Debug, Clone, Args)]
pub struct PlannerArgs {
    /// The planner [default: ops_config `planner`, else rules]
    #[arg(long, value_enum)]
    pub planner: Option<PlannerKind>,
    /// The model name for LLM planners
    #[arg(long)]
    pub model: Option<String>,
    /// Act through this registered AI agent (its tier, rate limit and token budget apply)
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
}

impl PlannerArgs {
    /// The planner to use for this run: `--planner`, else ops_config `planner`
    /// (`rules` when unset). `--agent` meters a model's requests and tokens
    /// against that agent's limits and narrows what it may propose to its tier.
    pub async fn planner(&self, ctx: &Context, catalog: &Catalog) -> Result<Box<dyn Planner>> {
        Ok(match self.model_planner(ctx).await? {
            Some(model) => Box::new(model),
            None => Box::new(RulesPlanner::new(catalog)),
        })
    }

    /// The model planner this run asks for, or `None` for the rules planner.
    pub async fn model_planner(&self, ctx: &Context) -> Result<Option<LlmPlanner>> {
        let settings = Settings::load(&ctx.store).await?;
        let kind = match self.planner {
            Some(kind) => kind,
            None => match settings.value(PLANNER_KEY).map(str::trim) {
                None | Some("") => PlannerKind::Rules,
                Some(name) => PlannerKind::from_str(name, true).map_err(|_| {
                    Error::Config(format!(
                        "ops_config `{PLANNER_KEY}` is `{name}`; use rules, openai, anthropic or gemini"
                    ))
                })?,
            },
        };
        let agent = match &self.agent {
            Some(name) => Some(Agent::load(&ctx.store, name).await?),
            None => None,
        };
        let provider = match kind {
            PlannerKind::Rules => {
                if let Some(agent) = agent {
                    return Err(Error::Usage(format!(
                        "--agent {} acts through a model; pass --planner openai|anthropic|gemini",
                        agent.name
                    )));
                }
                return Ok(None);
            }
            PlannerKind::Openai => Provider::OpenAi,
            PlannerKind::Anthropic => Provider::Anthropic,
            PlannerKind::Gemini => Provider::Gemini,
        };
        let model = self
            .model
            .clone()
            .or_else(|| agent.as_ref().map(|a| a.model.clone()))
            .or_else(|| settings.value(MODEL_KEY).map(str::to_owned).filter(|m| !m.trim().is_empty()));
        let endpoint = Endpoint::from_env(provider, model)?;
        Ok(Some(LlmPlanner::new(endpoint, ctx.store.clone(), agent)?))
    }
}

/// `ops_config` keys: the default planner and model.
const PLANNER_KEY: &str = "planner";
const MODEL_KEY: &str = "planner.model";
