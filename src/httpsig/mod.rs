//! Signed requests (RFC 9421, HTTP Message Signatures) with Ed25519 keys, and
//! the body digests they cover (RFC 9530, `Content-Digest`). A team-mode
//! request is signed over its method, target URI and content digest, with its
//! creation time, a nonce and the key id as signature parameters; the server
//! verifies the signature here and checks freshness and replay itself (they
//! need its clock and its database).

mod fields;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256, Sha512};

pub use fields::{Bare, Params};

/// The components every opsgate request signature covers, in this order.
pub const COVERED: [&str; 3] = ["@method", "@target-uri", "content-digest"];

/// The label opsgate signs under (`Signature-Input: sig1=…`).
pub const LABEL: &str = "sig1";

/// What a request is signed over.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The full target URI, `https://host:port/v1/plans?x=1`.
    pub target_uri: &'a str,
    pub body: &'a [u8],
}

/// The three header fields a signed request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeaders {
    pub content_digest: String,
    pub signature_input: String,
    pub signature: String,
}

/// `sha-256=:…:` of a body (RFC 9530).
pub fn content_digest(body: &[u8]) -> String {
    format!("sha-256=:{}:", STANDARD.encode(Sha256::digest(body)))
}

/// Signs `request` with `key`, naming it `key_id`.
pub fn sign(
    key: &SigningKey,
    key_id: &str,
    request: &Request<'_>,
    created: i64,
    nonce: &str,
) -> SignatureHeaders {
    let content_digest = content_digest(request.body);
    let params = Params::new()
        .with("created", Bare::Integer(created))
        .with("keyid", Bare::String(key_id.to_owned()))
        .with("nonce", Bare::String(nonce.to_owned()))
        .with("alg", Bare::String("ed25519".into()));
    let covered: Vec<String> = COVERED.iter().map(|c| c.to_string()).collect();
    let signature_params = fields::serialize_inner_list(&covered, &params);
    let base = signature_base(request, &content_digest, &signature_params);
    let signature = key.sign(base.as_bytes());
    SignatureHeaders {
        content_digest,
        signature_input: format!("{LABEL}={signature_params}"),
        signature: format!("{LABEL}=:{}:", STANDARD.encode(signature.to_bytes())),
    }
}

/// The header fields of a request as received (absent ones `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Presented<'a> {
    pub content_digest: Option<&'a str>,
    pub signature_input: Option<&'a str>,
    pub signature: Option<&'a str>,
}

/// Who signed a request that verified, and the parameters to check next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub key_id: String,
    pub created: i64,
    pub nonce: String,
}

/// Why a request is refused (HTTP 401). `Display` is the reason audited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the request is not signed (no Signature-Input and Signature)")]
    Unsigned,
    #[error("malformed signature fields: {0}")]
    Malformed(String),
    #[error("the signature does not cover {0}")]
    Uncovered(String),
    #[error("the signature lacks its `{0}` parameter")]
    MissingParameter(&'static str),
    #[error("unsupported signature algorithm `{0}` (opsgate uses ed25519)")]
    Algorithm(String),
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    #[error("the body does not match its Content-Digest")]
    Digest,
    #[error("the signature does not verify with key `{0}`")]
    BadSignature(String),
}

/// Verifies the `sig1` signature of `request` (any single label is accepted
/// when there is no `sig1`). `key_of` returns the registered public key of an
/// unrevoked key id. Freshness of `created` and uniqueness of `nonce` are the
/// caller's to check on the returned [`Signed`].
pub fn verify(
    request: &Request<'_>,
    presented: &Presented<'_>,
    key_of: impl FnOnce(&str) -> Option<VerifyingKey>,
) -> Result<Signed, Refusal> {
    let chosen = choose(presented)?;
    let (covered, params) = (&chosen.covered, &chosen.params);
    for component in COVERED {
        if !covered.iter().any(|c| c == component) {
            return Err(Refusal::Uncovered(format!("`{component}`")));
        }
    }
    if covered.len() != COVERED.len() {
        return Err(Refusal::Malformed("the signature covers components opsgate does not sign".into()));
    }
    let key_id = params.string("keyid").ok_or(Refusal::MissingParameter("keyid"))?.to_owned();
    let created = params.integer("created").ok_or(Refusal::MissingParameter("created"))?;
    let nonce = params.string("nonce").ok_or(Refusal::MissingParameter("nonce"))?.to_owned();
    match params.string("alg") {
        Some("ed25519") | None => {}
        Some(other) => return Err(Refusal::Algorithm(other.to_owned())),
    }
    let digest =
        presented.content_digest.ok_or_else(|| Refusal::Uncovered("a Content-Digest field".into()))?;
    if !digest_matches(digest, request.body)? {
        return Err(Refusal::Digest);
    }
    let key = key_of(&key_id).ok_or_else(|| Refusal::UnknownKey(key_id.clone()))?;
    let signature = <[u8; 64]>::try_from(chosen.signature.as_slice())
        .map(|bytes| Signature::from_bytes(&bytes))
        .map_err(|_| Refusal::BadSignature(key_id.clone()))?;
    let base = signature_base(request, digest.trim(), &fields::serialize_inner_list(covered, params));
    key.verify_strict(base.as_bytes(), &signature).map_err(|_| Refusal::BadSignature(key_id.clone()))?;
    Ok(Signed { key_id, created, nonce })
}

/// The key id a request claims to be signed with, to look the key up before [`verify`].
pub fn claimed_key_id(presented: &Presented<'_>) -> Result<String, Refusal> {
    let chosen = choose(presented)?;
    chosen.params.string("keyid").map(str::to_owned).ok_or(Refusal::MissingParameter("keyid"))
}

/// The signature a request presents, parsed: what it covers, its parameters, its bytes.
struct Chosen {
    covered: Vec<String>,
    params: Params,
    signature: Vec<u8>,
}

fn choose(presented: &Presented<'_>) -> Result<Chosen, Refusal> {
    let (Some(input), Some(signature)) = (presented.signature_input, presented.signature) else {
        return Err(Refusal::Unsigned);
    };
    let inputs = fields::parse_dictionary(input).map_err(Refusal::Malformed)?;
    let signatures = fields::parse_dictionary(signature).map_err(Refusal::Malformed)?;
    let label = if inputs.iter().any(|(l, _)| l == LABEL) {
        LABEL.to_owned()
    } else if inputs.len() == 1 {
        inputs[0].0.clone()
    } else {
        return Err(Refusal::Malformed(format!("no `{LABEL}` among several signatures")));
    };
    let (covered, params) =
        inputs.iter().find(|(l, _)| *l == label).and_then(|(_, member)| member.as_inner_list()).ok_or_else(
            || Refusal::Malformed(format!("`{label}` in Signature-Input is not an inner list")),
        )?;
    let signature = signatures
        .iter()
        .find(|(l, _)| *l == label)
        .and_then(|(_, member)| member.as_bytes())
        .cloned()
        .ok_or_else(|| Refusal::Malformed(format!("no byte sequence `{label}` in Signature")))?;
    Ok(Chosen { covered, params: params.clone(), signature })
}

/// Whether one of the digests in a `Content-Digest` field (sha-256 or sha-512) matches `body`.
fn digest_matches(field: &str, body: &[u8]) -> Result<bool, Refusal> {
    let digests = fields::parse_dictionary(field).map_err(Refusal::Malformed)?;
    let mut known = false;
    for (algorithm, member) in &digests {
        let Some(bytes) = member.as_bytes() else { continue };
        let expected: Vec<u8> = match algorithm.as_str() {
            "sha-256" => Sha256::digest(body).to_vec(),
            "sha-512" => Sha512::digest(body).to_vec(),
            _ => continue,
        };
        known = true;
        if *bytes == expected {
            return Ok(true);
        }
    }
    if known { Ok(false) } else { Err(Refusal::Malformed("no sha-256 or sha-512 Content-Digest".into())) }
}

/// The signature base (RFC 9421 §2.5) of opsgate's covered components.
fn signature_base(request: &Request<'_>, content_digest: &str, signature_params: &str) -> String {
    format!(
        "\"@method\": {}\n\"@target-uri\": {}\n\"content-digest\": {}\n\"@signature-params\": {signature_params}",
        request.method.to_ascii_uppercase(),
        request.target_uri,
        content_digest.trim()
    )
}

#[cfg(test)]
mod tests;
