//! Flags shared by every command that plans a prompt.

use clap::Args;

use crate::planner::{PlannerChoice, PlannerKind};

#[derive(Debug, Clone, Args)]
pub struct PlannerArgs {
    /// The planner [default: ops_config `planner`, else rules]
    #[arg(long, value_enum)]
    pub planner: Option<PlannerKind>,
    /// The model name for LLM planners
    #[arg(long)]
    pub model: Option<String>,
    /// Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
}

impl PlannerArgs {
    pub fn choice(&self) -> PlannerChoice {
        PlannerChoice { kind: self.planner, model: self.model.clone() }
    }
}
