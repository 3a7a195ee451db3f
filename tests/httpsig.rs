//! RFC 9421 signatures cross-checked in both directions with an independent
//! implementation: the PyPI `http-message-signatures` package (`.ci/run`
//! installs it). It verifies what opsgate signs, and signs what opsgate verifies.

use std::io::Write;
use std::process::{Command, Stdio};

use ed25519_dalek::SigningKey;
use opsgate::httpsig::{Presented, Refusal, Request, sign, verify};
use serde_json::{Value, json};

use crate::support::repo_root;

pub fn python(mode: &str, spec: &Value) -> Result<Value, String> {
    let script = repo_root().join("tests/peers/httpsig_crosscheck.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (the RFC 9421 peer needs it)");
    child.stdin.take().unwrap().write_all(spec.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the peer is missing: pip install http-message-signatures ({stderr})"
    );
    if out.status.success() { Ok(serde_json::from_slice(&out.stdout).unwrap()) } else { Err(stderr) }
}

fn key() -> SigningKey {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).unwrap();
    SigningKey::from_bytes(&seed)
}

const URL: &str = "http://127.0.0.1:8420/v1/plans?mode=dry-run";

#[test]
fn the_independent_implementation_verifies_what_opsgate_signs() {
    let key = key();
    for body in [r#"{"prompt":"refund booking 7"}"#, ""] {
        let headers = sign(
            &key,
            "k12",
            &Request { method: "POST", target_uri: URL, body: body.as_bytes() },
            1_765_000_000,
            "b3f1c2",
        );
        let spec = json!({
            "method": "POST", "url": URL, "body": body, "key_id": "k12",
            "public_key_hex": opsgate::canonical::hex(key.verifying_key().as_bytes()),
            "headers": {
                "Content-Digest": headers.content_digest,
                "Signature-Input": headers.signature_input,
                "Signature": headers.signature,
            },
        });
        let verified =
            python("verify", &spec).unwrap_or_else(|e| panic!("the peer refused opsgate's signature: {e}"));
        assert_eq!(verified["keyid"], "k12");
        assert_eq!(verified["nonce"], "b3f1c2");
        assert_eq!(verified["created"], 1_765_000_000);
        // And it refuses the same signature over another body: the check can fail.
        let mut tampered = spec.clone();
        tampered["body"] = json!(format!("{body} "));
        assert!(python("verify", &tampered).is_err(), "the peer accepted a changed body");
    }
}

#[test]
fn opsgate_verifies_what_the_independent_implementation_signs() {
    let key = key();
    let body = r#"{"prompt":"cancel booking 9"}"#;
    let spec = json!({
        "method": "POST", "url": URL, "body": body, "key_id": "k4", "created": 1_765_000_123, "nonce": "py-nonce-1",
        "private_key_hex": opsgate::canonical::hex(key.as_bytes()),
    });
    let headers = python("sign", &spec).unwrap_or_else(|e| panic!("the peer could not sign: {e}"));
    let field = |name: &str| headers[name].as_str().map(str::to_owned);
    let (digest, input, signature) = (field("content-digest"), field("signature-input"), field("signature"));
    let presented = Presented {
        content_digest: digest.as_deref(),
        signature_input: input.as_deref(),
        signature: signature.as_deref(),
    };
    let public = key.verifying_key();
    let request = Request { method: "POST", target_uri: URL, body: body.as_bytes() };
    let signed = verify(&request, &presented, |id| (id == "k4").then_some(public))
        .unwrap_or_else(|e| panic!("opsgate refused the peer's signature ({e}): {headers}"));
    assert_eq!(signed.key_id, "k4");
    assert_eq!(signed.created, 1_765_000_123);
    assert_eq!(signed.nonce, "py-nonce-1");
    let other = Request { target_uri: "http://127.0.0.1:8420/v1/plans?mode=execute", ..request };
    assert!(matches!(verify(&other, &presented, |_| Some(public)), Err(Refusal::BadSignature(_))));
}
