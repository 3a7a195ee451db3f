//! MCP (DESIGN.md, "Identity, sessions and surfaces"): opsgate's guarded
//! actions for AI clients, over stdio (`opsgate mcp`) and Streamable HTTP
//! (`/mcp` of `opsgate serve`). One more surface through the same Session:
//! tools are the catalog actions the guard offers, decided again when
//! called; reads run, writes are stored as pending actions for a person;
//! each MCP session has its agent tier's budgets; every call is audited.

mod call;
mod confirm;
mod limits;
mod prompts;
mod resources;
mod server;
mod tools;

pub use limits::{ELEVATED, READ_ONLY, STANDARD, SessionLimits};
pub use server::{Binding, McpOptions, McpServer, Principal};
pub use tools::OWN_TOOLS;

use crate::agents::Agent;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::session::{Session, Surface, Who};
use crate::store::Store;

/// Largest JSON-RPC message read from stdio: a longer line is dropped unread
/// (rmcp logs it; there is no id to answer), so memory stays bounded.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// Largest arguments of one tool call, as JSON; larger ones are a tool error.
pub const MAX_ARGUMENT_BYTES: usize = 64 * 1024;

/// The opsgate session of one MCP session: `person`, through `agent` when
/// one is named, with that agent tier's limits.
pub fn session(
    store: &Store,
    catalog: &'static Catalog,
    person: StaffMember,
    agent: Option<Agent>,
) -> Session {
    let limits = SessionLimits::for_tier(agent.as_ref().map(|agent| agent.tier));
    let who = match agent {
        Some(agent) => Who::Agent { agent, subject: person },
        None => Who::Person(person),
    };
    Session::new(store.clone(), catalog, who, Surface::Mcp).with_constraints(limits.constraints())
}

/// The session of whoever signed an HTTP request.
pub async fn session_for(store: &Store, principal: &Principal) -> Result<Session> {
    let agent = match &principal.agent {
        Some(name) => Some(Agent::load(store, name).await?),
        None => None,
    };
    Ok(session(store, store.catalog().await?, principal.person.clone(), agent))
}

/// Serves one MCP session on stdin/stdout until the client closes it.
pub async fn serve_stdio(session: Session, options: McpOptions) -> Result<()> {
    use rmcp::ServiceExt;
    let transport = rmcp::transport::async_rw::AsyncRwTransport::new(tokio::io::stdin(), tokio::io::stdout())
        .with_max_line_length(MAX_MESSAGE_BYTES);
    let server = McpServer::new(Binding::Fixed(Box::new(session)), std::sync::Arc::new(options));
    let running = server
        .serve(transport)
        .await
        .map_err(|error| Error::Usage(format!("the MCP client did not start a session: {error}")))?;
    running
        .waiting()
        .await
        .map_err(|error| Error::Internal(format!("the MCP session ended badly: {error}")))?;
    Ok(())
}
