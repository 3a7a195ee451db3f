//! Registered AI agents (DESIGN.md, Identity): a name, a model, a tier that
//! narrows what may be proposed through it, a rate limit and a daily token
//! budget. Usage is persisted, so limits hold across processes and cron runs.

pub mod credentials;
mod meter;

use serde::Serialize;

pub use meter::{Meter, day_start};

use crate::audit::{Event, NewAuditEntry, Outcome};
use crate::catalog::Risk;
use crate::error::{Error, Result};
use crate::store::{AgentRow, Store};

/// What an agent may propose at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Reads and drafts only.
    Read,
    /// Anything, as suggestions people confirm or approve.
    Suggest,
    /// Anything; writes still need their confirmation or approval.
    Write,
}

impl Tier {
    pub fn parse(text: &str) -> Result<Tier> {
        match text {
            "read" => Ok(Tier::Read),
            "suggest" => Ok(Tier::Suggest),
            "write" => Ok(Tier::Write),
            other => Err(Error::Usage(format!("unknown tier `{other}`; use read, suggest or write"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Read => "read",
            Tier::Suggest => "suggest",
            Tier::Write => "write",
        }
    }

    /// Whether actions of this risk may be offered to and proposed by the agent.
    pub fn allows(self, risk: Risk) -> bool {
        self != Tier::Read || !risk.writes()
    }
}

/// An active registered agent.
#[derive(Debug, Clone, Serialize)]
pub struct Agent {
    pub name: String,
    pub model: String,
    pub tier: Tier,
    pub rate_limit_per_min: i64,
    pub daily_token_budget: i64,
    /// Guarded steps (tool calls) per day, counted by the guard.
    pub daily_tool_call_budget: i64,
    /// Writes it may propose per day, counted by the guard.
    pub daily_mutation_budget: i64,
}

impl Agent {
    /// The active agent of that name.
    pub async fn load(store: &Store, name: &str) -> Result<Agent> {
        let row = store.agent_by_name(name).await?.ok_or_else(|| {
            Error::NotFound(format!("no agent named `{name}`; `opsgate agent add {name} …` registers one"))
        })?;
        if row.status != "active" {
            return Err(Error::Denied(format!("agent `{name}` is disabled")));
        }
        Agent::from_row(&row)
    }

    pub fn from_row(row: &AgentRow) -> Result<Agent> {
        Ok(Agent {
            name: row.name.clone(),
            model: row.model.clone(),
            tier: Tier::parse(&row.tier)?,
            rate_limit_per_min: row.rate_limit_per_min,
            daily_token_budget: row.daily_token_budget,
            daily_tool_call_budget: row.daily_tool_call_budget,
            daily_mutation_budget: row.daily_mutation_budget,
        })
    }

    /// The subject its usage windows are kept under.
    pub fn subject(&self) -> String {
        format!("agent:{}", self.name)
    }
}

/// An agent with its usage right now, for `agent list`.
#[derive(Debug, Clone, Serialize)]
pub struct AgentStatus {
    #[serde(flatten)]
    pub row: AgentRow,
    pub requests_this_minute: i64,
    pub tokens_today: i64,
}

/// Everyone registered, with current usage. Needs `ops.staff.view`.
pub async fn list(store: &Store, person: &crate::identity::StaffMember) -> Result<Vec<AgentStatus>> {
    crate::rbac::require(person, "ops.staff.view")?;
    let now = chrono::Utc::now();
    let mut out = Vec::new();
    for row in store.agents().await? {
        let subject = format!("agent:{}", row.name);
        let minute = store.window_usage(&subject, "minute", meter::minute_start(now)).await?;
        let day = store.window_usage(&subject, "day", meter::day_start(now)).await?;
        out.push(AgentStatus { row, requests_this_minute: minute.requests, tokens_today: day.tokens });
    }
    Ok(out)
}

/// What `agent add` registers.
pub struct NewAgent<'a> {
    pub name: &'a str,
    pub model: &'a str,
    pub tier: Tier,
    pub rate_limit_per_min: i64,
    pub daily_token_budget: i64,
    pub daily_tool_call_budget: i64,
    pub daily_mutation_budget: i64,
}

/// Registers an agent. Needs `ops.staff.edit`; audited.
pub async fn register(
    store: &Store,
    person: &crate::identity::StaffMember,
    new: NewAgent<'_>,
) -> Result<Agent> {
    crate::rbac::require(person, "ops.staff.edit")?;
    let valid_name = !new.name.is_empty()
        && new.name.len() <= 64
        && new.name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !valid_name {
        return Err(Error::Usage("an agent name is 1–64 letters, digits, `-`, `_` or `.`".into()));
    }
    if new.model.trim().is_empty() || new.model.len() > 200 {
        return Err(Error::Usage("--model must name the model the agent runs".into()));
    }
    if [new.rate_limit_per_min, new.daily_token_budget, new.daily_tool_call_budget, new.daily_mutation_budget]
        .iter()
        .any(|limit| *limit < 1)
    {
        return Err(Error::Usage(
            "--rate-limit, --daily-tokens, --daily-tool-calls and --daily-mutations must be at least 1"
                .into(),
        ));
    }
    let row = AgentRow {
        id: 0,
        name: new.name.to_owned(),
        model: new.model.trim().to_owned(),
        tier: new.tier.as_str().to_owned(),
        rate_limit_per_min: new.rate_limit_per_min,
        daily_token_budget: new.daily_token_budget,
        daily_tool_call_budget: new.daily_tool_call_budget,
        daily_mutation_budget: new.daily_mutation_budget,
        status: "active".into(),
        created_at: chrono::Utc::now(),
    };
    let entry = NewAuditEntry::by_person(
        person,
        Event::AgentRegistered,
        Outcome::Succeeded,
        serde_json::json!({"agent": row.name, "model": row.model, "tier": row.tier,
            "rate_limit_per_min": row.rate_limit_per_min, "daily_token_budget": row.daily_token_budget,
            "daily_tool_call_budget": row.daily_tool_call_budget, "daily_mutation_budget": row.daily_mutation_budget}),
    );
    store.insert_agent(&row, entry).await?;
    Agent::from_row(&row)
}

/// Disables an agent: it can no longer be acted through. Needs `ops.staff.edit`; audited.
pub async fn disable(store: &Store, person: &crate::identity::StaffMember, name: &str) -> Result<()> {
    crate::rbac::require(person, "ops.staff.edit")?;
    let entry = NewAuditEntry::by_person(
        person,
        Event::AgentDisabled,
        Outcome::Succeeded,
        serde_json::json!({"agent": name}),
    );
    if !store.set_agent_status(name, "disabled", entry).await? {
        return Err(Error::NotFound(format!("no agent named `{name}`")));
    }
    Ok(())
}
