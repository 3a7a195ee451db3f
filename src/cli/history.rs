//! `opsgate history`: my plans and actions (everyone's with ops.audit.view).

use clap::Args;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only actions with this status (e.g. pending_approval, succeeded)
    #[arg(long)]
    pub status: Option<String>,
    /// Only this action (e.g. bookings.refund)
    #[arg(long)]
    pub action: Option<String>,
    /// From this time on (RFC 3339, a date, or a duration ago like 7d)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Before this time
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Everyone's history, not only mine (needs ops.audit.view)
    #[arg(long)]
    pub all: bool,
    /// At most this many entries
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
}
