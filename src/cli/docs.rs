//! `opsgate docs`: runbooks indexed for retrieval.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(subcommand)]
    pub command: DocsCommand,
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Index Markdown or text files, chunked by heading
    Add {
        /// Files to index
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List indexed documents
    List,
    /// Search indexed passages
    Search {
        /// What to look for
        query: String,
        /// At most this many passages
        #[arg(long, default_value_t = 5)]
        limit: i64,
    },
}

impl DocsArgs {
    pub async fn run(self, _ctx: &super::Context) -> crate::error::Result<crate::exit_code::ExitCode> {
        Err(crate::Error::NotAvailable("docs"))
    }
}
