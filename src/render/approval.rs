//! Views of approvals, keys, second-factor enrollment and the worker.

use std::fmt::Write;

use serde::Serialize;
use serde_json::Value;

use super::plan::{payload_lines, simulation_text};
use super::{StepView, Tabular, table};
use crate::pipeline::{ApprovalReview, DecisionReport, PendingApproval};
use crate::plan::Step;
use crate::sanitize::for_terminal;
use crate::store::{ApprovalRow, KeyRow};
use crate::worker::{RecoveryReport, WorkerReport};

/// `approve --list`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PendingView(pub Vec<PendingApproval>);

impl Tabular for PendingView {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "nothing is waiting for your approval".into();
        }
        let rows = self.0.iter().map(|p| {
            vec![
                p.action_id.to_string(),
                p.action.clone(),
                p.requester.clone(),
                p.prompt.clone(),
                p.summary.clone(),
                p.approvals.clone(),
                if p.second_factor { "yes".into() } else { "no".into() },
                age(p.age_seconds),
            ]
        });
        for_terminal(&table(
            &["ID", "ACTION", "REQUESTER", "PROMPT", "PAYLOAD", "APPROVALS", "TOTP", "AGE"],
            rows,
        ))
    }
}

fn age(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}

/// `approve ID` before the decision: everything the approver must see.
#[derive(Serialize)]
pub struct ApprovalReviewView {
    #[serde(flatten)]
    pub review: ApprovalReview,
    #[serde(skip)]
    payload: Value,
}

impl ApprovalReviewView {
    pub fn new(review: ApprovalReview) -> Self {
        let payload = review.payload.to_value();
        ApprovalReviewView { review, payload }
    }
}

/// The review as text, for the terminal before the question.
pub fn approval_review_text(view: &ApprovalReviewView) -> String {
    let r = &view.review;
    let mut out = String::new();
    let _ = writeln!(out, "{} {} requested by {} ({})", r.action_id, r.action, r.requester, r.requester_role);
    let _ = writeln!(out, "  prompt      {}", r.prompt);
    let _ = writeln!(out, "  policy      {}", r.policy_text);
    let _ = writeln!(out, "  approvals   {}", r.standing.summary());
    let _ = writeln!(out, "  payload     sha256 {}", r.payload_hash);
    for line in payload_lines(&view.payload) {
        let _ = writeln!(out, "    {line}");
    }
    simulation_text(&r.impact, &mut out);
    out
}

/// `approve` / `reject`: the signed decision.
#[derive(Serialize)]
#[serde(transparent)]
pub struct DecisionView(pub Vec<DecisionReport>);

impl Tabular for DecisionView {
    fn human(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = writeln!(
                out,
                "{} {}: {} by {} (key k{}); approvals {}; now {}",
                d.action_id, d.action, d.decision, d.approver, d.key_id, d.approvals, d.status
            );
        }
        for_terminal(out.trim_end())
    }
}

/// One approval or rejection as `show` prints it.
#[derive(Serialize)]
pub struct ApprovalLine {
    pub approver: String,
    pub decision: String,
    pub key_id: Option<i64>,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<&ApprovalRow> for ApprovalLine {
    fn from(row: &ApprovalRow) -> Self {
        ApprovalLine {
            approver: row.approver_email.clone(),
            decision: row.decision.clone(),
            key_id: row.key_id,
            signed_at: row.signed_at,
            expires_at: row.expires_at,
            reason: row.reason.clone(),
        }
    }
}

/// `show aN`: the stored step and the decisions on it.
#[derive(Serialize)]
pub struct ActionView {
    #[serde(flatten)]
    pub step: Step,
    pub approvals: Vec<ApprovalLine>,
}

impl Tabular for ActionView {
    fn human(&self) -> String {
        let mut out = StepView(self.step.clone()).human();
        for a in &self.approvals {
            let _ = write!(
                out,
                "\n  {}  {} by {} (key k{}) at {}, valid until {}",
                if a.decision == "approve" { "approval " } else { "rejection" },
                a.decision,
                a.approver,
                a.key_id.unwrap_or_default(),
                a.signed_at.format("%Y-%m-%d %H:%M:%S UTC"),
                a.expires_at.format("%Y-%m-%d %H:%M UTC"),
            );
            if let Some(reason) = &a.reason {
                let _ = write!(out, ": {}", for_terminal(reason));
            }
        }
        out
    }
}

/// `staff keys`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct KeysView(pub Vec<KeyRow>);

impl Tabular for KeysView {
    fn human(&self) -> String {
        let rows = self.0.iter().map(|k| {
            vec![
                format!("k{}", k.id),
                k.email.clone(),
                k.public_key.clone(),
                k.created_at.format("%Y-%m-%d %H:%M").to_string(),
                match (&k.revoked_at, &k.revoke_reason) {
                    (Some(at), Some(reason)) => format!("revoked {} ({reason})", at.format("%Y-%m-%d %H:%M")),
                    (Some(at), None) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    (None, _) => "active".into(),
                },
            ]
        });
        for_terminal(&table(&["KEY", "STAFF", "PUBLIC KEY", "CREATED", "STATUS"], rows))
    }
}

/// `staff totp enroll`.
#[derive(Serialize)]
pub struct TotpEnrollment {
    pub email: String,
    pub secret: String,
    pub otpauth_uri: String,
    #[serde(skip)]
    pub qr: Option<String>,
}

impl Tabular for TotpEnrollment {
    fn human(&self) -> String {
        let mut out = String::new();
        if let Some(qr) = &self.qr {
            let _ = writeln!(out, "{qr}");
        }
        let _ = writeln!(out, "TOTP enrolled for {}. Add it to your authenticator app:", self.email);
        let _ = writeln!(out, "  {}", self.otpauth_uri);
        let _ = write!(out, "  secret: {} (30-second codes, 6 digits, SHA-1)", self.secret);
        out
    }
}

/// `worker`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct WorkerView(pub WorkerReport);

impl Tabular for WorkerView {
    fn human(&self) -> String {
        let r = &self.0;
        let mut out = format!("{}: {} succeeded, {} did not\n", r.worker, r.succeeded, r.failed);
        for o in r.outcomes.iter().filter(|o| o.status != "succeeded") {
            let _ = writeln!(
                out,
                "  {} {}: {} — {}",
                o.action_id,
                o.action,
                o.status,
                o.error.as_deref().unwrap_or("")
            );
        }
        for_terminal(out.trim_end())
    }
}

/// `worker --recover`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct RecoveryView(pub RecoveryReport);

impl Tabular for RecoveryView {
    fn human(&self) -> String {
        let r = &self.0;
        if r.recovered.is_empty() && r.still_running.is_empty() && r.unknown.is_empty() {
            return "no stale claims".into();
        }
        let mut out = String::new();
        for c in &r.recovered {
            let outcome =
                if c.committed { "had committed" } else { "had not committed; nothing was written" };
            let _ = writeln!(
                out,
                "{} {}: claimed by {} {outcome} → {}",
                c.action_id, c.action, c.claimed_by, c.status
            );
        }
        for id in &r.still_running {
            let _ = writeln!(out, "{id}: still claimed by a running process; left alone");
        }
        for id in &r.unknown {
            let _ = writeln!(
                out,
                "{id}: outcome unknown and its target shows no change; check the API, then `opsgate execute --recover --settle {id}=succeeded` or `{id}=failed`"
            );
        }
        for_terminal(out.trim_end())
    }
}
