//! `opsgate show`: a stored plan or action with its current status.

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{load_plan, load_step, may_see};
use crate::plan::StoredId;
use crate::render::{ActionView, ApprovalLine, PlanView};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A plan id (p7) or an action id (a42, or just 42)
    #[arg(value_name = "ID")]
    pub id: String,
}

impl ShowArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        match self.id.parse::<StoredId>()? {
            StoredId::Plan(id) => {
                let plan = load_plan(&ctx.store, id).await?;
                may_see(&person, &plan.requested_by)?;
                ctx.show(&PlanView(plan)).await?;
            }
            StoredId::Action(id) => {
                let (row, step) = load_step(&ctx.store, id).await?;
                may_see(&person, &row.requester_email)?;
                let approvals =
                    ctx.store.approvals_of(row.id).await?.iter().map(ApprovalLine::from).collect();
                ctx.show(&ActionView { step, approvals }).await?;
            }
        }
        Ok(ExitCode::Success)
    }
}

impl ShowArgs {
    pub fn remote_call(&self) -> Result<crate::remote::Call> {
        Ok(match self.id.parse::<StoredId>()? {
            StoredId::Plan(id) => crate::remote::Call::get(format!("/v1/plans/{id}")),
            StoredId::Action(id) => crate::remote::Call::get(format!("/v1/actions/{id}")),
        })
    }
}
