//! `opsgate staff list|add|set-role|keygen`: manage people. Every change is audited.

use clap::{Args, Subcommand};

use super::Context;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::rbac::require;
use crate::render::{Tabular, emit, table};
use crate::staff::{Changer, StaffChange};
use crate::store::StaffRow;

#[derive(Debug, Args)]
pub struct StaffArgs {
    #[command(subcommand)]
    command: StaffCommand,
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// List staff members with role, level, status and keys (needs ops.staff.view)
    List,
    /// Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)
    Add {
        /// Their e-mail, which identifies them everywhere
        email: String,
        /// Their display name
        #[arg(long)]
        name: String,
        /// Their role (e.g. agent, manager)
        #[arg(long)]
        role: String,
        /// Also generate their Ed25519 key and write the private half to this machine's
        /// config directory; only when you set up your own account
        #[arg(long)]
        keygen: bool,
    },
    /// Change a staff member's role (needs ops.staff.edit)
    SetRole {
        /// The staff member's e-mail
        email: String,
        /// The new role
        role: String,
    },
    /// Generate a new Ed25519 signing key for yourself and register its public half;
    /// older keys stay registered so that earlier signatures still verify
    Keygen,
    /// Enroll in TOTP second-factor authentication
    Totp {
        #[command(subcommand)]
        command: TotpCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TotpCommand {
    /// Create a TOTP secret and print its otpauth:// URI
    Enroll,
}

impl StaffArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self.command {
            StaffCommand::List => {
                if let Some(person) = ctx.maybe_person().await? {
                    require(&person, "ops.staff.view")?;
                }
                emit(&StaffList(ctx.store.list_staff().await?), ctx.output)?;
            }
            StaffCommand::Add { email, name, role, keygen } => {
                let person = ctx.maybe_person().await?;
                let changer = match &person {
                    Some(person) => Changer::Person(person),
                    None => Changer::Bootstrap,
                };
                let key_dir = ctx.key_dir();
                let change =
                    crate::staff::add(&ctx.store, changer, &email, &name, &role, keygen.then_some(&key_dir))
                        .await?;
                emit(&change, ctx.output)?;
            }
            StaffCommand::SetRole { email, role } => {
                let person = ctx.person().await?;
                emit(&crate::staff::set_role(&ctx.store, &person, &email, &role).await?, ctx.output)?;
            }
            StaffCommand::Keygen => {
                let person = ctx.person().await?;
                emit(&crate::staff::keygen(&ctx.store, &person, &ctx.key_dir()).await?, ctx.output)?;
            }
            StaffCommand::Totp { command: TotpCommand::Enroll } => {
                return Err(crate::Error::NotAvailable("staff totp enroll"));
            }
        }
        Ok(ExitCode::Success)
    }
}

#[derive(serde::Serialize)]
#[serde(transparent)]
struct StaffList(Vec<StaffRow>);

impl Tabular for StaffList {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no staff yet: run `opsgate seed rbac`, then `opsgate staff add`".into();
        }
        table(
            &["email", "name", "role", "level", "status", "keys", "totp"],
            self.0.iter().map(|s| {
                vec![
                    s.email.clone(),
                    s.name.clone(),
                    s.role.clone(),
                    s.level.to_string(),
                    s.status.clone(),
                    s.active_keys.to_string(),
                    if s.totp_enrolled { "yes".into() } else { "no".into() },
                ]
            }),
        )
    }
}

impl Tabular for StaffChange {
    fn human(&self) -> String {
        let mut text = format!("{}: {} ({})", self.email, self.change, self.role);
        if let Some(key) = &self.public_key {
            text.push_str(&format!("\npublic key: {key}"));
        }
        if let Some(file) = &self.private_key_file {
            text.push_str(&format!("\nprivate key: {file} (mode 0600)"));
        }
        text
    }
}
