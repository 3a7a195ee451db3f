//! `opsgate demo reset`: rebuild the throwaway demo database.

use clap::{Args, Subcommand};

use super::GlobalArgs;
use crate::demo::DemoCounts;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::paths::Paths;
use crate::pii::Audience;
use crate::render::{Tabular, emit};

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(subcommand)]
    command: DemoCommand,
}

#[derive(Debug, Subcommand)]
enum DemoCommand {
    /// Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)
    Reset,
}

impl DemoArgs {
    pub async fn run(self, global: &GlobalArgs) -> Result<ExitCode> {
        if global.db.is_some() {
            return Err(Error::Usage("`opsgate demo` manages the demo database only; drop --db".into()));
        }
        let DemoCommand::Reset = self.command;
        let paths = Paths::from_env()?;
        let counts = crate::demo::reset(&paths).await?;
        emit(
            &DemoReset { database: paths.demo_db().display().to_string(), counts },
            global.output,
            &Audience::unmasked(),
        )?;
        Ok(ExitCode::Success)
    }
}

#[derive(serde::Serialize)]
struct DemoReset {
    database: String,
    #[serde(flatten)]
    counts: DemoCounts,
}

impl Tabular for DemoReset {
    fn human(&self) -> String {
        let c = &self.counts;
        format!(
            "demo database rebuilt: {}\n{} users, {} providers, {} bookings, {} complaints, {} priority-queue items, {} alerts; \
             test staff <role>@example.com, acting as admin@example.com by default",
            self.database, c.users, c.providers, c.bookings, c.complaints, c.priority_queue, c.alerts
        )
    }
}
