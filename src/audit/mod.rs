//! The tamper-evident audit log: what an entry is, how entries chain, and how
//! the chain is checked. Storage lives in `store::audit`.

mod chain;
pub mod checkpoint;
mod entry;
mod event;
pub mod merkle;
pub mod tree;

pub use chain::{ChainCheck, ChainVerifier, GENESIS_HASH, HashedFields, entry_hash, hashed_time_from_stored};
pub use entry::{Actor, ActorKind, AuditEntry, NewAuditEntry};
pub use event::{Event, Outcome};
