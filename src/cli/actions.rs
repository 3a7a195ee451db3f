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
struct ActionList(Vec<Listed>);

/// One action, and why the target cannot run it (when it cannot).
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    spec: ActionSpec,
    #[serde(skip_serializing_if = "Option::is_none")]
    unavailable: Option<String>,
}

impl Tabular for ActionList {
    fn human(&self) -> String {
        let any_unavailable = self.0.iter().any(|listed| listed.unavailable.is_some());
        let mut headers = vec!["action", "risk", "permission", "needs", "description"];
        if any_unavailable {
            headers.push("unavailable");
        }
        table(
            &headers,
            self.0.iter().map(|listed| {
                let a = &listed.spec;
                let mut needs = a.requires.as_str().to_owned();
                if a.second_factor {
                    needs.push_str(" + 2fa");
                }
                let mut row = vec![
                    a.name.clone(),
                    a.risk.as_str().to_owned(),
                    a.permission.clone(),
                    needs,
                    a.description.clone(),
                ];
                if any_unavailable {
                    row.push(listed.unavailable.clone().unwrap_or_default());
                }
                row
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
    pub fn needs_store(&self, global: &GlobalArgs) -> bool {
        // Packs are added to a database: with one named, its packs' actions are listed too.
        self.mine || global.names_a_database()
    }

    /// The catalog without a database (`--mine` needs one: see [`ActionsArgs::run_listing`]).
    pub async fn run(self, global: &GlobalArgs) -> Result<ExitCode> {
        print_stdout(&self.listing(Catalog::builtin(), None)?.render(global.output)?)?;
        Ok(ExitCode::Success)
    }

    /// The catalog in a command's context: `--mine` filters by the acting person's permissions.
    pub async fn run_listing(self, ctx: &super::Context) -> Result<ExitCode> {
        let person = if self.mine { Some(ctx.person().await?) } else { None };
        let mut listing = self.listing(ctx.store.catalog().await?, person.as_ref())?;
        let target = ctx.store.target();
        if let Listing::All(list) = &mut listing
            && (target.is_separate() || !target.binding().is_identity())
        {
            let specs: Vec<&ActionSpec> = list.0.iter().map(|listed| &listed.spec).collect();
            let report = crate::target::check::check(&target, specs).await?;
            for listed in &mut list.0 {
                listed.unavailable = report.unavailable.get(&listed.spec.name).cloned();
            }
        }
        ctx.write(&listing.render(ctx.output)?)?;
        Ok(ExitCode::Success)
    }

    fn listing(self, catalog: &Catalog, person: Option<&crate::identity::StaffMember>) -> Result<Listing> {
        Ok(match self.command {
            Some(ActionsCommand::Show { name }) => {
                Listing::One(Box::new(ActionDetail(catalog.require(&name)?.clone())))
            }
            None => Listing::All(ActionList(
                catalog
                    .actions()
                    .iter()
                    .filter(|a| person.is_none_or(|p| p.can(&a.permission)))
                    .map(|spec| Listed { spec: spec.clone(), unavailable: None })
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
