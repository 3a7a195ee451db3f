//! What an approver reviews, and the decisions they sign on their own machine.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{body, query, run};
use crate::error::Error;
use crate::exit_code::ExitCode;
use crate::pipeline::{ApprovalDecision, DecisionSigner, decide_approval, load_step, review_for_decision};
use crate::plan::StoredId;
use crate::render::{ApprovalReviewView, DecisionView, OutputFormat, approval_review_text};
use crate::second_factor::{CodeSource, SecondFactor};
use crate::server::{Caller, Served, reply};
use crate::session::Mode;

/// What an approver reviews before signing, and the statement to sign.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ApprovalQuery {
    /// `reject`: review for a rejection (a requester may withdraw their own request).
    decision: Option<String>,
}

pub(super) async fn review(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: std::result::Result<Query<ApprovalQuery>, QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    let rejecting = match q.decision.as_deref() {
        None | Some("approve") => false,
        Some("reject") => true,
        Some(other) => return reply::error(&Error::Usage(format!("decision `{other}`: approve or reject"))),
    };
    run(served, caller, OutputFormat::Json, move |ctx| async move {
        let StoredId::Action(action_id) = id.parse::<StoredId>()? else {
            return Err(Error::Usage(format!("`{id}` is a plan: approve its actions (a…) one by one")));
        };
        let session = ctx.session(Mode::Suggest, None).await?;
        let (row, _) = load_step(&ctx.store, action_id).await?;
        let review = review_for_decision(&session, &row, rejecting).await?;
        let audience = ctx.audience().await?.clone();
        let view = ApprovalReviewView::new(review);
        let text = audience.text(&approval_review_text(&view));
        let mut document = serde_json::to_value(&view).map_err(|e| Error::Internal(e.to_string()))?;
        audience.value(&mut document);
        let person = session.person()?;
        ctx.write(&crate::render::json(&json!({
            "review": document,
            "text": text,
            "second_factor": row.second_factor,
            "statement": {"action_id": row.id, "payload_hash": row.payload_hash, "approver": person.email},
        }))?)?;
        Ok(ExitCode::Success)
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SignedBody {
    action_id: String,
    /// `approve` or `reject`.
    decision: String,
    /// RFC 3339, as signed.
    signed_at: String,
    /// Hex Ed25519 signature of the decision statement, made on the approver's machine.
    signature: String,
    reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct DecideBody {
    decisions: Vec<SignedBody>,
    totp: Option<String>,
}

/// Records decisions signed on the approver's machine: the server verifies
/// them against the approver's registered keys and never signs for anyone.
pub(super) async fn decide(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: DecideBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        if request.decisions.is_empty() {
            return Err(Error::Usage(
                "no decisions: `decisions` lists the signed approvals or rejections".into(),
            ));
        }
        let session = ctx.session(Mode::Suggest, None).await?;
        let mut second_factor = SecondFactor::new(match &request.totp {
            Some(code) => CodeSource::Given(code),
            None => CodeSource::Missing,
        });
        let mut reports = Vec::with_capacity(request.decisions.len());
        for signed in &request.decisions {
            let StoredId::Action(action_id) = signed.action_id.parse::<StoredId>()? else {
                return Err(Error::Usage(format!(
                    "`{}` is a plan: decide on its actions (a…)",
                    signed.action_id
                )));
            };
            let decision = match (signed.decision.as_str(), signed.reason.as_deref().map(str::trim)) {
                ("approve", None) => ApprovalDecision::Approve,
                ("reject", Some(reason)) if !reason.is_empty() => ApprovalDecision::Reject { reason },
                ("reject", _) => return Err(Error::Usage("a rejection says why: `reason`".into())),
                ("approve", Some(_)) => return Err(Error::Usage("an approval has no `reason`".into())),
                (other, _) => return Err(Error::Usage(format!("decision `{other}`: approve or reject"))),
            };
            let signed_at = chrono::DateTime::parse_from_rfc3339(&signed.signed_at)
                .map_err(|e| Error::Usage(format!("signed_at `{}`: {e}", signed.signed_at)))?
                .with_timezone(&chrono::Utc);
            let signer = DecisionSigner::Presented { signed_at, signature: signed.signature.clone() };
            let (row, _) = load_step(&ctx.store, action_id).await?;
            reports.push(decide_approval(&session, &row, &signer, decision, &mut second_factor).await?);
        }
        ctx.show(&DecisionView(reports)).await?;
        Ok(ExitCode::Success)
    })
    .await
}
