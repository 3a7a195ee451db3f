//! Planners turn a prompt into a proposal of catalogued steps. They only
//! propose: the catalog, the schemas and the guard decide what happens.

mod choice;
pub mod eval;
mod fill;
mod intent;
mod language;
pub mod llm;
mod normalize;
mod rules;
pub mod slots;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod heldout_tests;

use futures_util::future::BoxFuture;

pub use choice::{PlannerChoice, PlannerKind};
pub use llm::{LlmPlanner, Provider};
pub use rules::RulesPlanner;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::identity::StaffMember;
use crate::plan::Proposal;
use crate::time::LocalTime;

pub use crate::guard::Offer;

/// What a planner is asked: the prompt, for whom, when, and what the guard offers.
#[derive(Clone, Copy)]
pub struct PlanRequest<'a> {
    pub prompt: &'a str,
    pub catalog: &'a Catalog,
    pub now: LocalTime,
    /// Whose request it is (for the record; the guard decides what they may do).
    pub person: &'a StaffMember,
    pub offer: &'a Offer,
}

/// Refuses a proposal with a step that moves money when the prompt's amount
/// cannot be taken as written ("half", "twenty euros", "12.50" without a
/// currency, two amounts, …), whichever planner made it: opsgate asks
/// rather than guess an amount, and never turns one into the full balance.
pub fn check_amounts(prompt: &str, proposal: &Proposal, catalog: &Catalog, now: LocalTime) -> Result<()> {
    let moves_money = proposal.steps.iter().any(|step| {
        catalog.get(&step.action).is_some_and(|action| {
            action.params.get("properties").and_then(|p| p.get("amount_cents")).is_some()
        })
    });
    if !moves_money {
        return Ok(());
    }
    let doubts = slots::extract(prompt, now).money_doubts;
    match doubts.first() {
        None => Ok(()),
        Some(first) => Err(crate::Error::Unplannable(format!("the amount is unclear: {first}"))),
    }
}

/// Anything that turns prompts into proposals.
pub trait Planner: Send + Sync {
    /// `rules`, `openai`, …: recorded with every plan.
    fn name(&self) -> &str;

    /// A proposal for `prompt`, or [`crate::Error::Unplannable`], computed
    /// offline. Planners that must call out (LLMs) implement [`Planner::propose_for`].
    fn propose(&self, prompt: &str, catalog: &Catalog, now: LocalTime) -> Result<Proposal>;

    /// What the pipeline calls. Offline planners answer at once.
    fn propose_for<'a>(&'a self, request: PlanRequest<'a>) -> BoxFuture<'a, Result<Proposal>> {
        Box::pin(std::future::ready(self.propose(request.prompt, request.catalog, request.now)))
    }
}
