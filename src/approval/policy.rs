//! How many approvals an action needs and how long they last: the catalog
//! says whether approval is needed; `ops_config` may raise the count per action
//! and change the lifetime.

use chrono::Duration;
use serde::Serialize;

use crate::error::Result;
use crate::store::{ActionRow, Store};

/// Default lifetime of an approval.
pub const DEFAULT_APPROVAL_TTL: Duration = Duration::hours(24);

/// Bounds on configured values (a typo must not make approvals eternal or impossible).
const MAX_APPROVALS: i64 = 10;
const MAX_TTL_HOURS: i64 = 24 * 30;

/// `ops_config` key: approval lifetime in hours.
pub const APPROVALS_TTL_KEY: &str = "approvals.ttl_hours";

/// `ops_config` key: approvals an action needs (default 1).
pub fn required_approvals_key(action: &str) -> String {
    format!("approvals.required.{action}")
}

/// The approval policy that applies to one stored action.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalPolicy {
    pub action: String,
    pub permission: String,
    pub required: i64,
    #[serde(skip)]
    pub ttl: Duration,
    pub ttl_hours: i64,
    pub second_factor: bool,
}

impl ApprovalPolicy {
    pub async fn load(store: &Store, row: &ActionRow) -> Result<ApprovalPolicy> {
        let configured = |key: String| async move {
            Ok::<_, crate::Error>(
                store
                    .snapshot_row("ops_config", "key", &key, &["value"])
                    .await?
                    .and_then(|values| values[0].as_deref().and_then(|v| v.trim().parse::<i64>().ok()))
                    .filter(|value| *value > 0),
            )
        };
        // Configuration may raise the count the action was planned with, never lower it.
        let planned = row.approvals_required.max(1);
        let required = configured(required_approvals_key(&row.action))
            .await?
            .map_or(planned, |n| n.min(MAX_APPROVALS).max(planned));
        let ttl = configured(APPROVALS_TTL_KEY.to_owned())
            .await?
            .map(|hours| Duration::hours(hours.min(MAX_TTL_HOURS)))
            .unwrap_or(DEFAULT_APPROVAL_TTL);
        Ok(ApprovalPolicy {
            action: row.action.clone(),
            permission: row.permission.clone(),
            required,
            ttl,
            ttl_hours: ttl.num_hours(),
            second_factor: row.second_factor,
        })
    }

    /// One sentence a reviewer can check the decision against.
    pub fn describe(&self, requester_role: &str, requester_level: i64) -> String {
        let people = if self.required == 1 {
            "1 other person".to_owned()
        } else {
            format!("{} other people", self.required)
        };
        let factor = if self.second_factor { ", each with a TOTP code" } else { "" };
        format!(
            "{} needs approval by {people} holding `{}` at level {requester_level} ({requester_role}) or more senior{factor}; approvals last {} h",
            self.action, self.permission, self.ttl_hours
        )
    }
}
