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
    /// These flags as the fields of a request body (team mode).
    pub fn fields(&self, mut body: serde_json::Value) -> serde_json::Value {
        use clap::ValueEnum;
        let planner = self.planner.and_then(|p| p.to_possible_value()).map(|v| v.get_name().to_owned());
        for (name, value) in
            [("planner", planner), ("model", self.model.clone()), ("agent", self.agent.clone())]
        {
            if let Some(value) = value {
                body[name] = serde_json::Value::String(value);
            }
        }
        body
    }

    pub fn choice(&self) -> PlannerChoice {
        PlannerChoice { kind: self.planner, model: self.model.clone() }
    }
}
