//! Planners turn a prompt into a proposal of catalogued steps. They only
//! propose: the catalog, the schemas and the guard decide what happens.

mod fill;
mod intent;
mod rules;
pub mod slots;

#[cfg(test)]
mod corpus_tests;

use crate::time::LocalTime;

pub use rules::RulesPlanner;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::plan::Proposal;

/// Anything that turns prompts into proposals.
pub trait Planner {
    /// `rules`, `openai`, …: recorded with every plan.
    fn name(&self) -> &str;

    /// A proposal for `prompt`, or [`crate::Error::Unplannable`].
    fn propose(&self, prompt: &str, catalog: &Catalog, now: LocalTime) -> Result<Proposal>;
}
