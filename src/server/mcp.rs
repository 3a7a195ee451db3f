//! `/mcp`: MCP's Streamable HTTP transport (rmcp), behind the same request
//! authentication as `/v1`: every POST, GET and DELETE is signed by a
//! person's key or an agent's credential, and an MCP session stays with the
//! key that opened it. No anonymous access.

use std::sync::Arc;

use axum::extract::{Extension, Request};
use axum::middleware::Next;
use axum::response::Response;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use super::{Caller, Served};
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

/// Hands the verified caller to the MCP handler as its [`Principal`].
pub async fn principal(Extension(caller): Extension<Caller>, mut request: Request, next: Next) -> Response {
    let key = match (&caller.agent, caller.key_id) {
        (Some(agent), _) => format!("agent:{agent}:{}", caller.person.email),
        (None, Some(key_id)) => format!("k{key_id}"),
        (None, None) => format!("person:{}", caller.person.email),
    };
    request.extensions_mut().insert(Principal { key, person: caller.person, agent: caller.agent });
    next.run(request).await
}
