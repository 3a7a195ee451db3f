//! Who acts in a session: a person; an AI agent acting for a person (actor +
//! subject); or opsgate itself (the worker, CI seeding).

use crate::agents::Agent;
use crate::audit::Actor;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;

#[derive(Debug, Clone)]
pub enum Who {
    Person(StaffMember),
    /// `agent` acts; `subject` is the person on whose behalf and within whose rights.
    Agent {
        agent: Agent,
        subject: StaffMember,
    },
    /// No person: the audit log names `actor` (the worker's claim, `os:<user>`).
    System(Actor),
}

impl Who {
    /// The person whose rights apply.
    pub fn person(&self) -> Option<&StaffMember> {
        match self {
            Who::Person(person) | Who::Agent { subject: person, .. } => Some(person),
            Who::System(_) => None,
        }
    }

    pub fn agent(&self) -> Option<&Agent> {
        match self {
            Who::Agent { agent, .. } => Some(agent),
            _ => None,
        }
    }

    pub fn actor(&self) -> Actor {
        match self {
            Who::Person(person) => Actor::person(&person.email),
            Who::Agent { agent, .. } => Actor::agent(&agent.name),
            Who::System(actor) => actor.clone(),
        }
    }
}

/// The active staff member with that e-mail; denied (exit 3) when there is none or they are deactivated.
pub async fn lookup_person(store: &Store, email: &str) -> Result<StaffMember> {
    let person = store.staff_by_email(email).await?.ok_or_else(|| {
        Error::Denied(format!(
            "{email} is not a staff member; ask an admin to run `opsgate staff add {email}`"
        ))
    })?;
    if !person.is_active() {
        return Err(Error::Denied(format!("{email} is deactivated")));
    }
    Ok(person)
}
