//! `opsgate docs`: runbooks indexed for retrieval.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::render::{DocsAdded, DocsList, SearchView};

/// Most passages one search returns.
const MAX_LIMIT: usize = 100;

#[derive(Debug, Args)]
#[command(
    after_help = "Adding runbooks needs ops.config.edit; listing and searching them, any active staff \
member. Without --as, a run acts as the system (the database owner) and is audited as such."
)]
pub struct DocsArgs {
    #[command(subcommand)]
    pub command: DocsCommand,
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)
    ///
    /// Markdown files are split at their headings, plain text at blank lines; long
    /// sections are split further so that citations stay short. A directory adds its
    /// .md and .txt files, recursively. Adding a path again replaces its passages
    /// (or reports it unchanged). One bad file means nothing is indexed.
    Add {
        /// Files or directories to index; stored as given (relative to here, or absolute)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List indexed documents
    List,
    /// Search indexed passages; each is cited as path#Lfirst-Llast with a score
    ///
    /// The query is read as plain words (punctuation and search operators are
    /// ignored); passages matching more, and rarer, words rank first.
    Search {
        /// What to look for
        query: String,
        /// At most this many passages (1–100)
        #[arg(long, default_value_t = 5)]
        limit: i64,
    },
}

impl DocsArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.maybe_person().await?;
        match self.command {
            DocsCommand::Add { paths } => {
                let indexed = crate::runbooks::add(&ctx.store, person.as_ref(), &paths).await?;
                ctx.show(&DocsAdded(indexed)).await?;
            }
            DocsCommand::List => {
                ctx.show(&DocsList(crate::runbooks::list(&ctx.store).await?)).await?;
            }
            DocsCommand::Search { query, limit } => {
                let limit = usize::try_from(limit)
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .ok_or_else(|| Error::Usage(format!("--limit must be between 1 and {MAX_LIMIT}")))?;
                let passages = crate::runbooks::search(&ctx.store, &query, limit).await?;
                ctx.show(&SearchView { query, passages }).await?;
            }
        }
        Ok(ExitCode::Success)
    }
}
