//! `opsgate playbook validate|run`: YAML runs for cron and CI.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::totp_prompt::{ask_code, code_source};
use super::{Context, GlobalArgs};
use crate::catalog::Catalog;
use crate::confirm::{TerminalAnswer, ask_on_terminal};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pii::Audience;
use crate::pipeline::Review;
use crate::planner::RulesPlanner;
use crate::playbook::{self, Mode, Outline, Playbook, Progress, RunRequest, Terminal};
use crate::render::{OutputFormat, PlaybookOutlineView, PlaybookRunView, emit, review_text};
use crate::second_factor::SecondFactor;
use crate::session::{Mode as SessionMode, Surface};

#[derive(Debug, Args)]
#[command(after_help = "Exit codes of `run`: 0 every step did its job (actions waiting for people are a \
suggest run's result) · 1 a step failed, or another run holds the playbook's lock · 2 usage (execute asked by \
only one of file and --allow-execute, unknown --var) · 3 a step was denied by policy · 4 execute mode left \
writes waiting for a confirmation or approval\n\nExamples:\n  opsgate playbook validate playbooks/daily-sla-check.yaml\n  \
opsgate --demo playbook run playbooks/daily-sla-check.yaml\n  OPSGATE_USER=manager@example.com opsgate playbook run \
playbooks/weekly-revenue-report.yaml -o md")]
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
        /// Run as this registered AI agent acting for the person (its tier and budgets apply)
        #[arg(long, value_name = "NAME")]
        agent: Option<String>,
    },
}

impl PlaybookArgs {
    /// `validate` needs no database.
    /// `run` does; `validate` checks against the packs of a database when one is named.
    pub fn needs_store(&self, global: &GlobalArgs) -> bool {
        matches!(self.command, PlaybookCommand::Run { .. }) || global.names_a_database()
    }

    /// `playbook validate FILE`: parse and check, print an outline. No database.
    pub fn validate(self, global: &GlobalArgs) -> Result<ExitCode> {
        match self.command {
            PlaybookCommand::Validate { file } => validate(&file, Catalog::builtin(), global.output),
            PlaybookCommand::Run { .. } => Err(Error::Internal("`playbook run` needs the database".into())),
        }
    }

    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let (file, vars, allow_execute, agent) = match self.command {
            PlaybookCommand::Run { file, vars, allow_execute, agent } => (file, vars, allow_execute, agent),
            PlaybookCommand::Validate { file } => {
                return validate(&file, ctx.store.catalog().await?, ctx.output);
            }
        };
        let overrides = vars
            .iter()
            .map(|pair| {
                pair.split_once('=')
                    .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
                    .ok_or_else(|| Error::Usage(format!("--var expects KEY=VALUE, not `{pair}`")))
            })
            .collect::<Result<Vec<_>>>()?;
        let playbook = Playbook::load(&file)?;
        let session = ctx.session_through(Surface::Playbook, SessionMode::Execute, agent.as_deref()).await?;
        let planner = RulesPlanner::new(session.catalog());
        let bar = Bar::new();

        // Only a person at a terminal can confirm the writes of an execute run.
        let at_terminal = ctx.interactive;
        let mut ask = |review: &Review| -> Result<bool> {
            let answer = bar.bar.suspend(|| {
                ask_on_terminal(
                    &review_text(review),
                    "Execute this action?",
                    review.type_to_confirm.as_deref(),
                )
            })?;
            Ok(answer == TerminalAnswer::Yes)
        };
        let mut ask_totp = || bar.bar.suspend(ask_code);
        let mut second_factor = SecondFactor::new(code_source(None, at_terminal, &mut ask_totp));
        let terminal = (at_terminal && playbook.mode == Mode::Execute)
            .then_some(Terminal { ask: &mut ask, second_factor: &mut second_factor });
        let environment = |name: &str| std::env::var(name).ok();
        let request = RunRequest {
            overrides: &overrides,
            allow_execute,
            planner: &planner,
            templates_dir: ctx.paths.config_dir.join("templates"),
            environment: &environment,
            terminal,
            progress: &bar,
        };
        let report = playbook::run(&session, &playbook, request).await;
        bar.finish();
        let report = report?;
        let exit = report.status.exit_code();
        ctx.show(&PlaybookRunView(report)).await?;
        Ok(exit)
    }
}

fn validate(file: &std::path::Path, catalog: &Catalog, output: OutputFormat) -> Result<ExitCode> {
    let playbook = Playbook::load(file)?;
    playbook::check(&playbook, catalog)?;
    emit(&PlaybookOutlineView(Outline::of(&playbook)), output, &Audience::unmasked())?;
    Ok(ExitCode::Success)
}

/// Progress on stderr, drawn only when stderr is a terminal: cron mail gets the report alone.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new() -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar { bar }
    }
}

impl Progress for Bar {
    fn step(&self, index: usize, total: usize, id: &str, items: usize) {
        self.bar.reset();
        self.bar.set_length(items as u64);
        self.bar.set_message(format!("step {}/{total} {id}", index + 1));
    }

    fn advance(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
