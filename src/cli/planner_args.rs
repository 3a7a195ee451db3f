//! Flags shared by every command that plans a prompt, and choosing the planner.

use clap::{Args, ValueEnum};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::planner::{Planner, RulesPlanner};

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
    /// The planner [default: from the config file, else rules]
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
    /// The planner to use for this run.
    pub fn planner(&self, catalog: &Catalog) -> Result<Box<dyn Planner>> {
        if self.agent.is_some() {
            return Err(Error::NotAvailable("--agent"));
        }
        match self.planner.unwrap_or(PlannerKind::Rules) {
            PlannerKind::Rules => Ok(Box::new(RulesPlanner::new(catalog))),
            PlannerKind::Openai => Err(Error::NotAvailable("--planner openai")),
            PlannerKind::Anthropic => Err(Error::NotAvailable("--planner anthropic")),
            PlannerKind::Gemini => Err(Error::NotAvailable("--planner gemini")),
        }
    }
}
