//! Choosing the planner of a run: the one asked for, else ops_config
//! `planner` (`rules` when unset), with its model from the request, the
//! acting agent, or ops_config `planner.model`.

use super::llm::Endpoint;
use super::{LlmPlanner, Planner, Provider, RulesPlanner};
use crate::agents::Agent;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::store::Store;

/// Which planner turns prompts into opsgate_plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// `ops_config` keys: the default planner and model.
const PLANNER_KEY: &str = "planner";
const MODEL_KEY: &str = "planner.model";

/// What a run asks for.
#[derive(Debug, Clone, Default)]
pub struct PlannerChoice {
    pub kind: Option<PlannerKind>,
    pub model: Option<String>,
}

impl PlannerChoice {
    /// The planner for this run. A model planner meters its requests and
    /// tokens against `agent`'s limits.
    pub async fn planner(
        &self,
        store: &Store,
        catalog: &'static Catalog,
        agent: Option<&Agent>,
    ) -> Result<Box<dyn Planner>> {
        Ok(match self.model_planner(store, agent).await? {
            Some(model) => Box::new(model),
            None => Box::new(RulesPlanner::new(catalog)),
        })
    }

    /// The model planner this run asks for, or `None` for the rules planner.
    pub async fn model_planner(&self, store: &Store, agent: Option<&Agent>) -> Result<Option<LlmPlanner>> {
        let settings = Settings::load(store).await?;
        let kind = match self.kind {
            Some(kind) => kind,
            None => match settings.value(PLANNER_KEY).map(str::trim) {
                None | Some("") => PlannerKind::Rules,
                Some(name) => <PlannerKind as clap::ValueEnum>::from_str(name, true).map_err(|_| {
                    Error::Config(format!(
                        "ops_config `{PLANNER_KEY}` is `{name}`; use rules, openai, anthropic or gemini"
                    ))
                })?,
            },
        };
        let provider = match kind {
            PlannerKind::Rules => return Ok(None),
            PlannerKind::Openai => Provider::OpenAi,
            PlannerKind::Anthropic => Provider::Anthropic,
            PlannerKind::Gemini => Provider::Gemini,
        };
        let model = self
            .model
            .clone()
            .or_else(|| agent.map(|a| a.model.clone()))
            .or_else(|| settings.value(MODEL_KEY).map(str::to_owned).filter(|m| !m.trim().is_empty()));
        let endpoint = Endpoint::from_env(provider, model)?;
        Ok(Some(LlmPlanner::new(endpoint, store.clone(), agent.cloned())?))
    }
}
