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
    /// `https` or `http`: the scheme of the target URIs requests are signed over.
    pub scheme: &'static str,
    /// Refused requests per client address, so that refusals cannot flood the audit log.
    pub refusals: refusals::Refusals,
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
    let served = Arc::new(Served {
        store,
        paths,
        location,
        metrics: Metrics::default(),
        slots: Arc::new(Semaphore::new(options.max_in_flight)),
        scheme: if options.tls.is_some() { "https" } else { "http" },
        refusals: refusals::Refusals::default(),
        options: options.clone(),
    });
    let router = routes::router(served.clone());
    let purge = tokio::spawn(auth::purge_nonces(served.clone()));
    let shutdown = async {
        wait_for_shutdown().await;
    };
    let result = match &options.tls {
        Some((cert, key)) => {
            let listener = listen::Tls::bind(options.listen, cert, key).await?;
            ready(listener.local_addr);
            let app = router.into_make_service_with_connect_info::<refusals::Peer>();
            axum::serve(listener, app).with_graceful_shutdown(shutdown).await
        }
        None => {
            let listener = tokio::net::TcpListener::bind(options.listen)
                .await
                .map_err(|e| Error::io(format!("cannot listen on {}", options.listen), e))?;
            ready(listener.local_addr().map_err(|e| Error::io("cannot read the bound address", e))?);
            let app = router.into_make_service_with_connect_info::<refusals::Peer>();
            axum::serve(listener, app).with_graceful_shutdown(shutdown).await
        }
    };
    purge.abort();
    result.map_err(|e| Error::io("the server stopped", e))?;
    // Commands run detached from their connections (a client that goes away
    // does not cancel a write halfway); wait for the last ones.
    let all = u32::try_from(options.max_in_flight).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(options.shutdown_grace, served.slots.acquire_many(all)).await;
    Ok(())
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
