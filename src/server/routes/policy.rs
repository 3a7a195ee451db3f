//! Policy rules sent from a file on the person's machine.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::{agent_may_not, body, run};
use crate::error::Error;
use crate::server::{Caller, Served, reply};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PolicyBody {
    /// What the rule file is called in errors (`name:line:col`) and the audit log.
    name: String,
    text: String,
    #[serde(flatten)]
    pub(super) step: Option<crate::cli::policy::TestStep>,
}

impl PolicyBody {
    fn name(&self) -> std::path::PathBuf {
        std::path::PathBuf::from(if self.name.trim().is_empty() { "policy.yaml" } else { self.name.trim() })
    }
}

pub(super) async fn apply(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    if let Some(agent) = &caller.agent {
        return reply::error(&agent_may_not(agent, "apply policy rules"));
    }
    let request: PolicyBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        crate::cli::policy::apply(&ctx, &request.name(), request.text).await
    })
    .await
}

pub(super) async fn test(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: PolicyBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        let name = request.name();
        let step = request.step.ok_or_else(|| Error::Usage("a policy test names its `action`".into()))?;
        crate::cli::policy::test(&ctx, &name, request.text, step).await
    })
    .await
}
