//! Rate limit (requests per minute) and daily token budget, counted in
//! `rate_limit_windows` so that every process and cron run sees the same
//! numbers. A request over either limit is refused (exit 6) before it is sent.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::Agent;
use crate::error::{Error, Result};
use crate::store::Store;

pub struct Meter<'a> {
    store: &'a Store,
    agent: &'a Agent,
}

pub(crate) fn minute_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now)
}

/// Budgets reset at midnight UTC.
pub fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::days(1)).unwrap_or(now)
}

impl<'a> Meter<'a> {
    pub fn new(store: &'a Store, agent: &'a Agent) -> Meter<'a> {
        Meter { store, agent }
    }

    /// Counts one request, or refuses it when the minute's limit or the day's
    /// token budget is used up.
    pub async fn before_request(&self) -> Result<()> {
        let now = Utc::now();
        let subject = self.agent.subject();
        let today = self.store.window_usage(&subject, "day", day_start(now)).await?;
        if today.tokens >= self.agent.daily_token_budget {
            return Err(Error::RateLimited(format!(
                "agent `{}` has used {} of its {} daily tokens; the budget resets at midnight UTC",
                self.agent.name, today.tokens, self.agent.daily_token_budget
            )));
        }
        if self
            .store
            .count_request(&subject, "minute", minute_start(now), self.agent.rate_limit_per_min)
            .await?
            .is_none()
        {
            return Err(Error::RateLimited(format!(
                "agent `{}` is limited to {} requests per minute; try again in {} s",
                self.agent.name,
                self.agent.rate_limit_per_min,
                60 - (now - minute_start(now)).num_seconds()
            )));
        }
        self.store.count_request(&subject, "day", day_start(now), i64::MAX).await?;
        Ok(())
    }

    /// Adds the tokens the provider reported.
    pub async fn record_tokens(&self, tokens: i64) -> Result<()> {
        if tokens > 0 {
            self.store.count_tokens(&self.agent.subject(), "day", day_start(Utc::now()), tokens).await?;
        }
        Ok(())
    }
}
