//! Team mode: `opsgate serve`. The server alone holds the database and the
//! instance key; people reach it with requests signed by their own keys
//! (RFC 9421, [`crate::httpsig`]). It keeps no state of its own — replay
//! cache, rate limits and budgets live in the database — so several servers
//! can share one PostgreSQL behind a load balancer.
//!
//! Every `/v1` route runs the same command as the command line, in a
//! [`Context`](crate::cli::Context) built for the person whose key signed the
//! request: same checks, same documents, same exit code (sent as
//! `Opsgate-Exit-Code`), the error envelope mapped to an HTTP status.

mod auth;
mod listen;
mod mcp;
mod metrics;
mod openapi;
mod refusals;
mod reply;
mod routes;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::store::{DbLocation, Store};

pub use auth::{ACTING_FOR, Caller, FRESHNESS_SECONDS};
pub use mcp::SESSIONS_PER_KEY as MCP_SESSIONS_PER_KEY;
pub use metrics::Metrics;
pub use refusals::{AUDITED_PER_MINUTE, Peer};
pub use reply::{EXIT_CODE_HEADER, NOTES_HEADER, status_of};

/// How `opsgate serve` listens and what it bounds.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    /// PEM certificate chain and private key: HTTPS.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Plain HTTP on a non-loopback address, knowingly.
    pub insecure_http: bool,
    /// Requests handled at once; more wait for a free slot (up to the timeout).
    pub max_in_flight: usize,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// How long a request may take to arrive and wait for a slot.
    pub request_timeout: Duration,
    /// How long shutdown waits for requests in flight.
    pub shutdown_grace: Duration,
    /// The URL clients sign their requests for (behind a load balancer, its
    /// name); by default this server's own `scheme://address:port`.
    pub public_url: Option<String>,
    /// Proxies in front whose `X-Forwarded-For` names the client (for the refusal bound).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// MCP clients' forms may confirm confirm-level writes (`/mcp`).
    pub mcp_allow_elicited_confirm: bool,
    /// Where audit checkpoints recorded while serving are appended.
    pub checkpoint_file: Option<PathBuf>,
}

impl ServeOptions {
    /// `opsgate serve`'s defaults, on `listen` (plain HTTP: loopback only).
    pub fn on(listen: SocketAddr) -> ServeOptions {
        ServeOptions {
            listen,
            tls: None,
            insecure_http: false,
            max_in_flight: 32,
            max_body_bytes: 1 << 20,
            request_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
            public_url: None,
            trusted_proxies: Vec::new(),
            mcp_allow_elicited_confirm: false,
            checkpoint_file: None,
        }
    }
}

/// What every request handler shares.
pub struct Served {
    pub store: Store,
    pub paths: Paths,
    pub location: DbLocation,
    pub metrics: Metrics,
    pub options: ServeOptions,
    /// One permit per request in flight.
    pub slots: Arc<Semaphore>,
    /// Scheme, authority and path prefix of the target URIs requests must be
    /// signed over (`https://ops.example.com:8420`): never taken from a request.
    pub origin: String,
    /// Refused requests per client address, so that refusals cannot flood the audit log.
    pub refusals: refusals::Refusals,
    /// Cancelled at shutdown: ends every MCP session and its event stream.
    pub mcp_sessions: tokio_util::sync::CancellationToken,
}

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish.
/// `ready` receives the bound address (port 0 picks a free one).
pub async fn serve(
    store: Store,
    paths: Paths,
    location: DbLocation,
    options: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    listen::refuse_plain_http_beyond_loopback(&options)?;
    if options.max_in_flight == 0 {
        return Err(Error::Usage("--max-in-flight must be at least 1".into()));
    }
    let scheme = if options.tls.is_some() { "https" } else { "http" };
    let public = options.public_url.as_deref().map(|url| origin_of(url, scheme)).transpose()?;
    if public.is_none() && options.listen.ip().is_unspecified() {
        return Err(Error::Usage(format!(
            "listening on every address ({}): give --public-url, the URL clients sign their requests for (e.g. {scheme}://ops.example.com:{})",
            options.listen,
            options.listen.port()
        )));
    }
    let served = Served {
        store,
        paths,
        location,
        metrics: Metrics::default(),
        slots: Arc::new(Semaphore::new(options.max_in_flight)),
        origin: public.clone().unwrap_or_default(),
        refusals: refusals::Refusals::default(),
        mcp_sessions: tokio_util::sync::CancellationToken::new(),
        options: options.clone(),
    };
    let own_address = public.is_none();
    let result = match &options.tls {
        Some((cert, key)) => {
            let listener = listen::Tls::bind(options.listen, cert, key).await?;
            let bound = listener.local_addr;
            run_on(listener, served.bound_to(own_address, scheme, bound), bound, ready).await
        }
        None => {
            let listener = tokio::net::TcpListener::bind(options.listen)
                .await
                .map_err(|e| Error::io(format!("cannot listen on {}", options.listen), e))?;
            let bound = listener.local_addr().map_err(|e| Error::io("cannot read the bound address", e))?;
            run_on(listen::Plain(listener), served.bound_to(own_address, scheme, bound), bound, ready).await
        }
    };
    result.map_err(|e| Error::io("the server stopped", e))
}

/// Serves on `listener` until a shutdown signal, then lets commands in flight finish.
async fn run_on<L>(
    listener: L,
    served: Served,
    bound: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()>
where
    L: axum::serve::Listener<Addr = SocketAddr>,
    for<'a> refusals::Peer: axum::extract::connect_info::Connected<axum::serve::IncomingStream<'a, L>>,
{
    let served = Arc::new(served);
    let purge = tokio::spawn(auth::purge_nonces(served.clone()));
    // Checkpoints fall due as the log grows; the server records them (and ships them to a file).
    let checkpoints = tokio::spawn(crate::audit::tree::keep_checkpoints(
        served.store.clone(),
        served.options.checkpoint_file.clone(),
    ));
    ready(bound);
    let app = routes::router(served.clone()).into_make_service_with_connect_info::<refusals::Peer>();
    let sessions = served.mcp_sessions.clone();
    let shutdown = async move {
        wait_for_shutdown().await;
        // MCP event streams stay open until their sessions end.
        sessions.cancel();
    };
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    purge.abort();
    checkpoints.abort();
    finish(&served).await;
    result
}

impl Served {
    /// The client a request comes from: the peer, or — when the peer is a
    /// trusted proxy — the address it forwarded for (the last one it added).
    pub fn client_of(&self, peer: SocketAddr, headers: &axum::http::HeaderMap) -> std::net::IpAddr {
        if !self.options.trusted_proxies.contains(&peer.ip()) {
            return peer.ip();
        }
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .last()
            .and_then(|last| last.trim().parse().ok())
            .unwrap_or(peer.ip())
    }

    /// The origin requests are signed for, once the address is bound (port 0 picks one).
    fn bound_to(mut self, own_address: bool, scheme: &str, bound: SocketAddr) -> Served {
        if own_address {
            self.origin = format!("{scheme}://{bound}");
        }
        self
    }
}

/// `scheme://host[:port][/prefix]` of a public URL, without a trailing slash.
fn origin_of(url: &str, scheme: &str) -> Result<String> {
    let parsed = url::Url::parse(url).map_err(|e| Error::Usage(format!("--public-url `{url}`: {e}")))?;
    if parsed.scheme() != scheme && !(scheme == "http" && parsed.scheme() == "https") {
        return Err(Error::Usage(format!(
            "--public-url `{url}` is {}, and this server serves {scheme}",
            parsed.scheme()
        )));
    }
    let host = parsed.host_str().ok_or_else(|| Error::Usage(format!("--public-url `{url}` has no host")))?;
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    let host =
        if host.contains(':') && !host.starts_with('[') { format!("[{host}]") } else { host.to_owned() };
    Ok(format!("{}://{host}{port}{}", parsed.scheme(), parsed.path().trim_end_matches('/')))
}

/// After the last connection: commands still running detached from theirs finish.
async fn finish(served: &Served) {
    let all = u32::try_from(served.options.max_in_flight).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(served.options.shutdown_grace, served.slots.acquire_many(all)).await;
}

async fn wait_for_shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_public_origin_is_scheme_host_port_and_prefix() {
        assert_eq!(
            super::origin_of("https://ops.example.com:8420/", "https").unwrap(),
            "https://ops.example.com:8420"
        );
        assert_eq!(
            super::origin_of("https://ops.example.com/opsgate/", "http").unwrap(),
            "https://ops.example.com/opsgate"
        );
        assert!(super::origin_of("http://ops.example.com", "https").is_err());
        assert!(super::origin_of("not a url", "http").is_err());
    }
}
