//! `opsgate reject`: reject a pending action, with a reason (the requester
//! rejecting their own request withdraws it).

use clap::Args;

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{ApprovalDecision, DecisionSigner, decide_approval, load_step};
use crate::plan::StoredId;
use crate::render::DecisionView;
use crate::second_factor::{CodeSource, SecondFactor};

#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The pending action to reject
    #[arg(value_name = "ACTION_ID")]
    pub id: String,
    /// Why it is rejected (signed and recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}

impl RejectArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let session = ctx.session(crate::session::Mode::Suggest, None).await?;
        let StoredId::Action(action_id) = self.id.parse::<StoredId>()? else {
            return Err(Error::Usage(format!("`{}` is a plan: reject its actions (a…) one by one", self.id)));
        };
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(Error::Usage("--reason must say why".into()));
        }
        let (row, _) = load_step(&ctx.store, action_id).await?;
        // A rejection never needs a second factor: refusing is always safe.
        let mut second_factor = SecondFactor::new(CodeSource::Missing);
        let decision = decide_approval(
            &session,
            &row,
            &DecisionSigner::Key(&ctx.key_dir()),
            ApprovalDecision::Reject { reason },
            &mut second_factor,
        )
        .await?;
        ctx.show(&DecisionView(vec![decision])).await?;
        Ok(ExitCode::Success)
    }
}

impl RejectArgs {
    /// Team mode: the rejection is signed here, with the person's own key.
    pub async fn run_remote(self, rc: &super::remote::RemoteContext) -> Result<ExitCode> {
        use crate::remote::Call;
        let StoredId::Action(action_id) = self.id.parse::<StoredId>()? else {
            return Err(Error::Usage(format!("`{}` is a plan: reject its actions (a…) one by one", self.id)));
        };
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(Error::Usage("--reason must say why".into()));
        }
        let review = rc
            .document(
                &Call::get(format!("/v1/actions/{action_id}/approval")).query("decision", Some("reject")),
            )
            .await?;
        let decision = super::remote::signed_decision(rc, &review["statement"], "reject", Some(reason))?;
        rc.print(&Call::post("/v1/approvals", serde_json::json!({"decisions": [decision]}))).await
    }
}
