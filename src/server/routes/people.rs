//! Staff, their keys and second factors. A key is generated on its owner's
//! machine: only its public half arrives here, with its signature of the
//! possession statement.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Extension, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{Argv, body, run};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::render::OutputFormat;
use crate::server::{Caller, Peer, Served, auth, reply};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct StaffBody {
    email: String,
    name: Option<String>,
    role: Option<String>,
}

pub(super) fn add(request: StaffBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "add"])
        .option("name", request.name)
        .option("role", request.role)
        .positionals(&[request.email]))
}

pub(super) fn invite(request: StaffBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "invite"]).positionals(&[request.email]))
}

pub(super) fn countersign(request: StaffBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "countersign"]).positionals(&[request.email]))
}

pub(super) fn set_role(request: StaffBody) -> Result<Argv> {
    let role = request.role.unwrap_or_default();
    Ok(Argv::new(&["staff", "set-role"]).positionals(&[request.email, role]))
}

pub(super) fn deactivate(request: StaffBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "deactivate"]).positionals(&[request.email]))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct KeysQuery {
    email: Option<String>,
}

pub(super) fn keys(q: KeysQuery) -> Result<Argv> {
    Ok(Argv::new(&["staff", "keys"]).option("email", q.email))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ReasonBody {
    reason: String,
}

pub(super) fn revoke_key(key: String, request: ReasonBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "revoke-key"]).option("reason", Some(request.reason)).positionals(&[key]))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct TotpBody {
    totp: Option<String>,
}

pub(super) fn totp_enroll(request: TotpBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "totp", "enroll"]).option("totp", request.totp))
}

pub(super) fn totp_confirm(request: TotpBody) -> Result<Argv> {
    Ok(Argv::new(&["staff", "totp", "confirm"]).option("totp", request.totp))
}

/// A public key generated on its owner's machine, with their signature of the
/// possession statement (see [`crate::staff::possession_statement`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PresentedKey {
    email: String,
    public_key: String,
    /// Hex Ed25519 signature of the possession statement by the presented key.
    possession: String,
    /// The enrolment code, for a person who has no registered key yet.
    code: Option<String>,
}

impl PresentedKey {
    fn check_possession(&self) -> Result<String> {
        let public = self.public_key.trim().to_ascii_lowercase();
        let statement = crate::staff::possession_statement(&self.email, &public);
        if !crate::keys::verifies_hex(&public, &self.possession, statement.as_bytes()) {
            return Err(Error::TokenInvalid(
                "the presented key did not sign its possession statement: nothing was registered".into(),
            ));
        }
        Ok(public)
    }
}

/// Registers a key generated on its owner's machine, for the owner: `proof`
/// is the key that signed the request (a rotation) or nothing (an enrolment code).
async fn register_presented(
    served: Arc<Served>,
    caller: Caller,
    format: OutputFormat,
    presented: PresentedKey,
    proof: crate::staff::KeyProof,
) -> Response {
    run(served, caller, format, move |ctx| async move {
        let person = ctx.person().await?;
        if !presented.email.eq_ignore_ascii_case(&person.email) {
            return Err(Error::Denied(format!(
                "{} registers keys only for themselves, not for {}",
                person.email, presented.email
            )));
        }
        let public = presented.check_possession()?;
        let key_id =
            crate::staff::register_key(&ctx.store, &person, &proof, presented.code.as_deref(), &public)
                .await?;
        ctx.write(&crate::render::json(&json!({
            "email": person.email, "role": person.role, "change": "key registered",
            "key_id": format!("k{key_id}"), "public_key": public,
        }))?)?;
        Ok(ExitCode::Success)
    })
    .await
}

pub(super) async fn rotate_key(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    bytes: Bytes,
) -> Response {
    let presented: PresentedKey = or_reply!(body(&bytes));
    let proof = match caller.key_id {
        Some(key_id) => crate::staff::KeyProof::SignedRequest { key_id },
        None => crate::staff::KeyProof::None,
    };
    register_presented(served, caller, OutputFormat::Json, presented, proof).await
}

/// A person without a registered key registers their first one with the
/// enrolment code they were given: the code authorizes, the possession
/// signature binds the key. Unsigned by nature; a wrong code is audited.
pub(super) async fn enrol(
    State(served): State<Arc<Served>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: axum::http::HeaderMap,
    bytes: Bytes,
) -> Response {
    let ip = served.client_of(peer.0, &headers);
    if served.refusals.exhausted(ip) {
        return reply::error(&auth::too_many_refusals());
    }
    let response = enrol_presented(served.clone(), bytes).await;
    if !response.status().is_success() {
        served.refusals.admit(ip);
    }
    response
}

async fn enrol_presented(served: Arc<Served>, bytes: Bytes) -> Response {
    let presented: PresentedKey = or_reply!(body(&bytes));
    if presented.code.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return reply::error(&Error::Usage("an enrolment needs its `code`".into()));
    }
    let person = match crate::session::lookup_person(&served.store, &presented.email).await {
        Ok(person) => person,
        // Not telling who is staff: a wrong address reads like a wrong code.
        Err(_) => {
            return reply::error(&Error::TokenInvalid(
                "the enrolment code is not valid for that address: nothing was registered".into(),
            ));
        }
    };
    let caller = Caller { person, agent: None, key_id: None };
    register_presented(served, caller, OutputFormat::Json, presented, crate::staff::KeyProof::None).await
}
