//! Sessions (DESIGN.md, "Identity, sessions and surfaces"): who acts — a
//! person, or an AI agent acting for a person —, through which surface, under
//! which constraints, by which clock. Every surface builds one Session and
//! calls the pipeline through it; the guard reads everything it decides on
//! from here, and output is masked for the session's reader.

mod constraints;
mod surface;
mod who;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;
use tokio::sync::OnceCell;

pub use constraints::{Constraints, Mode, glob_matches};
pub use surface::Surface;
pub use who::{Who, lookup_person};

use crate::agents::Agent;
use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::pii::Audience;
use crate::policy::{Applied, Policy};
use crate::store::Store;

/// Where a session's "now" comes from.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    /// A fixed instant: tests, and replaying a decision as it was made.
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => crate::time::now_micros(),
            Clock::Fixed(at) => *at,
        }
    }
}

/// One acting identity's view of opsgate. Built from plain values; cheap to
/// clone (the store is a pool handle).
#[derive(Clone)]
pub struct Session {
    store: Store,
    catalog: &'static Catalog,
    who: Who,
    surface: Surface,
    constraints: Constraints,
    clock: Clock,
    id: String,
    /// The policy rules in force, read once and shared by the session's clones.
    policy: Arc<OnceCell<Arc<Policy>>>,
}

impl Session {
    pub fn new(store: Store, catalog: &'static Catalog, who: Who, surface: Surface) -> Session {
        Session {
            store,
            catalog,
            who,
            surface,
            constraints: Constraints::default(),
            clock: Clock::System,
            id: new_session_id(),
            policy: Arc::new(OnceCell::new()),
        }
    }

    pub fn with_constraints(mut self, constraints: Constraints) -> Session {
        self.constraints = constraints;
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Session {
        self.clock = clock;
        self
    }

    /// Decides by these rules instead of those in force (`policy test`).
    pub fn with_policy(mut self, policy: Policy) -> Session {
        self.policy = Arc::new(OnceCell::new_with(Some(Arc::new(policy))));
        self
    }

    /// The policy rules in force. Stored rules that no longer check against
    /// the catalog stop every decision (fail closed) until corrected ones are applied.
    pub async fn policy(&self) -> Result<Arc<Policy>> {
        let policy = self
            .policy
            .get_or_try_init(|| async {
                let Some(row) = self.store.current_policy_set().await? else {
                    return Ok::<_, Error>(Arc::new(Policy::none()));
                };
                let name = format!("policy set {} (sha256 {})", row.id, &row.sha256[..row.sha256.len().min(12)]);
                let mut policy =
                    Policy::parse(std::path::Path::new(&name), row.text, self.catalog).map_err(|error| {
                        Error::Config(format!(
                            "the policy in force no longer checks against the catalog ({error}); apply a corrected one with `opsgate policy apply`"
                        ))
                    })?;
                policy.applied = Some(Applied { by: row.applied_by, at: row.applied_at });
                Ok(Arc::new(policy))
            })
            .await?;
        Ok(policy.clone())
    }

    /// The same session — its id (so its budgets), surface, constraints and
    /// clock — for `who` as read again (a long-lived MCP session re-reads
    /// its person and agent on every request).
    pub fn acting(self, who: Who) -> Session {
        Session { who, ..self }
    }

    /// The same identity and constraints through another surface (e.g. the model loop inside `ask`).
    pub fn through(&self, surface: Surface) -> Session {
        Session { surface, ..self.clone() }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn catalog(&self) -> &'static Catalog {
        self.catalog
    }

    pub fn who(&self) -> &Who {
        &self.who
    }

    pub fn surface(&self) -> Surface {
        self.surface
    }

    pub fn constraints(&self) -> &Constraints {
        &self.constraints
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A random id; per-session budgets are counted under it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The person acted for (the agent's subject, when an agent acts); an error for system sessions.
    pub fn person(&self) -> Result<&StaffMember> {
        self.who
            .person()
            .ok_or_else(|| Error::Usage("no acting person: pass --as EMAIL or set OPSGATE_USER".into()))
    }

    pub fn agent(&self) -> Option<&Agent> {
        self.who.agent()
    }

    /// Who the audit log names as having acted.
    pub fn actor(&self) -> Actor {
        self.who.actor()
    }

    /// How output for this session's reader is masked.
    pub async fn audience(&self) -> Result<Audience> {
        Audience::for_reader(&self.store, self.who.person()).await
    }

    /// An audit entry by this session's actor, on behalf of its person, tagged with the surface.
    pub fn entry(&self, event: Event, status: Outcome, mut payload: serde_json::Value) -> NewAuditEntry {
        if let serde_json::Value::Object(map) = &mut payload {
            map.entry("surface").or_insert_with(|| json!(self.surface.as_str()));
        }
        let entry = NewAuditEntry::new(self.actor(), event, status).payload(payload);
        match self.who.person() {
            Some(person) => entry.subject(&person.email),
            None => entry,
        }
    }

    /// Audits a refusal and hands its error back: `return Err(session.refuse(…).await)`.
    /// When the audit entry itself cannot be written, that failure is the error.
    pub async fn refuse(
        &self,
        event: Event,
        status: Outcome,
        action_id: Option<i64>,
        payload: serde_json::Value,
        error: Error,
    ) -> Error {
        let mut payload = payload;
        if let serde_json::Value::Object(map) = &mut payload {
            map.insert("reason".into(), json!(error.to_string()));
        }
        let mut entry = self.entry(event, status, payload);
        if let Some(id) = action_id {
            entry = entry.action(id);
        }
        match self.store.append_audit(&[entry]).await {
            Ok(_) => error,
            Err(audit) => audit,
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("who", &self.who)
            .field("surface", &self.surface)
            .field("constraints", &self.constraints)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

fn new_session_id() -> String {
    let mut bytes = [0u8; 8];
    // Without randomness the id is still unique enough per process and time.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
        bytes = (nanos ^ u64::from(std::process::id())).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
