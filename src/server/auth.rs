//! Request authentication: every `/v1` request carries an RFC 9421 signature
//! by a registered, unrevoked key of an active staff member, made within
//! [`FRESHNESS_SECONDS`] of the server's clock, with a nonce no server on this
//! database has seen. Anything else is refused with 401 and audited as
//! `auth.rejected`, naming the key id claimed and the reason.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::json;

use super::Served;
use super::reply;
use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::Error;
use crate::httpsig::{self, Presented, Refusal};
use crate::time::now_micros;

/// How far a signature's `created` may be from the server's clock.
pub const FRESHNESS_SECONDS: i64 = 60;

/// The longest nonce accepted (the replay cache stores each one).
const MAX_NONCE_LEN: usize = 128;

/// Who a verified request comes from: a person, or an agent acting for one.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The person whose rights apply (the agent's subject, when an agent signed),
    /// as read while verifying the request.
    pub person: crate::identity::StaffMember,
    /// The agent whose credential signed, if one did.
    pub agent: Option<String>,
    /// The person's registered key that signed, when a person signed.
    pub key_id: Option<i64>,
}

/// The query parameter that names the person an agent's request acts for
/// (in the target URI, so the signature covers it).
pub const ACTING_FOR: &str = "acting_for";

/// Why a request is not let in, beyond what the signature itself says.
#[derive(Debug, thiserror::Error)]
enum Rejection {
    #[error(transparent)]
    Signature(#[from] Refusal),
    #[error("key `{0}` is neither an opsgate key id (k<number>) nor a public key in hex")]
    KeyIdForm(String),
    #[error("key `{0}` was revoked")]
    Revoked(String),
    #[error("the owner of key `{0}` is deactivated")]
    Deactivated(String),
    #[error("the signature was created {0} s from the server's clock (at most {FRESHNESS_SECONDS} s)")]
    Stale(i64),
    #[error("the nonce is empty or longer than {MAX_NONCE_LEN} characters")]
    NonceForm,
    #[error("the nonce was already used: a replayed request")]
    Replayed,
    #[error("agent credential `{0}` expired")]
    Expired(String),
    #[error("agent `{0}` is disabled")]
    AgentDisabled(String),
    #[error(
        "a request signed by agent `{0}` names the person it acts for (`{ACTING_FOR}=EMAIL` in the query)"
    )]
    NoSubject(String),
    #[error("`{ACTING_FOR}` is for agents' requests; a person's key acts for its owner")]
    SubjectOfPerson,
    #[error("agent `{agent}`'s credential acts only for {issuer}, who issued it, not for {named}")]
    NotDelegated { agent: String, issuer: String, named: String },
}

/// Whose key signed: a person's registered key, or an agent's credential.
enum Signer {
    Person { key_id: i64, email: String, public: String },
    Agent { name: String, public: String, credential_id: i64, issuer: String },
}

pub async fn authenticate(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let limit = served.options.max_body_bytes;
    let read = tokio::time::timeout(served.options.request_timeout, axum::body::to_bytes(body, limit)).await;
    let body = match read {
        Ok(Ok(body)) => body,
        Err(_) => {
            let error = Error::Usage(format!(
                "the request body did not arrive within {} s",
                served.options.request_timeout.as_secs()
            ));
            return reply::error_with_status(&error, StatusCode::REQUEST_TIMEOUT);
        }
        Ok(Err(_)) => {
            let error = Error::Usage(format!(
                "the request body is unreadable or larger than {} bytes",
                served.options.max_body_bytes
            ));
            return reply::error_with_status(&error, StatusCode::PAYLOAD_TOO_LARGE);
        }
    };
    // The URI as it arrived: under `/v1`, `parts.uri` has lost its prefix.
    let uri =
        parts.extensions.get::<OriginalUri>().map(|original| original.0.clone()).unwrap_or(parts.uri.clone());
    // The URI the request had to be signed for: this server's public origin,
    // never the Host header, so a request signed for another server (staging,
    // or an attacker's) does not verify here.
    let target_uri = format!("{}{}", served.origin, uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let claimed = header(&parts.headers, "signature-input")
        .and_then(|_| httpsig::claimed_key_id(&presented(&parts.headers)).ok());
    match check(&served, parts.method.as_str(), &target_uri, &parts.headers, &body).await {
        Ok(caller) => {
            // The routes read their own parameters; who an agent acts for is the caller's.
            if caller.agent.is_some() {
                parts.uri = without_acting_for(&parts.uri);
            }
            parts.extensions.insert(caller);
            next.run(Request::from_parts(parts, Body::from(body))).await
        }
        Err(Outcome2::Failed(error)) => reply::error(&error),
        Err(Outcome2::Rejected(rejection)) => {
            served.metrics.auth_rejected(&rejection_kind(&rejection));
            if let Some(peer) = parts.extensions.get::<axum::extract::ConnectInfo<super::Peer>>()
                && !served.refusals.admit(served.client_of(peer.0.0, &parts.headers))
            {
                served.metrics.auth_rejected("throttled");
                return reply::error(&too_many_refusals());
            }
            let entry =
                NewAuditEntry::new(Actor::system(), Event::AuthRejected, Outcome::Rejected).payload(json!({
                    "surface": "http",
                    "key_id": claimed,
                    "reason": rejection.to_string(),
                    "method": parts.method.as_str(),
                    "path": uri.path(),
                }));
            if let Err(error) = served.store.append_audit(&[entry]).await {
                return reply::error(&error);
            }
            let hint = match &rejection {
                Rejection::Signature(Refusal::BadSignature(_)) => {
                    format!(" (this server checks signatures made for {})", served.origin)
                }
                _ => String::new(),
            };
            let error = Error::Unauthenticated(format!("request not authenticated: {rejection}{hint}"));
            let mut response = reply::error(&error);
            response.headers_mut().insert(
                "accept-signature",
                axum::http::HeaderValue::from_static(
                    "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created;keyid;nonce;alg=\"ed25519\"",
                ),
            );
            response
        }
    }
}

enum Outcome2 {
    Rejected(Rejection),
    /// The check itself failed (the database): not the client's fault.
    Failed(Error),
}

impl From<Rejection> for Outcome2 {
    fn from(rejection: Rejection) -> Self {
        Outcome2::Rejected(rejection)
    }
}

impl From<Refusal> for Outcome2 {
    fn from(refusal: Refusal) -> Self {
        Outcome2::Rejected(Rejection::Signature(refusal))
    }
}

impl From<Error> for Outcome2 {
    fn from(error: Error) -> Self {
        Outcome2::Failed(error)
    }
}

async fn check(
    served: &Served,
    method: &str,
    target_uri: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Caller, Outcome2> {
    let presented = presented(headers);
    let claimed = httpsig::claimed_key_id(&presented)?;
    let store = &served.store;
    let signer = signer(store, &claimed).await?;
    let public = match &signer {
        Signer::Person { public, .. } | Signer::Agent { public, .. } => public,
    };
    let public = crate::keys::verifying_key(public).ok_or_else(|| Refusal::UnknownKey(claimed.clone()))?;
    let request = httpsig::Request { method, target_uri, body };
    let signed = httpsig::verify(&request, &presented, |id| (id == claimed).then_some(public))?;
    let now = now_micros();
    let skew = (now.timestamp() - signed.created).abs();
    if skew > FRESHNESS_SECONDS {
        return Err(Rejection::Stale(skew).into());
    }
    if signed.nonce.is_empty() || signed.nonce.len() > MAX_NONCE_LEN {
        return Err(Rejection::NonceForm.into());
    }
    let acting_for = url::Url::parse(target_uri)
        .ok()
        .and_then(|url| url.query_pairs().find(|(name, _)| name == ACTING_FOR).map(|(_, v)| v.into_owned()));
    let (email, agent, replay_key) = match signer {
        Signer::Person { key_id, email, .. } => {
            if acting_for.is_some() {
                return Err(Rejection::SubjectOfPerson.into());
            }
            (email, None, key_id)
        }
        // Agent credentials share the replay cache under negative ids.
        Signer::Agent { name, credential_id, issuer, .. } => {
            let email = acting_for.ok_or_else(|| Rejection::NoSubject(name.clone()))?;
            // A credential is the issuer's delegation: it acts for them and nobody else.
            if !email.eq_ignore_ascii_case(&issuer) {
                return Err(Rejection::NotDelegated { agent: name, issuer, named: email }.into());
            }
            (issuer, Some(name), -credential_id)
        }
    };
    let person = match store.staff_by_email(&email).await? {
        Some(person) if person.is_active() => person,
        _ => return Err(Rejection::Deactivated(claimed).into()),
    };
    // Last, so that only a request that verified spends its nonce.
    if !store.remember_nonce(replay_key, &signed.nonce, now).await? {
        return Err(Rejection::Replayed.into());
    }
    let key_id = agent.is_none().then_some(replay_key);
    Ok(Caller { person, agent, key_id })
}

/// The registered key or agent credential a key id names, if it is in force.
async fn signer(store: &crate::store::Store, claimed: &str) -> Result<Signer, Outcome2> {
    // `k<id>` as the audit log and `staff keys` name keys, or the public key in hex.
    let hex = claimed.len() == 64 && crate::canonical::unhex(claimed).is_some();
    let key = match claimed.strip_prefix('k').and_then(|n| n.parse::<i64>().ok()) {
        Some(id) => store.key_by_id(id).await?,
        None if hex => store.key_by_public(&claimed.to_ascii_lowercase()).await?,
        None => return Err(Rejection::KeyIdForm(claimed.to_owned()).into()),
    };
    if let Some(key) = key {
        if key.revoked_at.is_some() {
            return Err(Rejection::Revoked(claimed.to_owned()).into());
        }
        return Ok(Signer::Person { key_id: key.id, email: key.email, public: key.public_key });
    }
    if hex && let Some(credential) = store.agent_credential_by_public(&claimed.to_ascii_lowercase()).await? {
        if credential.revoked_at.is_some() {
            return Err(Rejection::Revoked(claimed.to_owned()).into());
        }
        if credential.expires_at <= now_micros() {
            return Err(Rejection::Expired(claimed.to_owned()).into());
        }
        if credential.agent_status != "active" {
            return Err(Rejection::AgentDisabled(credential.agent).into());
        }
        return Ok(Signer::Agent {
            name: credential.agent,
            public: claimed.to_ascii_lowercase(),
            credential_id: credential.id,
            issuer: credential.issuer,
        });
    }
    Err(Refusal::UnknownKey(claimed.to_owned()).into())
}

/// What an address that keeps sending refused requests gets, unaudited.
pub fn too_many_refusals() -> Error {
    Error::RateLimited(format!(
        "more than {} refused requests from this address in a minute: try again later",
        super::AUDITED_PER_MINUTE
    ))
}

fn without_acting_for(uri: &axum::http::Uri) -> axum::http::Uri {
    let Some(query) = uri.query() else { return uri.clone() };
    let kept: Vec<&str> =
        query.split('&').filter(|pair| pair.split('=').next() != Some(ACTING_FOR)).collect();
    let path_and_query =
        if kept.is_empty() { uri.path().to_owned() } else { format!("{}?{}", uri.path(), kept.join("&")) };
    path_and_query.parse().unwrap_or_else(|_| uri.clone())
}

fn presented(headers: &HeaderMap) -> Presented<'_> {
    Presented {
        content_digest: header(headers, "content-digest"),
        signature_input: header(headers, "signature-input"),
        signature: header(headers, "signature"),
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// A short label for the metrics.
fn rejection_kind(rejection: &Rejection) -> String {
    match rejection {
        Rejection::Signature(Refusal::Unsigned) => "unsigned",
        Rejection::Signature(Refusal::UnknownKey(_)) | Rejection::KeyIdForm(_) => "unknown_key",
        Rejection::Signature(Refusal::BadSignature(_) | Refusal::Digest) => "bad_signature",
        Rejection::Signature(_) | Rejection::NonceForm => "malformed",
        Rejection::Revoked(_) => "revoked_key",
        Rejection::Expired(_) => "expired_key",
        Rejection::Deactivated(_) | Rejection::AgentDisabled(_) => "deactivated",
        Rejection::NoSubject(_) | Rejection::SubjectOfPerson => "malformed",
        Rejection::NotDelegated { .. } => "not_delegated",
        Rejection::Stale(_) => "stale",
        Rejection::Replayed => "replayed",
    }
    .to_owned()
}

/// Forgets nonces too old to be replayed (their `created` would fail the freshness check).
pub async fn purge_nonces(served: Arc<Served>) {
    let mut every = tokio::time::interval(Duration::from_secs(30));
    loop {
        every.tick().await;
        let before = now_micros() - chrono::Duration::seconds(FRESHNESS_SECONDS * 3);
        let _ = served.store.forget_nonces(before).await;
    }
}
