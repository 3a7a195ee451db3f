//! Time-based one-time passwords (RFC 6238) as a second factor: secrets, codes, and enrolment URIs.
//!
//! Codes are six digits from HMAC-SHA1 over 30-second steps, the parameters every
//! authenticator app understands, computed and checked by the `totp-rs` crate.
//! This module keeps the secrets and enrolment URIs; remembering
//! which step a person last used, so that a code is accepted once, is the caller's job
//! (see [`matching_step`]).

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use crate::error::{Error, Result};

/// Length of one time step in seconds (RFC 6238's default `X`).
pub const STEP_SECONDS: i64 = 30;

/// Digits in a code.
pub const DIGITS: u32 = 6;

/// Bytes in a generated secret: 160 bits, the length RFC 4226 recommends for HMAC-SHA1.
const SECRET_BYTES: usize = 20;

/// Shortest secret accepted from outside: RFC 4226 requires at least 128 bits.
const MIN_SECRET_BYTES: usize = 16;

/// How many steps either side of now a code may come from, for clock drift and slow typing.
const WINDOW_STEPS: i64 = 1;

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A shared TOTP secret (20 random bytes when generated here).
///
/// `Debug` prints only the length, so a secret cannot leak through a log line or an error.
#[derive(Clone)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TotpSecret(<{} bytes redacted>)", self.0.len())
    }
}

impl TotpSecret {
    /// A new random secret from the operating system's generator.
    pub fn generate() -> Result<TotpSecret> {
        let mut bytes = vec![0u8; SECRET_BYTES];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Internal(format!("no randomness available for a totp secret: {e}")))?;
        Ok(TotpSecret(bytes))
    }

    /// Reads a secret written in RFC 4648 base32, as authenticator apps show it:
    /// case-insensitive, with whitespace and trailing `=` padding ignored.
    ///
    /// `None` if the text is not canonical base32 or decodes to fewer than 16 bytes
    /// (RFC 4226 requires a secret of at least 128 bits).
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        base32_decode(text).filter(|bytes| bytes.len() >= MIN_SECRET_BYTES).map(TotpSecret)
    }

    /// The secret in uppercase base32 without padding, the form enrolment URIs use.
    pub fn to_base32(&self) -> String {
        base32_encode(&self.0)
    }

    /// The code for one time step: HOTP (RFC 4226) with the step as counter,
    /// zero padded. Steps before 1970 have no code (`000000` never matches a check).
    pub fn code_at_step(&self, step: i64) -> String {
        match u64::try_from(step) {
            Ok(step) => self.totp().generate(step * STEP_SECONDS as u64).to_string(),
            Err(_) => "-".repeat(DIGITS as usize),
        }
    }

    fn totp(&self) -> totp_rs::Totp {
        // Our secrets are at least 128 bits and the parameters are RFC 6238's, so the
        // checks `build` would run cannot fail; `build_noncompliant` skips them.
        totp_rs::Builder::new()
            .with_algorithm(totp_rs::Algorithm::SHA1)
            .with_digits(DIGITS as u8)
            .with_step_duration(STEP_SECONDS as u64)
            .with_skew(WINDOW_STEPS as u16)
            .with_secret(self.0.clone())
            .build_noncompliant()
    }

    /// The code for the step containing `unix_seconds`.
    pub fn code_at(&self, unix_seconds: i64) -> String {
        self.code_at_step(step_at(unix_seconds))
    }

    /// The `otpauth://` enrolment URI (Google's Key URI format) an authenticator app scans.
    ///
    /// Issuer and account are percent-encoded; the `:` between them stays literal as the
    /// label separator. The URI contains the secret: show it only to the person enrolling.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            account = percent_encode(account),
            secret = self.to_base32(),
        )
    }
}

/// The time step containing `unix_seconds` (floor division, so times before 1970 work too).
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The step a presented code belongs to, if it is the code for the step of
/// `unix_seconds` or the one before or after; `None` otherwise.
///
/// The code must be exactly six ASCII digits once surrounding whitespace is trimmed.
/// Candidates are compared in constant time. If the code happens to match more than
/// one step (a one-in-a-million coincidence), the earliest is returned.
///
/// A match alone is not enough to accept a code: the same code stays valid for up to
/// 90 seconds. Callers must store the last step they accepted for each person and
/// accept only `step > last_used_step`, recording the new step in the same transaction,
/// so that each code (and any earlier one) is accepted at most once.
pub fn matching_step(secret: &TotpSecret, code: &str, unix_seconds: i64) -> Option<i64> {
    let presented = code.trim();
    if presented.len() != DIGITS as usize || !presented.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(unix_seconds).ok()?;
    // totp-rs compares in constant time and returns the first matching step of
    // the window (previous, current, next).
    secret.totp().check(presented, now).and_then(|step| i64::try_from(step).ok())
}

/// The URI as a terminal QR code: two modules per character cell in Unicode half
/// blocks, with the quiet zone. `None` if the text is too long for a QR code.
///
/// Light modules are drawn as blocks, so the code scans on the usual dark terminal
/// background (phone scanners also read it inverted on a light one). The picture
/// carries the secret, like the URI.
pub fn qr_text(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

pub(crate) fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity((bytes.len() * 8).div_ceil(5));
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32_ALPHABET[((buffer >> bits) & 0x1f) as usize]));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(BASE32_ALPHABET[((buffer << (5 - bits)) & 0x1f) as usize]));
    }
    out
}

/// Strict RFC 4648 base32: a length no encoder produces (1, 3 or 6 symbols over a
/// multiple of 8) or nonzero leftover bits make it `None`, so each secret has one spelling.
fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let end = symbols.iter().rposition(|&b| b != b'=').map_or(0, |last| last + 1);
    let unpadded = &symbols[..end];
    let mut out = Vec::with_capacity(unpadded.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &symbol in unpadded {
        let value = match symbol.to_ascii_uppercase() {
            upper @ b'A'..=b'Z' => upper - b'A',
            digit @ b'2'..=b'7' => digit - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (bits < 5 && buffer == 0).then_some(out)
}

/// Percent-encodes everything except RFC 3986 unreserved characters.
fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The secret of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA1).
    fn rfc_secret() -> TotpSecret {
        TotpSecret(b"12345678901234567890".to_vec())
    }

    #[test]
    fn rfc6238_sha1_vectors() {
        let vectors = [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ];
        let secret = rfc_secret();
        for (time, eight_digits) in vectors {
            // The RFC's table is 8 digits, the computation the same.
            let eight = totp_rs::Builder::new()
                .with_algorithm(totp_rs::Algorithm::SHA1)
                .with_digits(8)
                .with_secret(secret.0.clone())
                .build_noncompliant()
                .generate(time as u64);
            assert_eq!(eight.to_string(), eight_digits, "8 digits at {time}");
            assert_eq!(secret.code_at(time), eight_digits[2..], "6 digits at {time}");
        }
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
            "520489",
        ];
        let secret = rfc_secret();
        for (count, code) in expected.iter().enumerate() {
            assert_eq!(secret.code_at_step(count as i64), *code, "count {count}");
        }
    }

    #[test]
    fn codes_are_zero_padded_to_six_digits() {
        // 1111111109 gives 07081804, whose last six digits start with a zero.
        assert_eq!(rfc_secret().code_at(1111111109), "081804");
    }

    #[test]
    fn steps_floor_towards_the_past() {
        assert_eq!(step_at(0), 0);
        assert_eq!(step_at(29), 0);
        assert_eq!(step_at(30), 1);
        assert_eq!(step_at(-1), -1);
    }

    #[test]
    fn base32_rfc4648_vectors_round_trip() {
        let vectors = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).as_deref(), Some(plain.as_bytes()), "{encoded}");
        }
    }

    #[test]
    fn base32_decoding_is_forgiving_about_case_spaces_and_padding() {
        assert_eq!(base32_decode("mzxw 6ytb oi======").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(base32_decode("MY======").as_deref(), Some(&b"f"[..]));
        assert_eq!(base32_decode("my").as_deref(), Some(&b"f"[..]));
    }

    #[test]
    fn base32_decoding_rejects_what_no_encoder_writes() {
        assert_eq!(base32_decode("M"), None, "impossible length");
        assert_eq!(base32_decode("MZX"), None, "impossible length");
        assert_eq!(base32_decode("MZ"), None, "nonzero leftover bits");
        assert_eq!(base32_decode("MZXW1"), None, "1 is not in the alphabet");
        assert_eq!(base32_decode("MY=A"), None, "padding in the middle");
        assert_eq!(base32_decode("MZXW6É"), None);
    }

    #[test]
    fn secrets_round_trip_through_base32() {
        let secret = rfc_secret();
        assert_eq!(secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let read = TotpSecret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").expect("valid base32");
        assert_eq!(read.0, secret.0);
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(TotpSecret::from_base32("MZXW6YTBOI").is_none());
        assert!(TotpSecret::from_base32("").is_none());
    }

    #[test]
    fn generated_secrets_are_twenty_fresh_bytes() {
        let first = TotpSecret::generate().expect("randomness");
        let second = TotpSecret::generate().expect("randomness");
        assert_eq!(first.0.len(), 20);
        assert_ne!(first.0, second.0);
        let read = TotpSecret::from_base32(&first.to_base32()).expect("own encoding reads back");
        assert_eq!(read.0, first.0);
    }

    #[test]
    fn debug_does_not_show_the_secret() {
        let secret = rfc_secret();
        let shown = format!("{secret:?}");
        assert_eq!(shown, "TotpSecret(<20 bytes redacted>)");
        assert!(!shown.contains("1234") && !shown.contains(&secret.to_base32()));
    }

    #[test]
    fn matching_step_accepts_the_previous_current_and_next_step() {
        let secret = rfc_secret();
        let now = 1111111111;
        let current = step_at(now);
        for step in [current - 1, current, current + 1] {
            assert_eq!(matching_step(&secret, &secret.code_at_step(step), now), Some(step));
        }
    }

    #[test]
    fn matching_step_rejects_codes_two_steps_away() {
        let secret = rfc_secret();
        let now = 1111111111;
        let current = step_at(now);
        for step in [current - 2, current + 2] {
            let code = secret.code_at_step(step);
            // Guard against a coincidental collision with a step inside the window.
            assert!((-1..=1).all(|d| secret.code_at_step(current + d) != code));
            assert_eq!(matching_step(&secret, &code, now), None, "step {step}");
        }
    }

    #[test]
    fn matching_step_trims_surrounding_whitespace() {
        let secret = rfc_secret();
        let now = 1234567890;
        let code = format!("  {}\n", secret.code_at(now));
        assert_eq!(matching_step(&secret, &code, now), Some(step_at(now)));
    }

    #[test]
    fn matching_step_rejects_malformed_codes() {
        let secret = rfc_secret();
        let now = 1234567890;
        let code = secret.code_at(now);
        let eight = "89005924";
        for bad in [
            "",
            &code[..5],
            &format!("{code}0"),
            eight,
            &format!("{} {}", &code[..3], &code[3..]),
            "12345a",
            "-12345",
            "+12345",
            "１２３４５６",
        ] {
            assert_eq!(matching_step(&secret, bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn otpauth_uri_percent_encodes_label_and_issuer() {
        let uri = rfc_secret().otpauth_uri("Opsgate Ops", "jane+ops@example.com");
        assert_eq!(
            uri,
            "otpauth://totp/Opsgate%20Ops:jane%2Bops%40example.com\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Opsgate%20Ops\
             &algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("a-Z_0.9~"), "a-Z_0.9~");
        assert_eq!(percent_encode("a:b/c?d&e=f#g"), "a%3Ab%2Fc%3Fd%26e%3Df%23g");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }

    #[test]
    fn qr_text_is_a_rectangle_of_half_blocks() {
        let uri = rfc_secret().otpauth_uri("opsgate", "jane@example.com");
        let text = qr_text(&uri).expect("fits in a qr code");
        let width = QrCode::new(uri.as_bytes()).expect("encodes").width() + 8;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(lines.iter().all(|line| line.chars().count() == width));
        assert!(text.chars().all(|c| matches!(c, ' ' | '\u{2580}' | '\u{2584}' | '\u{2588}' | '\n')));
    }

    #[test]
    fn qr_text_refuses_what_does_not_fit() {
        assert_eq!(qr_text(&"x".repeat(8000)), None);
    }
}
