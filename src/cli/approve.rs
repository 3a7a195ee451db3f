//! `opsgate approve`: review and sign pending actions (two-person rule).

use clap::Args;

use super::Context;
use super::totp_prompt::code_source;
use crate::confirm::{TerminalAnswer, ask_on_terminal};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{
    ApprovalDecision, DecisionSigner, approvable, decide_approval, load_step, review_for_approval,
};
use crate::plan::StoredId;
use crate::render::{ApprovalReviewView, DecisionView, PendingView, approval_review_text};
use crate::second_factor::SecondFactor;
use crate::session::Mode;

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The pending actions to approve (a42 …); each is reviewed, then signed
    #[arg(value_name = "ACTION_ID", required_unless_present = "list")]
    pub ids: Vec<String>,
    /// List pending actions I may approve
    #[arg(long, conflicts_with = "ids")]
    pub list: bool,
    /// Approve without the interactive confirmation (the second factor is still required)
    #[arg(long)]
    pub yes: bool,
    /// A TOTP code, for actions that need a second factor (asked on a terminal otherwise)
    #[arg(long, value_name = "CODE")]
    pub totp: Option<String>,
}

impl ApproveArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let session = ctx.session(Mode::Suggest, None).await?;
        if self.list {
            let pending = approvable(&session).await?;
            ctx.show(&PendingView(pending)).await?;
            return Ok(ExitCode::Success);
        }
        let interactive = ctx.interactive;
        let mut rows = Vec::with_capacity(self.ids.len());
        for id in &self.ids {
            let StoredId::Action(action_id) = id.parse::<StoredId>()? else {
                return Err(Error::Usage(format!("`{id}` is a plan: approve its actions (a…) one by one")));
            };
            let (row, _) = load_step(&ctx.store, action_id).await?;
            let review = review_for_approval(&session, &row).await?;
            if !self.yes {
                if !interactive {
                    return Err(Error::NeedsConfirmation(format!(
                        "approving {} needs your confirmation: run it on a terminal, or pass --yes after reviewing `opsgate show {}`; nothing was signed",
                        review.action_id, review.action_id
                    )));
                }
                // The approver sees the display masked for them; the signature binds the full payload's hash.
                let text =
                    ctx.audience().await?.text(&approval_review_text(&ApprovalReviewView::new(review)));
                if ask_on_terminal(&text, "Sign your approval?", None)? != TerminalAnswer::Yes {
                    return Err(Error::NeedsConfirmation(format!(
                        "a{action_id} was not approved; nothing was signed"
                    )));
                }
            }
            rows.push(row);
        }
        let mut ask = super::totp_prompt::ask_code;
        let mut second_factor = SecondFactor::new(code_source(self.totp.as_deref(), interactive, &mut ask));
        let key_dir = ctx.key_dir();
        let signer = DecisionSigner::Key(&key_dir);
        let mut decisions = Vec::with_capacity(rows.len());
        for row in &rows {
            decisions.push(
                decide_approval(&session, row, &signer, ApprovalDecision::Approve, &mut second_factor)
                    .await?,
            );
        }
        ctx.show(&DecisionView(decisions)).await?;
        Ok(ExitCode::Success)
    }
}

impl ApproveArgs {
    /// Team mode: the server shows what to review and records the decision;
    /// the signature is made here, with the approver's own key.
    pub async fn run_remote(self, rc: &super::remote::RemoteContext) -> Result<ExitCode> {
        use crate::remote::Call;
        if self.list {
            return rc.print(&Call::get("/v1/approvals")).await;
        }
        let mut statements = Vec::with_capacity(self.ids.len());
        let mut second_factor = false;
        for id in &self.ids {
            let StoredId::Action(action_id) = id.parse::<StoredId>()? else {
                return Err(Error::Usage(format!("`{id}` is a plan: approve its actions (a…) one by one")));
            };
            let review = rc.document(&Call::get(format!("/v1/actions/{action_id}/approval"))).await?;
            if !self.yes {
                if !rc.interactive {
                    return Err(Error::NeedsConfirmation(format!(
                        "approving {action_id} needs your confirmation: run it on a terminal, or pass --yes after reviewing `opsgate show {action_id}`; nothing was signed"
                    )));
                }
                let text = review["text"].as_str().unwrap_or_default();
                if ask_on_terminal(text, "Sign your approval?", None)? != TerminalAnswer::Yes {
                    return Err(Error::NeedsConfirmation(format!(
                        "{action_id} was not approved; nothing was signed"
                    )));
                }
            }
            second_factor |= review["second_factor"].as_bool().unwrap_or(false);
            statements.push(review["statement"].clone());
        }
        let totp = match (&self.totp, second_factor && rc.interactive) {
            (Some(code), _) => Some(code.clone()),
            (None, true) => Some(super::totp_prompt::ask_code()?),
            (None, false) => None,
        };
        let decisions = statements
            .iter()
            .map(|statement| super::remote::signed_decision(rc, statement, "approve", None))
            .collect::<Result<Vec<_>>>()?;
        rc.print(&Call::post("/v1/approvals", serde_json::json!({"decisions": decisions, "totp": totp})))
            .await
    }
}
