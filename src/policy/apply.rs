//! Applying a policy file: only a system admin may, only a file that checks
//! cleanly is stored, and the audit log records its SHA-256 in the same
//! transaction, so that every machine knows exactly which rules are in force.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::Policy;
use crate::audit::{Event, Outcome};
use crate::error::Result;
use crate::rbac::require;
use crate::session::Session;

/// The permission applying rules needs.
pub const POLICY_ADMIN: &str = "system.admin";

/// What `policy apply` stored.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedSet {
    pub id: i64,
    pub sha256: String,
    pub rules: usize,
    pub applied_by: String,
    /// Rules of the set it replaced (none: nothing was in force).
    pub replaced_rules: usize,
}

/// Checks `text` (read from `path`) and makes it the policy in force.
pub async fn apply(session: &Session, path: &Path, text: String) -> Result<AppliedSet> {
    let person = session.person()?;
    if let Err(denied) = require(person, POLICY_ADMIN) {
        let payload = json!({"file": path.display().to_string()});
        return Err(session.refuse(Event::PolicyDenied, Outcome::Denied, None, payload, denied).await);
    }
    let policy = match Policy::parse(path, text, session.catalog()) {
        Ok(policy) => policy,
        Err(error) => {
            let payload = json!({"file": path.display().to_string()});
            return Err(session.refuse(Event::PolicyInvalid, Outcome::Rejected, None, payload, error).await);
        }
    };
    let replaced_rules = session.policy().await.map(|current| current.rules.len()).unwrap_or(0);
    let store = session.store();
    let mut tx = store.begin().await?;
    let id = tx.insert_policy_set(&policy.text, &policy.sha256, policy.rules.len() as i64, person.id).await?;
    let names: Vec<&str> = policy.rules.iter().map(|rule| rule.name.as_str()).collect();
    tx.append_audit(&[session.entry(
        Event::PolicyApplied,
        Outcome::Succeeded,
        json!({
            "policy_set": id,
            "file": path.display().to_string(),
            "sha256": policy.sha256,
            "rules": names,
            "replaced_rules": replaced_rules,
        }),
    )])
    .await?;
    tx.commit().await?;
    Ok(AppliedSet {
        id,
        sha256: policy.sha256,
        rules: policy.rules.len(),
        applied_by: person.email.clone(),
        replaced_rules,
    })
}
