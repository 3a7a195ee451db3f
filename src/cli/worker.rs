//! `opsgate worker`: execute approved actions queued for background execution.

use std::time::Duration;

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::render::{RecoveryView, WorkerView};
use crate::worker::{WorkerOptions, recover, run_worker};

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Process what is queued now, then exit
    #[arg(long)]
    pub once: bool,
    /// Actions executed in parallel
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=16))]
    pub concurrency: u32,
    /// Seconds between polls of the queue
    #[arg(long, value_name = "SECONDS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub poll: u64,
    /// Resolve stale claims left by a worker that died mid-action, then exit
    #[arg(long)]
    pub recover: bool,
    /// With --recover: claims older than this many seconds are stale even when
    /// their process cannot be checked (it ran on another machine)
    #[arg(long, value_name = "SECONDS", default_value_t = 600, requires = "recover")]
    pub stale_after: u64,
    /// While running, record audit checkpoints as they fall due (ops_config
    /// audit.checkpoint_every_entries / _minutes) and append each to this file
    #[arg(long, value_name = "FILE", conflicts_with_all = ["once", "recover"])]
    pub checkpoint_file: Option<std::path::PathBuf>,
}

impl WorkerArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        if self.recover {
            let report = recover(&ctx.store, Duration::from_secs(self.stale_after)).await?;
            ctx.show(&RecoveryView(report)).await?;
            return Ok(ExitCode::Success);
        }
        let options = WorkerOptions {
            concurrency: self.concurrency as usize,
            poll: Duration::from_secs(self.poll),
            once: self.once,
        };
        // Each runner, and the poller, may hold a connection at once.
        let store = if self.concurrency > 1 {
            ctx.store.reopen_with_connections(&ctx.location, self.concurrency + 1).await?
        } else {
            ctx.store.clone()
        };
        let checkpoints = self
            .checkpoint_file
            .map(|sink| tokio::spawn(crate::audit::tree::keep_checkpoints(store.clone(), Some(sink))));
        let report = run_worker(&store, store.catalog().await?, options, shutdown_signal()).await;
        if let Some(task) = checkpoints {
            task.abort();
        }
        let report = report?;
        let clean = report.failed == 0;
        ctx.show(&WorkerView(report)).await?;
        Ok(if clean { ExitCode::Success } else { ExitCode::Error })
    }
}

/// Resolves on Ctrl-C or SIGTERM: the worker stops claiming and finishes what it holds.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
