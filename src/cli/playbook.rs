//! `opsgate playbook validate|run`: YAML runs for cron and CI.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct PlaybookArgs {
    #[command(subcommand)]
    pub command: PlaybookCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Check a playbook's schema and templates; errors as file:line:col: message
    Validate {
        /// The playbook file
        file: PathBuf,
    },
    /// Run a playbook (suggest-only unless the file and --allow-execute both allow more)
    Run {
        /// The playbook file
        file: PathBuf,
        /// Set a playbook variable (repeatable)
        #[arg(long = "var", value_name = "KEY=VALUE")]
        vars: Vec<String>,
        /// Allow execute mode, when the file also says `allow_execute: true`
        #[arg(long)]
        allow_execute: bool,
    },
}
