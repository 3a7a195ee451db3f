//! Policy rules (DESIGN.md, "Policy rules"): YAML stored in the database, so
//! that every surface and every machine sees the same rules. They only
//! tighten what the catalog, the person's role, the agent's tier and the
//! session allow: deny, require a confirmation, N approvals or a second
//! factor, cap the sum of a parameter per period, limit the rate of steps.
//! The guard asks them when a step is planned and again before it runs.

mod apply;
mod facts;
mod limits;
mod parse;
mod rule;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use apply::{AppliedSet, POLICY_ADMIN, apply};
pub use facts::{FACTS, Facts};
pub use limits::{CapHold, Counted, Tally, cap_overrun, hold_caps, rate_overrun};
pub use rule::{ActorKind, Cap, Effect, Per, Period, Rate, Requirement, Rule, Selector, Window};

use crate::canonical::sha256_hex;
use crate::catalog::{ActionSpec, Catalog, Requires};
use crate::error::Result;
use crate::session::Surface;

/// A set of rules as applied (or read from a file for `policy test`).
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    pub rules: Vec<Rule>,
    #[serde(skip)]
    pub text: String,
    pub sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied: Option<Applied>,
}

/// Who applied the rules in force, and when.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub by: String,
    pub at: DateTime<Utc>,
}

/// What the rules that hold for one step add to it.
#[derive(Debug, Default)]
pub struct Judgement<'p> {
    /// The first denial, naming its rule.
    pub denial: Option<String>,
    /// The highest requirement any rule adds (never below the catalog's).
    pub requires: Option<Requires>,
    pub approvals: u32,
    pub second_factor: bool,
    /// Every rule that selected the step and whose condition held.
    pub applied: Vec<&'p str>,
    pub caps: Vec<(&'p Rule, &'p Cap)>,
    pub rates: Vec<(&'p Rule, &'p Rate)>,
}

impl Policy {
    /// No rules: what a database without an applied policy has.
    pub fn none() -> Policy {
        Policy { rules: Vec::new(), text: String::new(), sha256: sha256_hex(b""), applied: None }
    }

    /// Parses and checks a policy file (see [`parse::parse`]).
    pub fn parse(path: &Path, text: String, catalog: &Catalog) -> Result<Policy> {
        let rules = parse::parse(path, &text, catalog)?;
        let sha256 = sha256_hex(text.as_bytes());
        Ok(Policy { rules, text, sha256, applied: None })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether deciding this step needs the target row read.
    pub fn reads_target(&self, action: &ActionSpec, actor: ActorKind, surface: Surface) -> bool {
        self.rules.iter().any(|rule| rule.reads_target && rule.selector.selects(action, actor, surface))
    }

    /// The rules that hold for one step and what they add. A condition that
    /// cannot be evaluated denies the step: rules fail closed.
    pub fn judge<'p>(&'p self, facts: &Facts<'_>) -> Judgement<'p> {
        let mut judgement = Judgement::default();
        let actor = if facts.agent.is_some() { ActorKind::Agent } else { ActorKind::Person };
        let env = facts::environment();
        let mut context = None;
        let selected =
            self.rules.iter().filter(|rule| rule.selector.selects(facts.action, actor, facts.surface));
        for rule in selected {
            if let Some(when) = &rule.when {
                let context = context.get_or_insert_with(|| facts.context());
                let holds =
                    env.compile_expression(when).and_then(|expression| expression.eval(context.clone()));
                match holds {
                    Ok(value) if value.is_true() => {}
                    Ok(_) => continue,
                    Err(error) => {
                        judgement.denial.get_or_insert_with(|| {
                            format!(
                                "policy rule `{}` could not be evaluated ({}), so it denies",
                                rule.name,
                                crate::error::one_line(&error.to_string())
                            )
                        });
                        judgement.applied.push(&rule.name);
                        continue;
                    }
                }
            }
            judgement.applied.push(&rule.name);
            match &rule.effect {
                Effect::Deny(message) => {
                    judgement.denial.get_or_insert_with(|| format!("policy rule `{}`: {message}", rule.name));
                }
                Effect::Require(requirement) => {
                    let level = judgement.requires.unwrap_or(Requires::None).max(requirement.level);
                    judgement.requires = Some(level);
                    judgement.approvals = judgement.approvals.max(requirement.approvals);
                    judgement.second_factor |= requirement.second_factor;
                }
                Effect::Cap(cap) => judgement.caps.push((rule, cap)),
                Effect::Rate(rate) => judgement.rates.push((rule, rate)),
            }
        }
        judgement
    }

    /// Names of the catalog actions a rule covers (what its caps and rates count).
    pub fn covered_actions(rule: &Rule, catalog: &Catalog) -> Vec<String> {
        catalog.actions().iter().filter(|a| rule.selector.covers(a)).map(|a| a.name.clone()).collect()
    }
}
