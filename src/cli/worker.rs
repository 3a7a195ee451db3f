//! `opsgate worker`: execute approved actions queued for background execution.

use clap::Args;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Process what is queued now, then exit
    #[arg(long)]
    pub once: bool,
    /// Actions executed in parallel
    #[arg(long, default_value_t = 1)]
    pub concurrency: u32,
    /// Seconds between polls of the queue
    #[arg(long, value_name = "SECONDS", default_value_t = 2)]
    pub poll: u64,
    /// Resolve stale claims left by a worker that died mid-action, then exit
    #[arg(long)]
    pub recover: bool,
}
