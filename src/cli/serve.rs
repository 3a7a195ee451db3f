//! `opsgate serve`: team mode's server (see [`crate::server`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::server::{ServeOptions, serve};

/// People reach the server with requests signed by their own Ed25519 keys
/// (`opsgate --server URL …`); only the server holds the database and the
/// instance key. Several servers may share one PostgreSQL. Stops on SIGTERM
/// or Ctrl-C after the requests in flight finish.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  opsgate serve --db postgres://opsgate@db/ops\n  opsgate serve --listen 0.0.0.0:8420 --tls-cert cert.pem --tls-key key.pem --db postgres://…"
)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8420", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// PEM certificate chain: serve HTTPS (with --tls-key)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key of the certificate
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Serve plain HTTP on a non-loopback address (a proxy in front terminates TLS)
    #[arg(long)]
    pub insecure_http: bool,
    /// The URL clients sign their requests for: the load balancer's, when several
    /// servers stand behind one [default: this server's scheme://ADDR:PORT;
    /// required when listening on every address]
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// A proxy in front (repeatable): for requests from it, the client is the
    /// last address of its X-Forwarded-For (each client's refusals are bounded apart)
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Requests handled at once; more wait for a slot
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_in_flight: u32,
    /// Largest request body, in bytes
    #[arg(long, default_value_t = 1 << 20, value_parser = clap::value_parser!(u64).range(1024..=(64 << 20)))]
    pub max_body: u64,
    /// Seconds a request may take to arrive and to wait for a slot
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// Let MCP clients confirm confirm-level writes in their form (elicitation), the person
    /// typing the target's id. Never for approval-level or second-factor actions
    #[arg(long)]
    pub mcp_allow_elicited_confirm: bool,
    /// Append every audit checkpoint recorded while serving to this file (they fall due by
    /// ops_config audit.checkpoint_every_entries, default 10000, and _minutes, default 60)
    #[arg(long, value_name = "FILE")]
    pub checkpoint_file: Option<PathBuf>,
}

impl ServeArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        if ctx.as_user.is_some() && !ctx.demo {
            return Err(Error::Usage(
                "the server acts for whoever signs each request: drop --as / OPSGATE_USER".into(),
            ));
        }
        // A SQLite database serves requests side by side on a few connections;
        // PostgreSQL pools open what they need.
        let connections = self.max_in_flight.min(8) + 1;
        let store = ctx.store.reopen_with_connections(&ctx.location, connections).await?;
        store.sealer()?;
        let options = ServeOptions {
            listen: self.listen,
            tls: self.tls_cert.zip(self.tls_key),
            insecure_http: self.insecure_http,
            max_in_flight: self.max_in_flight as usize,
            max_body_bytes: self.max_body as usize,
            request_timeout: Duration::from_secs(self.request_timeout),
            shutdown_grace: Duration::from_secs(30),
            public_url: self.public_url,
            trusted_proxies: self.trusted_proxies,
            mcp_allow_elicited_confirm: self.mcp_allow_elicited_confirm,
            checkpoint_file: self.checkpoint_file,
        };
        let scheme = if options.tls.is_some() { "https" } else { "http" };
        let output = ctx.output;
        serve(store, ctx.paths.clone(), ctx.location.clone(), options, |addr| {
            // One line a script can read the bound address from.
            let line = match output {
                crate::render::OutputFormat::Json => {
                    serde_json::json!({"listening": format!("{scheme}://{addr}")}).to_string()
                }
                _ => format!("opsgate serving on {scheme}://{addr}"),
            };
            let _ = crate::render::print_stdout(&line);
        })
        .await?;
        Ok(ExitCode::Success)
    }
}
