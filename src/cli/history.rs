//! `opsgate history`: my plans and actions (everyone's with ops.audit.view).

use clap::Args;
use serde::Serialize;

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::plan::{ActionId, ActionStatus, PlanId};
use crate::render::{Tabular, table};
use crate::store::HistoryFilter;
use crate::time::parse_instant;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only actions with this status (e.g. pending_approval, succeeded)
    #[arg(long)]
    pub status: Option<String>,
    /// Only this action (e.g. bookings.refund)
    #[arg(long)]
    pub action: Option<String>,
    /// From this time on (RFC 3339, a date, or a duration ago like 7d)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Before this time
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Everyone's history, not only mine (needs ops.audit.view)
    #[arg(long)]
    pub all: bool,
    /// At most this many entries
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
}

#[derive(Serialize)]
struct HistoryEntry {
    action_id: ActionId,
    plan_id: PlanId,
    action: String,
    status: String,
    decision: String,
    requested_by: String,
    prompt: String,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize)]
#[serde(transparent)]
struct History(Vec<HistoryEntry>);

impl Tabular for History {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no matching plans or actions".into();
        }
        table(
            &["action", "plan", "name", "status", "requested by", "prompt", "updated"],
            self.0.iter().map(|e| {
                vec![
                    e.action_id.to_string(),
                    e.plan_id.to_string(),
                    e.action.clone(),
                    e.status.clone(),
                    e.requested_by.clone(),
                    e.prompt.chars().take(50).collect(),
                    e.updated_at.clone(),
                ]
            }),
        )
    }
}

impl HistoryArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        if self.all && !person.can("ops.audit.view") {
            return Err(Error::Denied(format!(
                "{} lacks `ops.audit.view`, needed for everyone's history",
                person.email
            )));
        }
        if let Some(status) = &self.status
            && ActionStatus::parse(status).is_none()
        {
            return Err(Error::Usage(format!("unknown status `{status}`")));
        }
        let filter = HistoryFilter {
            requested_by: (!self.all).then_some(person.id),
            status: self.status,
            action: self.action,
            since: self.since.as_deref().map(parse_instant).transpose()?,
            until: self.until.as_deref().map(parse_instant).transpose()?,
            limit: self.limit,
        };
        let entries = ctx
            .store
            .history(&filter)
            .await?
            .into_iter()
            .map(|(row, prompt)| HistoryEntry {
                action_id: ActionId(row.id),
                plan_id: PlanId(row.plan_id),
                action: row.action,
                status: row.status.as_str().to_owned(),
                decision: row.decision.as_str().to_owned(),
                requested_by: row.requester_email,
                prompt,
                created_at: row.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                updated_at: row.updated_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            })
            .collect();
        ctx.show(&History(entries)).await?;
        Ok(ExitCode::Success)
    }
}

impl HistoryArgs {
    pub fn remote_call(&self) -> crate::remote::Call {
        crate::remote::Call::get("/v1/history")
            .query("status", self.status.as_ref())
            .query("action", self.action.as_ref())
            .query("since", self.since.as_ref())
            .query("until", self.until.as_ref())
            .flag("all", self.all)
            .query("limit", Some(self.limit))
    }
}
