//! `opsgate actions`: the action catalog.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalArgs;
use crate::catalog::{ActionSpec, Catalog};
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pii::Audience;
use crate::render::{Tabular, print_stdout, rendered, table};

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only the actions I may run (needs the database to know who I am)
    #[arg(long)]
    pub mine: bool,
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Show one action with its parameter schema, permission, risk and needs
    Show {
        /// The action name, e.g. bookings.refund
        name: String,
    },
}

#[derive(Serialize)]
#[serde(transparent)]
struct ActionList(Vec<ActionSpec>);

impl Tabular for ActionList {
    fn human(&self) -> String {
        table(
            &["action", "risk", "permission", "needs", "description"],
            self.0.iter().map(|a| {
                let mut needs = a.requires.as_str().to_owned();
                if a.second_factor {
                    needs.push_str(" + 2fa");
                }
                vec![
                    a.name.clone(),
                    a.risk.as_str().to_owned(),
                    a.permission.clone(),
                    needs,
                    a.description.clone(),
                ]
            }),
        )
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct ActionDetail(ActionSpec);

impl Tabular for ActionDetail {
    fn human(&self) -> String {
        let a = &self.0;
        let schema = serde_json::to_string_pretty(&a.params).unwrap_or_default();
        format!(
            "{}\n{}\n\npermission  {}\nrisk        {}\nneeds       {}{}\nexamples    {}\n\nparameters (JSON Schema):\n{schema}",
            a.name,
            a.description,
            a.permission,
            a.risk.as_str(),
            a.requires.as_str(),
            if a.second_factor { " + second factor (TOTP)" } else { "" },
            a.examples.join(" · ")
        )
    }
}

impl ActionsArgs {
    /// `actions` and `actions show` need no database; `--mine` does.
    pub fn needs_store(&self) -> bool {
        self.mine
    }

    /// The catalog without a database (`--mine` needs one: see [`ActionsArgs::run_listing`]).
    pub async fn run(self, global: &GlobalArgs) -> Result<ExitCode> {
        print_stdout(&self.listing(None)?.render(global.output)?)?;
        Ok(ExitCode::Success)
    }

    /// The catalog in a command's context: `--mine` filters by the acting person's permissions.
    pub async fn run_listing(self, ctx: &super::Context) -> Result<ExitCode> {
        let person = if self.mine { Some(ctx.person().await?) } else { None };
        ctx.write(&self.listing(person.as_ref())?.render(ctx.output)?)?;
        Ok(ExitCode::Success)
    }

    fn listing(self, person: Option<&crate::identity::StaffMember>) -> Result<Listing> {
        let catalog = Catalog::builtin();
        Ok(match self.command {
            Some(ActionsCommand::Show { name }) => {
                Listing::One(Box::new(ActionDetail(catalog.require(&name)?.clone())))
            }
            None => Listing::All(ActionList(
                catalog
                    .actions()
                    .iter()
                    .filter(|a| person.is_none_or(|p| p.can(&a.permission)))
                    .cloned()
                    .collect(),
            )),
        })
    }
}

/// The catalog is public knowledge: it is shown unmasked.
enum Listing {
    One(Box<ActionDetail>),
    All(ActionList),
}

impl Listing {
    fn render(&self, format: crate::render::OutputFormat) -> Result<String> {
        match self {
            Listing::One(detail) => rendered(detail.as_ref(), format, &Audience::unmasked()),
            Listing::All(list) => rendered(list, format, &Audience::unmasked()),
        }
    }
}

impl ActionsArgs {
    /// `actions --mine` asks the server whose permissions apply; the rest is the built-in catalog.
    pub fn remote_call(&self) -> crate::remote::Call {
        match &self.command {
            Some(ActionsCommand::Show { name }) => crate::remote::Call::get(format!("/v1/catalog/{name}")),
            None => crate::remote::Call::get("/v1/catalog").flag("mine", self.mine),
        }
    }
}
