use super::*;

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn request(body: &[u8]) -> Request<'_> {
    Request { method: "POST", target_uri: "http://127.0.0.1:8420/v1/plans", body }
}

fn presented(headers: &SignatureHeaders) -> Presented<'_> {
    Presented {
        content_digest: Some(&headers.content_digest),
        signature_input: Some(&headers.signature_input),
        signature: Some(&headers.signature),
    }
}

#[test]
fn rfc_9530_digest_of_a_known_body() {
    // RFC 9530 appendix B.1: {"hello": "world"}
    assert_eq!(
        content_digest(b"{\"hello\": \"world\"}"),
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
    );
}

#[test]
fn a_signed_request_verifies_and_names_its_key_time_and_nonce() {
    let body = br#"{"prompt":"refund booking 7"}"#;
    let headers = sign(&key(), "k3", &request(body), 1_700_000_000, "n-1");
    assert_eq!(
        headers.signature_input,
        r#"sig1=("@method" "@target-uri" "content-digest");created=1700000000;keyid="k3";nonce="n-1";alg="ed25519""#
    );
    let public = key().verifying_key();
    let signed = verify(&request(body), &presented(&headers), |id| (id == "k3").then_some(public)).unwrap();
    assert_eq!(signed, Signed { key_id: "k3".into(), created: 1_700_000_000, nonce: "n-1".into() });
}

#[test]
fn any_change_to_what_was_signed_is_refused() {
    let body = b"{}";
    let headers = sign(&key(), "k3", &request(body), 1_700_000_000, "n-1");
    let public = key().verifying_key();
    let resolve = |_: &str| Some(public);
    assert_eq!(verify(&request(b"{ }"), &presented(&headers), resolve), Err(Refusal::Digest));
    let other_uri = Request { target_uri: "http://127.0.0.1:8420/v1/plans?as=boss", ..request(body) };
    assert!(matches!(verify(&other_uri, &presented(&headers), resolve), Err(Refusal::BadSignature(_))));
    let other_method = Request { method: "PUT", ..request(body) };
    assert!(matches!(verify(&other_method, &presented(&headers), resolve), Err(Refusal::BadSignature(_))));
    let later = headers.signature_input.replace("1700000000", "1700000060");
    let forged = Presented { signature_input: Some(&later), ..presented(&headers) };
    assert!(matches!(verify(&request(body), &forged, resolve), Err(Refusal::BadSignature(_))));
    let stranger = SigningKey::from_bytes(&[9u8; 32]).verifying_key();
    assert!(matches!(
        verify(&request(body), &presented(&headers), |_| Some(stranger)),
        Err(Refusal::BadSignature(_))
    ));
    assert_eq!(verify(&request(body), &presented(&headers), |_| None), Err(Refusal::UnknownKey("k3".into())));
    assert_eq!(verify(&request(body), &Presented::default(), resolve), Err(Refusal::Unsigned));
}

#[test]
fn a_signature_that_covers_less_or_lacks_parameters_is_refused() {
    let body = b"{}";
    let headers = sign(&key(), "k3", &request(body), 1, "n");
    let public = key().verifying_key();
    for (input, expected) in [
        (
            r#"sig1=("@method" "@target-uri");created=1;keyid="k3";nonce="n""#,
            "does not cover `content-digest`",
        ),
        (r#"sig1=("@method" "@target-uri" "content-digest");keyid="k3";nonce="n""#, "`created`"),
        (r#"sig1=("@method" "@target-uri" "content-digest");created=1;keyid="k3""#, "`nonce`"),
        (
            r#"sig1=("@method" "@target-uri" "content-digest");created=1;keyid="k3";nonce="n";alg="hmac-sha256""#,
            "hmac-sha256",
        ),
        (r#"sig1=("@method" "@target-uri" "content-digest"#, "unterminated"),
        ("sig1=?1, sig1=?0", "twice"),
    ] {
        let presented = Presented { signature_input: Some(input), ..presented(&headers) };
        let refusal = verify(&request(body), &presented, |_| Some(public)).unwrap_err().to_string();
        assert!(refusal.contains(expected), "{input}: {refusal}");
    }
}

#[test]
fn structured_fields_parse_what_other_signers_write() {
    let parsed = fields::parse_dictionary(
        r#"sig-b21=("@authority" "content-type");created=1618884473;keyid="test-key-rsa-pss", sig2=:YWJj:"#,
    )
    .unwrap();
    let (names, params) = parsed[0].1.as_inner_list().unwrap();
    assert_eq!(names, ["@authority", "content-type"]);
    assert_eq!(params.integer("created"), Some(1618884473));
    assert_eq!(params.string("keyid"), Some("test-key-rsa-pss"));
    assert_eq!(parsed[1].1.as_bytes().unwrap(), b"abc");
    assert_eq!(
        fields::serialize_inner_list(&names, params),
        r#"("@authority" "content-type");created=1618884473;keyid="test-key-rsa-pss""#
    );
    for bad in ["sig1=(", "sig1=\"unterminated", "sig1=:not base64!:", "Sig1=?1", "sig1=1.5", "sig1=?1,"] {
        assert!(fields::parse_dictionary(bad).is_err(), "{bad}");
    }
}
