//! Tool-call and mutation budgets, per session and per agent (per day),
//! counted in `budget_usage` so that they hold across processes: an MCP
//! session or a cron run in another process sees the same numbers. A charge
//! that would go over any budget is refused as a whole (exit 6) and counts
//! nothing.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::session::Session;

/// What a request is about to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Charge {
    /// Guarded steps: every step the guard decides (reads included).
    pub tool_calls: i64,
    /// Allowed writes among them.
    pub mutations: i64,
}

impl Charge {
    pub fn is_empty(&self) -> bool {
        self.tool_calls == 0 && self.mutations == 0
    }
}

/// One budget a charge is counted against.
struct Limit {
    subject: String,
    scope: &'static str,
    window_start: DateTime<Utc>,
    max_tool_calls: Option<i64>,
    max_mutations: Option<i64>,
    /// "agent `bot` today", "this session".
    label: String,
}

pub struct Budget<'s> {
    session: &'s Session,
}

impl<'s> Budget<'s> {
    pub fn new(session: &'s Session) -> Budget<'s> {
        Budget { session }
    }

    fn limits(&self) -> Vec<Limit> {
        let mut limits = Vec::new();
        let constraints = self.session.constraints();
        if constraints.max_tool_calls.is_some() || constraints.max_mutations.is_some() {
            limits.push(Limit {
                subject: format!("session:{}", self.session.id()),
                scope: "session",
                window_start: DateTime::<Utc>::UNIX_EPOCH,
                max_tool_calls: constraints.max_tool_calls,
                max_mutations: constraints.max_mutations,
                label: "this session".into(),
            });
        }
        if let Some(agent) = self.session.agent() {
            limits.push(Limit {
                subject: agent.subject(),
                scope: "day",
                window_start: crate::agents::day_start(self.session.now()),
                max_tool_calls: Some(agent.daily_tool_call_budget),
                max_mutations: Some(agent.daily_mutation_budget),
                label: format!("agent `{}` today", agent.name),
            });
        }
        limits
    }

    /// Counts `charge`, or refuses it when it would go over a budget.
    pub async fn charge(&self, charge: Charge) -> Result<()> {
        let limits = self.limits();
        if charge.is_empty() || limits.is_empty() {
            return Ok(());
        }
        let mut tx = self.session.store().begin().await?;
        for limit in &limits {
            let (tool_calls, mutations) =
                tx.add_budget_usage(&limit.subject, limit.scope, limit.window_start, charge).await?;
            let over = |used: i64, max: Option<i64>, what: &str, asked: i64| {
                max.filter(|max| asked > 0 && used > *max).map(|max| {
                    Error::RateLimited(format!(
                        "{} is over its budget of {max} {what} ({} used before this request, which needs {asked}); nothing was done",
                        limit.label,
                        used - asked,
                    ))
                })
            };
            let error = over(tool_calls, limit.max_tool_calls, "tool calls", charge.tool_calls)
                .or_else(|| over(mutations, limit.max_mutations, "mutations", charge.mutations));
            if let Some(error) = error {
                // Dropping the transaction rolls every increment back.
                return Err(error);
            }
        }
        tx.commit().await
    }
}
