//! `opsgate policy` output.

use serde::Serialize;

use super::Tabular;
use crate::pipeline::Judged;
use crate::plan::Decision;
use crate::policy::{AppliedSet, Policy};

impl Tabular for AppliedSet {
    fn human(&self) -> String {
        format!(
            "applied policy set {} ({} rules, sha256 {}); it replaces {} rules and is in force on every surface now",
            self.id, self.rules, self.sha256, self.replaced_rules
        )
    }
}

/// The policy in force: its rules, and the file exactly as applied.
#[derive(Debug, Serialize)]
pub struct PolicyView<'a> {
    #[serde(flatten)]
    pub policy: &'a Policy,
    pub text: &'a str,
}

impl Tabular for PolicyView<'_> {
    fn human(&self) -> String {
        let Some(applied) = &self.policy.applied else {
            return "No policy rules are in force; `opsgate policy apply FILE` applies a file (system.admin).".into();
        };
        let mut out = format!(
            "# policy in force: {} rules, sha256 {}, applied by {} at {}\n",
            self.policy.rules.len(),
            self.policy.sha256,
            applied.by,
            applied.at.to_rfc3339()
        );
        out.push_str(self.text);
        out
    }
}

impl Tabular for Judged {
    fn human(&self) -> String {
        let mut lines = Vec::new();
        match self.decision {
            Decision::Allowed => {
                let mut needs = match self.requires {
                    crate::catalog::Requires::None => "nothing more".to_owned(),
                    crate::catalog::Requires::Confirm => "a confirmation".to_owned(),
                    crate::catalog::Requires::Approval => {
                        format!("{} approval{}", self.approvals, if self.approvals == 1 { "" } else { "s" })
                    }
                };
                if self.second_factor {
                    needs.push_str(" and a second factor");
                }
                lines.push(format!("{}: allowed, needs {needs}", self.action));
            }
            Decision::Denied => {
                lines.push(format!("{}: denied: {}", self.action, self.denial.as_deref().unwrap_or("")));
            }
        }
        lines.push(format!("params: {}", crate::canonical::to_canonical_string(&self.params)));
        if let Some(summary) = &self.summary {
            lines.push(format!("payload: {summary}"));
        }
        lines.push(if self.rules.is_empty() {
            "policy rules: none applied".into()
        } else {
            format!("policy rules: {}", self.rules.join(", "))
        });
        lines.join("\n")
    }
}
