//! Audit entries as written and as read back.

use super::event::{Event, Outcome};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::canonical::to_canonical_string;

/// Who did something: a person, an AI agent, or opsgate itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Agent,
    System,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Agent => "agent",
            ActorKind::System => "system",
        }
    }
}

/// An actor: kind plus a stable id (a person's e-mail, an agent's name, `os:<user>` for system runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: String,
}

impl Actor {
    pub fn person(email: impl Into<String>) -> Actor {
        Actor { kind: ActorKind::Person, id: email.into() }
    }

    pub fn agent(name: impl Into<String>) -> Actor {
        Actor { kind: ActorKind::Agent, id: name.into() }
    }

    /// opsgate acting without a person (CI seeding, bootstrap), named after the OS user that ran it.
    pub fn system() -> Actor {
        let user =
            std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
        Actor { kind: ActorKind::System, id: format!("os:{user}") }
    }
}

/// An entry about to be appended. The store assigns id, time and hashes.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub actor: Actor,
    /// On whose behalf the actor acted (a person's e-mail), when that differs from the actor or matters.
    pub subject: Option<String>,
    pub event: Event,
    pub action_id: Option<i64>,
    pub payload: Value,
    pub result: Value,
    pub status: Outcome,
}

impl NewAuditEntry {
    /// An entry for something a person did on their own behalf, with its payload.
    pub fn by_person(
        person: &crate::identity::StaffMember,
        event: Event,
        status: Outcome,
        payload: serde_json::Value,
    ) -> NewAuditEntry {
        NewAuditEntry::new(Actor::person(&person.email), event, status)
            .subject(&person.email)
            .payload(payload)
    }

    pub fn new(actor: Actor, event: Event, status: Outcome) -> NewAuditEntry {
        NewAuditEntry {
            actor,
            subject: None,
            event,
            action_id: None,
            payload: Value::Object(Default::default()),
            result: Value::Object(Default::default()),
            status,
        }
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn action(mut self, action_id: i64) -> Self {
        self.action_id = Some(action_id);
        self
    }

    pub fn payload(mut self, payload: Value) -> Self {
        self.payload = payload;
        self
    }

    pub fn result(mut self, result: Value) -> Self {
        self.result = result;
        self
    }

    /// The payload as the canonical text that is stored and hashed.
    pub fn payload_text(&self) -> String {
        to_canonical_string(&self.payload)
    }

    pub fn result_text(&self) -> String {
        to_canonical_string(&self.result)
    }
}

/// An entry as stored. `payload` and `result` are the exact canonical JSON text
/// the hash covers; [`AuditEntry::payload_value`] parses them for display.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub time: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: String,
    pub subject: Option<String>,
    pub event: String,
    pub action_id: Option<i64>,
    pub payload: String,
    pub result: String,
    pub status: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The shape auditors read: payload and result as JSON, not strings.
#[derive(Debug, Serialize)]
pub struct AuditEntryView {
    pub id: i64,
    pub time: String,
    pub actor: Actor,
    pub subject: Option<String>,
    pub event: String,
    pub action_id: Option<i64>,
    pub status: String,
    pub payload: Value,
    pub result: Value,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The entry for JSON/YAML output. Text that does not parse (only possible
    /// if someone wrote the table by hand) is shown as a string, never dropped.
    pub fn view(&self) -> AuditEntryView {
        let parse =
            |text: &str| serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()));
        let kind = match self.actor_kind.as_str() {
            "agent" => ActorKind::Agent,
            "system" => ActorKind::System,
            _ => ActorKind::Person,
        };
        AuditEntryView {
            id: self.id,
            time: super::chain::format_time(&self.time),
            actor: Actor { kind, id: self.actor_id.clone() },
            subject: self.subject.clone(),
            event: self.event.clone(),
            action_id: self.action_id,
            status: self.status.clone(),
            payload: parse(&self.payload),
            result: parse(&self.result),
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
        }
    }
}
