//! The hash chain: each entry's hash covers its own content and the previous hash.
//!
//! The hashed content is itself canonical JSON (keys in sorted order) built from
//! the stored fields, with `payload` and `result` spliced in as the exact stored
//! text. Verification therefore needs no JSON parsing and reads each row once.

use std::borrow::Cow;
use std::fmt::Write;

use chrono::{DateTime, SecondsFormat, Utc};

use super::entry::{AuditEntry, NewAuditEntry};
use crate::canonical::{sha256_hex, write_json_string};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Timestamps are hashed at microsecond precision, the precision both backends store.
pub(crate) fn format_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The fields an entry's hash covers.
pub struct HashedFields<'a> {
    pub id: i64,
    /// RFC 3339 in UTC with exactly six fractional digits and `Z` ([`format_time`]).
    pub time: Cow<'a, str>,
    pub actor_kind: &'a str,
    pub actor_id: &'a str,
    pub subject: Option<&'a str>,
    pub event: &'a str,
    pub action_id: Option<i64>,
    pub payload: &'a str,
    pub result: &'a str,
    pub status: &'a str,
    pub prev_hash: &'a str,
}

/// SHA-256 (hex) over the canonical content of an entry.
pub fn entry_hash(fields: &HashedFields<'_>) -> String {
    let mut content = String::with_capacity(320 + fields.payload.len() + fields.result.len());
    content.push('{');
    let key = |name: &str, content: &mut String| {
        if content.len() > 1 {
            content.push(',');
        }
        content.push('"');
        content.push_str(name);
        content.push_str("\":");
    };
    // Keys in sorted order, so that the content is canonical JSON.
    key("action_id", &mut content);
    match fields.action_id {
        Some(id) => push_int(&mut content, id),
        None => content.push_str("null"),
    }
    key("actor_id", &mut content);
    write_json_string(fields.actor_id, &mut content);
    key("actor_kind", &mut content);
    write_json_string(fields.actor_kind, &mut content);
    key("event", &mut content);
    write_json_string(fields.event, &mut content);
    key("id", &mut content);
    push_int(&mut content, fields.id);
    key("payload", &mut content);
    content.push_str(fields.payload);
    key("prev_hash", &mut content);
    write_json_string(fields.prev_hash, &mut content);
    key("result", &mut content);
    content.push_str(fields.result);
    key("status", &mut content);
    write_json_string(fields.status, &mut content);
    key("subject", &mut content);
    match fields.subject {
        Some(subject) => write_json_string(subject, &mut content),
        None => content.push_str("null"),
    }
    key("time", &mut content);
    write_json_string(&fields.time, &mut content);
    content.push('}');
    sha256_hex(content.as_bytes())
}

fn push_int(out: &mut String, value: i64) {
    let _ = write!(out, "{value}");
}

/// The hashed form of a time as SQLite stores it (sqlx writes RFC 3339 with
/// `+00:00` and 0, 3, 6 or 9 fractional digits); `None` when it is not that.
pub fn hashed_time_from_stored(stored: &str) -> Option<Cow<'_, str>> {
    let parsed =
        || DateTime::parse_from_rfc3339(stored).ok().map(|t| Cow::Owned(format_time(&t.with_timezone(&Utc))));
    let Some(base) = stored.strip_suffix("+00:00").or_else(|| stored.strip_suffix('Z')) else {
        return parsed();
    };
    let (seconds, fraction) = match base.split_once('.') {
        Some((seconds, fraction)) => (seconds, fraction),
        None => (base, ""),
    };
    if seconds.len() != 19 || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return parsed();
    }
    let mut out = String::with_capacity(27);
    out.push_str(seconds);
    out.push('.');
    out.push_str(&fraction[..fraction.len().min(6)]);
    for _ in fraction.len()..6 {
        out.push('0');
    }
    out.push('Z');
    Some(Cow::Owned(out))
}

impl AuditEntry {
    /// The entry that follows `prev_hash` in the chain, with its hash computed.
    pub fn chained(id: i64, time: DateTime<Utc>, new: &NewAuditEntry, prev_hash: String) -> AuditEntry {
        let mut entry = AuditEntry {
            id,
            time,
            actor_kind: new.actor.kind.as_str().to_owned(),
            actor_id: new.actor.id.clone(),
            subject: new.subject.clone(),
            event: new.event.as_str().to_owned(),
            action_id: new.action_id,
            payload: new.payload_text(),
            result: new.result_text(),
            status: new.status.as_str().to_owned(),
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry_hash(&entry.hashed_fields());
        entry
    }

    pub fn hashed_fields(&self) -> HashedFields<'_> {
        HashedFields {
            id: self.id,
            time: Cow::Owned(format_time(&self.time)),
            actor_kind: &self.actor_kind,
            actor_id: &self.actor_id,
            subject: self.subject.as_deref(),
            event: &self.event,
            action_id: self.action_id,
            payload: &self.payload,
            result: &self.result,
            status: &self.status,
            prev_hash: &self.prev_hash,
        }
    }
}

/// The outcome of checking one entry against the chain so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    Ok,
    /// The entry's content no longer matches its hash: altered after it was written.
    ContentAltered {
        id: i64,
    },
    /// The entry does not point at the hash of the entry before it.
    LinkBroken {
        id: i64,
    },
    /// Ids jump: entries between were removed.
    Gap {
        expected: i64,
        found: i64,
    },
}

impl ChainCheck {
    /// One line naming the first broken entry.
    pub fn describe(&self) -> Option<String> {
        match self {
            ChainCheck::Ok => None,
            ChainCheck::ContentAltered { id } => Some(format!(
                "audit chain broken at entry {id}: its content no longer matches its hash (altered after it was written)"
            )),
            ChainCheck::LinkBroken { id } => Some(format!(
                "audit chain broken at entry {id}: its prev_hash does not match entry {}'s hash (an entry was altered, removed or inserted)",
                id - 1
            )),
            ChainCheck::Gap { expected, found } => Some(format!(
                "audit chain broken at entry {expected}: missing (next entry is {found}; entries were deleted)"
            )),
        }
    }
}

/// Walks entries in id order and reports the first break.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_id: i64,
    prev_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { expected_id: 1, prev_hash: GENESIS_HASH.to_owned(), checked: 0 }
    }
}

impl ChainVerifier {
    /// A verifier that continues the chain after entry `id`, whose hash is `head`.
    pub fn after(id: i64, head: &str) -> ChainVerifier {
        ChainVerifier { expected_id: id + 1, prev_hash: head.to_owned(), checked: 0 }
    }

    /// Checks the next entry; the first non-`Ok` answer is the break to report.
    pub fn check(&mut self, entry: &AuditEntry) -> ChainCheck {
        self.check_fields(&entry.hashed_fields(), &entry.hash)
    }

    /// [`ChainVerifier::check`] on borrowed fields (the bulk verification path).
    pub fn check_fields(&mut self, fields: &HashedFields<'_>, hash: &str) -> ChainCheck {
        if fields.id != self.expected_id {
            return ChainCheck::Gap { expected: self.expected_id, found: fields.id };
        }
        if fields.prev_hash != self.prev_hash {
            return ChainCheck::LinkBroken { id: fields.id };
        }
        if entry_hash(fields) != hash {
            return ChainCheck::ContentAltered { id: fields.id };
        }
        self.expected_id += 1;
        self.prev_hash.clear();
        self.prev_hash.push_str(hash);
        self.checked += 1;
        ChainCheck::Ok
    }

    pub fn checked(&self) -> u64 {
        self.checked
    }

    /// The hash of the last good entry (the chain head once all entries passed).
    pub fn head(&self) -> &str {
        &self.prev_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(id: i64, prev_hash: &str, payload: &str) -> AuditEntry {
        let mut entry = AuditEntry {
            id,
            time: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, id as u32).unwrap(),
            actor_kind: "person".into(),
            actor_id: "admin@example.com".into(),
            subject: None,
            event: "seed.rbac".into(),
            action_id: None,
            payload: payload.into(),
            result: "{}".into(),
            status: "ok".into(),
            prev_hash: prev_hash.into(),
            hash: String::new(),
        };
        entry.hash = entry_hash(&entry.hashed_fields());
        entry
    }

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for id in 1..=n {
            let prev = entries.last().map(|e| e.hash.clone()).unwrap_or(GENESIS_HASH.into());
            entries.push(entry(id, &prev, &format!("{{\"n\":{id}}}")));
        }
        entries
    }

    fn first_break(entries: &[AuditEntry]) -> ChainCheck {
        let mut verifier = ChainVerifier::default();
        entries.iter().map(|e| verifier.check(e)).find(|c| *c != ChainCheck::Ok).unwrap_or(ChainCheck::Ok)
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(first_break(&chain(5)), ChainCheck::Ok);
    }

    #[test]
    fn altered_content_is_named() {
        let mut entries = chain(5);
        entries[2].payload = r#"{"n":999}"#.into();
        assert_eq!(first_break(&entries), ChainCheck::ContentAltered { id: 3 });
    }

    #[test]
    fn a_rehashed_entry_still_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[2].status = "forged".into();
        entries[2].hash = entry_hash(&entries[2].hashed_fields());
        assert_eq!(first_break(&entries), ChainCheck::LinkBroken { id: 4 });
    }

    #[test]
    fn a_deleted_entry_is_a_gap() {
        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(first_break(&entries), ChainCheck::Gap { expected: 2, found: 3 });
    }

    #[test]
    fn stored_sqlite_times_map_to_the_hashed_form() {
        let cases = [
            ("2026-11-23T10:00:01+00:00", "2026-11-23T10:00:01.000000Z"),
            ("2026-11-23T10:00:01.5+00:00", "2026-11-23T10:00:01.500000Z"),
            ("2026-11-23T10:00:01.123+00:00", "2026-11-23T10:00:01.123000Z"),
            ("2026-11-23T10:00:01.123456+00:00", "2026-11-23T10:00:01.123456Z"),
            ("2026-11-23T11:00:01.123456+01:00", "2026-11-23T10:00:01.123456Z"),
        ];
        for (stored, hashed) in cases {
            assert_eq!(hashed_time_from_stored(stored).as_deref(), Some(hashed), "{stored}");
            let parsed = DateTime::parse_from_rfc3339(stored).unwrap().with_timezone(&Utc);
            assert_eq!(format_time(&parsed), hashed);
        }
        assert_eq!(hashed_time_from_stored("yesterday"), None);
    }

    #[test]
    fn the_hashed_content_is_canonical_json() {
        let e = entry(1, GENESIS_HASH, r#"{"a":1}"#);
        // Recompute by hand through serde to prove the spliced text is valid canonical JSON.
        let expected = serde_json::json!({
            "action_id": null, "actor_id": "admin@example.com", "actor_kind": "person",
            "event": "seed.rbac", "id": 1, "payload": {"a": 1}, "prev_hash": GENESIS_HASH,
            "result": {}, "status": "ok", "subject": null, "time": "2026-11-23T10:00:01.000000Z"
        });
        assert_eq!(e.hash, crate::canonical::hash_value(&expected));
    }
}
