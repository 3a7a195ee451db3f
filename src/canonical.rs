//! Canonical JSON (sorted keys, no whitespace) and the SHA-256 hex digests built on it.
//!
//! Hashes that bind approvals, tokens and the audit chain must not depend on
//! map ordering or formatting, so everything hashed goes through here.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Serializes a JSON value with object keys sorted and no insignificant whitespace.
pub fn to_canonical_string(value: &Value) -> String {
    let mut out = String::with_capacity(128);
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(key, out);
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Appends `text` as a JSON string literal, escaped exactly as serde_json does
/// (a unit test holds the two together). Written by hand because audit
/// verification escapes every field of every entry.
pub fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escaped);
        }
        plain_from = at + 1;
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a value's canonical JSON: the `payload_hash` of DESIGN.md.
pub fn hash_value(value: &Value) -> String {
    sha256_hex(to_canonical_string(value).as_bytes())
}

/// Lower-case hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[(byte >> 4) as usize] as char);
        out.push(DIGITS[(byte & 0x0f) as usize] as char);
    }
    out
}

/// Decodes lower- or upper-case hex; `None` when the text is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth() {
        let value = json!({"b": 1, "a": {"d": [1, {"z": true, "y": null}], "c": "x"}});
        assert_eq!(to_canonical_string(&value), r#"{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}"#);
    }

    #[test]
    fn equal_values_hash_equally_whatever_their_order() {
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": "two"}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y":"two","x":1}"#).unwrap();
        assert_eq!(hash_value(&a), hash_value(&b));
        assert_ne!(hash_value(&a), hash_value(&json!({"x": 2, "y": "two"})));
    }

    #[test]
    fn strings_are_escaped() {
        let value = json!({"k": "line\n\"quoted\""});
        assert_eq!(to_canonical_string(&value), r#"{"k":"line\n\"quoted\""}"#);
    }

    #[test]
    fn string_escaping_matches_serde_json() {
        for text in [
            "plain",
            "quote \" and \\ backslash",
            "line\nfeed\r\t",
            "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "ünï €",
            "",
        ] {
            let mut ours = String::new();
            write_json_string(text, &mut ours);
            assert_eq!(ours, Value::String(text.to_owned()).to_string(), "{text:?}");
        }
    }

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&bytes), "0001abff");
        assert_eq!(unhex("0001ABff").unwrap(), bytes);
        assert!(unhex("0g").is_none());
        assert!(unhex("abc").is_none());
    }

    #[test]
    fn sha256_of_empty_input_is_the_known_digest() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
