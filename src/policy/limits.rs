//! Caps and rates: checked against what the database holds, so that they
//! hold across processes and machines. A cap is checked when a step is
//! planned, before it runs, and finally inside the transaction that runs it
//! (under a lock per rule), so two processes cannot both spend the last of it.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::facts::Facts;
use super::rule::{Cap, Per, Rate, Rule};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::store::{Counting, Store, Tx};

/// Whose steps are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    /// A person's own steps (`requested_by`), whether they or an agent for them took them.
    Person(i64),
    /// An agent's steps, for whomever it acted.
    Agent(String),
}

impl Counted {
    fn of(per: Per, facts: &Facts<'_>) -> Option<Counted> {
        match per {
            Per::Person => Some(Counted::Person(facts.person.id)),
            // A rule counted per agent does not apply when no agent acts.
            Per::Agent => facts.agent.map(|agent| Counted::Agent(agent.name.clone())),
        }
    }
}

/// What the transaction that runs a step must check again, atomically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapHold {
    pub rule: String,
    pub param: String,
    pub actions: Vec<String>,
    pub who: Counted,
    pub per: Per,
    pub period: super::Period,
    pub since: DateTime<Utc>,
    pub max: i64,
    pub amount: i64,
}

impl CapHold {
    pub fn new(rule: &Rule, cap: &Cap, facts: &Facts<'_>, catalog: &Catalog) -> Option<CapHold> {
        let amount = amount_of(facts.params, &cap.param);
        Some(CapHold {
            rule: rule.name.clone(),
            param: cap.param.clone(),
            actions: super::Policy::covered_actions(rule, catalog),
            who: Counted::of(cap.per, facts)?,
            per: cap.per,
            period: cap.period,
            since: cap.period.start(facts.now),
            max: cap.max,
            amount,
        })
    }

    fn overrun(&self, used: i64) -> Option<String> {
        let total = used.saturating_add(self.amount);
        (self.amount > 0 && total > self.max).then(|| {
            format!(
                "policy rule `{}`: {} {} would make {total} this {} for this {}, over the cap of {} ({used} already)",
                self.rule,
                self.amount,
                self.param,
                self.period.as_str(),
                self.per.as_str(),
                self.max
            )
        })
    }
}

/// A parameter's value as a whole number (money is in cents); 0 when absent.
fn amount_of(params: &Value, param: &str) -> i64 {
    match params.get(param) {
        Some(Value::Number(n)) => n.as_i64().unwrap_or_else(|| n.as_f64().map_or(0, |f| f.ceil() as i64)),
        _ => 0,
    }
}

fn sum(params: &[String], param: &str) -> i64 {
    params
        .iter()
        .filter_map(|text| serde_json::from_str::<Value>(text).ok())
        .map(|value| amount_of(&value, param))
        .fold(0i64, i64::saturating_add)
}

/// Why this step would go over a cap (counting what ran or runs), if it would.
pub async fn cap_overrun(store: &Store, hold: &CapHold, exclude: Option<i64>) -> Result<Option<String>> {
    if hold.amount <= 0 {
        return Ok(None);
    }
    let params = store.counted_params(&hold.actions, &hold.who, Counting::Ran, hold.since, exclude).await?;
    Ok(hold.overrun(sum(&params, &hold.param)))
}

/// Checks every cap inside the transaction that runs action `id`: what
/// succeeded before, under a lock per rule, so concurrent runners take turns.
pub async fn hold_caps(tx: &mut Tx, holds: &[CapHold], id: i64) -> Result<()> {
    for hold in holds.iter().filter(|hold| hold.amount > 0) {
        tx.lock_named(&format!("opsgate.policy.cap.{}", hold.rule)).await?;
        let params =
            tx.counted_params(&hold.actions, &hold.who, Counting::Succeeded, hold.since, Some(id)).await?;
        if let Some(why) = hold.overrun(sum(&params, &hold.param)) {
            return Err(Error::Denied(format!("{why}; nothing was written")));
        }
    }
    Ok(())
}

/// How a rate counts the steps already taken.
pub struct Tally {
    /// Which steps count: planned ones when planning, run ones when executing.
    pub counting: Counting,
    /// Steps of the same request (or batch) decided but not stored yet.
    pub earlier: i64,
    /// The stored step being decided again, which must not count against itself.
    pub exclude: Option<i64>,
}

/// Why this step would go over a rate, if it would. `actions` are the ones
/// the rule covers.
pub async fn rate_overrun(
    store: &Store,
    rule: &Rule,
    rate: &Rate,
    facts: &Facts<'_>,
    actions: &[String],
    tally: Tally,
) -> Result<Option<String>> {
    let per = rate.by.unwrap_or(if facts.agent.is_some() { Per::Agent } else { Per::Person });
    let Some(who) = Counted::of(per, facts) else { return Ok(None) };
    let since = facts.now.with_timezone(&Utc) - rate.per.length();
    let count =
        store.counted_steps(actions, &who, tally.counting, since, tally.exclude).await? + tally.earlier;
    Ok((count >= rate.max).then(|| {
        let whom = match &who {
            Counted::Person(_) => facts.person.email.clone(),
            Counted::Agent(name) => format!("agent `{name}`"),
        };
        format!(
            "policy rule `{}`: {whom} may take at most {} of these steps per {}; try again later",
            rule.name,
            rate.max,
            rate.per.as_str()
        )
    }))
}
