//! `/mcp`: MCP's Streamable HTTP transport (rmcp), behind the same request
//! authentication as `/v1`: every POST, GET and DELETE is signed by a
//! person's key or an agent's credential, and an MCP session stays with the
//! key that opened it. No anonymous access.

use std::sync::Arc;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Extension, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use super::{Caller, Served};
use crate::error::Error;
use crate::mcp::{Binding, McpOptions, McpServer, Principal};

pub type McpService = StreamableHttpService<McpServer, LocalSessionManager>;

/// The transport for this server's MCP sessions; `stop` ends them all (at shutdown).
pub fn service(served: &Served, stop: CancellationToken) -> McpService {
    let store = served.store.clone();
    let options = Arc::new(McpOptions {
        templates_dir: served.paths.config_dir.join("templates"),
        allow_elicited_confirm: served.options.mcp_allow_elicited_confirm,
    });
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(allowed_hosts(&served.origin))
        .with_max_request_body_bytes(served.options.max_body_bytes)
        .with_cancellation_token(stop);
    StreamableHttpService::new(
        move || Ok(McpServer::new(Binding::Signed(store.clone()), options.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    )
}

/// The Host values a request may carry: this server's public origin only
/// (requests are signed for it anyway; this also refuses DNS rebinding).
fn allowed_hosts(origin: &str) -> Vec<String> {
    let Ok(url) = url::Url::parse(origin) else {
        return Vec::new();
    };
    let Some(host) = url.host_str() else {
        return Vec::new();
    };
    let mut hosts = vec![host.to_owned()];
    if let Some(port) = url.port_or_known_default() {
        hosts.push(format!("{host}:{port}"));
    }
    hosts
}

/// Which key opened each MCP session, and when the session was last used.
/// rmcp answers a session's GET (its event stream) and DELETE itself, without
/// the handler: without this, another valid key that learnt a session id
/// could listen to it or end it. It also bounds the sessions one key holds open.
#[derive(Default)]
pub struct SessionOwners(Mutex<HashMap<String, Owned>>);

struct Owned {
    key: String,
    used: Instant,
}

/// rmcp ends a session after this long without a request.
const SESSION_IDLE: Duration = Duration::from_secs(300);
/// Sessions one key may hold open at once; more are refused until some end.
pub const SESSIONS_PER_KEY: usize = 32;

impl SessionOwners {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Owned>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The key that opened `session`, marking it used now.
    fn owner(&self, session: &str) -> Option<String> {
        let mut owners = self.lock();
        let owned = owners.get_mut(session)?;
        owned.used = Instant::now();
        Some(owned.key.clone())
    }

    /// Whether `key` may open another session (forgetting sessions rmcp has ended for idleness).
    fn may_open(&self, key: &str) -> bool {
        let mut owners = self.lock();
        owners.retain(|_, owned| owned.used.elapsed() < SESSION_IDLE);
        owners.values().filter(|owned| owned.key == key).count() < SESSIONS_PER_KEY
    }

    fn opened(&self, session: String, key: String) {
        self.lock().insert(session, Owned { key, used: Instant::now() });
    }

    fn ended(&self, session: &str) {
        self.lock().remove(session);
    }
}

/// Hands the verified caller to the MCP handler as its [`Principal`], and
/// keeps every MCP session to the key that opened it (POST, GET and DELETE).
pub async fn principal(
    State(owners): State<Arc<SessionOwners>>,
    Extension(caller): Extension<Caller>,
    mut request: Request,
    next: Next,
) -> Response {
    let key = match (&caller.agent, caller.key_id) {
        (Some(agent), _) => format!("agent:{agent}:{}", caller.person.email),
        (None, Some(key_id)) => format!("k{key_id}"),
        (None, None) => format!("person:{}", caller.person.email),
    };
    let session = request.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(session) = &session
        && owners.owner(session).is_some_and(|owner| owner != key)
    {
        // As for a session that does not exist: nothing tells another key it does.
        return (StatusCode::NOT_FOUND, "Session not found").into_response();
    }
    if session.is_none() && request.method() == Method::POST && !owners.may_open(&key) {
        let error = Error::RateLimited(format!(
            "this key holds {SESSIONS_PER_KEY} open MCP sessions: end one (DELETE /mcp) or let one idle out (5 minutes)"
        ));
        return super::reply::error(&error);
    }
    let deleting = request.method() == Method::DELETE;
    request.extensions_mut().insert(Principal {
        key: key.clone(),
        person: caller.person,
        agent: caller.agent,
    });
    let response = next.run(request).await;
    match session {
        None => {
            if let Some(opened) = response.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()) {
                owners.opened(opened.to_owned(), key);
            }
        }
        Some(session) if deleting && response.status().is_success() => owners.ended(&session),
        Some(_) => {}
    }
    response
}
