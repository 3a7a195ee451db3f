//! The command-line edge: clap definitions, one module per subcommand, and the
//! dispatch that opens only what a command needs. Subcommands parse, call the
//! library, and render; they hold no SQL and no policy.

pub(crate) mod actions;
mod agent;
mod alerts;
mod approve;
mod ask;
mod audit;
mod completions;
mod context;
mod demo;
mod docs;
mod dry_run;
pub(crate) mod execute;
pub mod generated;
mod history;
mod mcp;
mod mcp_bridge;
mod pack;
mod plan;
mod planner_args;
mod playbook;
pub(crate) mod policy;
mod reject;
mod remote;
mod seed;
mod serve;
mod show;
mod staff;
mod target;
mod totp_prompt;
mod worker;

use std::ffi::OsString;

use clap::{Args, Parser, Subcommand};

pub use context::Context;

use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::render::OutputFormat;

/// opsgate — an AI admin worker for operations back offices.
///
/// Requests in plain language become plans of catalogued actions. opsgate
/// checks permissions, prints the exact payload, and writes nothing without an
/// interactive confirmation, a signed single-use token or, for financial and
/// admin actions, a second person's signed approval plus a second factor.
/// Everything lands in a hash-chained audit log.
#[derive(Debug, Parser)]
#[command(name = "opsgate", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 done · 1 error · 2 usage · 3 denied by policy · 4 needs confirmation or approval \
· 5 token or signature invalid, expired or used · 6 rate limit or budget exceeded · 7 prompt could not be planned"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand accepts.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB]
    /// [default: opsgate.db in the data directory]
    #[arg(long, global = true, value_name = "URL")]
    pub db: Option<String>,

    /// Act as this staff member (e-mail) [env: OPSGATE_USER]
    #[arg(long = "as", global = true, value_name = "EMAIL")]
    pub as_user: Option<String>,

    /// Output format
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Team mode: send every data command to this opsgate server, signed with your key
    /// (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a
    /// server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE
    #[arg(long, global = true, value_name = "URL")]
    pub server: Option<String>,

    /// The back office actions run on, when it is not the state database's own:
    /// a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]
    #[arg(long = "target", id = "target_url", global = true, value_name = "URL")]
    pub target: Option<String>,

    /// How the pack's tables and columns are called in the back office (YAML;
    /// `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]
    #[arg(long = "binding", id = "binding_file", global = true, value_name = "FILE")]
    pub binding: Option<std::path::PathBuf>,

    /// Use the throwaway demo database (created with demo data when missing); acts as
    /// admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database.
    #[arg(long, global = true)]
    pub demo: bool,
}

impl GlobalArgs {
    /// The state database named by `--db`, else by `OPSGATE_DB`.
    pub fn db_url(&self) -> Option<String> {
        self.db.clone().or_else(|| context::env_nonempty("OPSGATE_DB"))
    }

    /// Whether an existing database is named (by flag or environment), so
    /// that a command that needs none still sees that database's packs. A
    /// SQLite path that does not exist is not opened: that would create it.
    pub fn names_a_database(&self) -> bool {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let existing = self.db_url().is_some_and(|url| match crate::store::DbLocation::parse(&url) {
            Ok(crate::store::DbLocation::Sqlite(path)) => path.exists(),
            _ => true,
        });
        self.demo
            || existing
            || self.target.is_some()
            || self.binding.is_some()
            || ["OPSGATE_TARGET", "OPSGATE_BINDING"].into_iter().any(set)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a question from the data and runbooks; never writes
    Ask(ask::AskArgs),
    /// Turn a request into a stored plan of guarded actions (writes nothing)
    Plan(plan::PlanArgs),
    /// Simulate a plan: run its SQL in a transaction that is rolled back
    #[command(name = "dry-run")]
    DryRun(dry_run::DryRunArgs),
    /// Execute a planned action after confirmation, a token or approvals
    Execute(execute::ExecuteArgs),
    /// Review and sign pending actions that need a second person
    Approve(approve::ApproveArgs),
    /// Reject a pending action
    Reject(reject::RejectArgs),
    /// My plans and actions with their status (everyone's with ops.audit.view)
    History(history::HistoryArgs),
    /// Show a stored plan or action
    Show(show::ShowArgs),
    /// List the action catalog, or show one action with its schema
    Actions(actions::ActionsArgs),
    /// Seed the database (RBAC roles, permissions, default alert rules and config)
    Seed(seed::SeedArgs),
    /// Query, verify, checkpoint, prove and export the hash-chained audit log
    Audit(audit::AuditArgs),
    /// Validate and run YAML playbooks (suggest-only unless explicitly allowed)
    Playbook(playbook::PlaybookArgs),
    /// Validate, add, list, show and remove packs: a team's HTTP APIs as actions
    Pack(pack::PackArgs),
    /// Apply, show and test the policy rules that tighten what the guard allows
    Policy(policy::PolicyArgs),
    /// Manage staff members, their roles and keys
    Staff(staff::StaffArgs),
    /// Manage registered AI agents (tier, rate limit, token budget)
    Agent(agent::AgentArgs),
    /// Execute approved actions queued for background execution
    Worker(worker::WorkerArgs),
    /// Serve opsgate to people and programs over HTTPS, every request signed (team mode)
    Serve(serve::ServeArgs),
    /// Index and search runbooks
    Docs(docs::DocsArgs),
    /// Evaluate alert rules
    Alerts(alerts::AlertsArgs),
    /// Serve opsgate's guarded actions to AI clients over MCP (stdio)
    Mcp(mcp::McpArgs),
    /// Check the back office against the pack's tables and columns; write a starting binding
    Target(target::TargetArgs),
    /// Manage the demo database
    Demo(demo::DemoArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}

impl Cli {
    /// Runs the parsed command. Commands that need no database return before
    /// one is opened.
    pub async fn run(self) -> Result<ExitCode> {
        let Cli { global, command } = self;
        match command {
            Command::Completions(args) => return args.run(),
            Command::Demo(args) => return args.run(&global).await,
            Command::Actions(args) if !args.needs_store(&global) => return args.run(&global).await,
            Command::Playbook(args) if !args.needs_store(&global) => return args.validate(&global),
            Command::Pack(args) if !args.needs_store() => return args.validate(global.output),
            _ => {}
        }
        let server =
            global.server.clone().or_else(|| std::env::var("OPSGATE_SERVER").ok().filter(|s| !s.is_empty()));
        if let Some(server) = server
            && !matches!(command, Command::Serve(_))
        {
            return remote::run(&global, &server, command).await;
        }
        let ctx = Context::open(&global).await?;
        let result = command.run_in(&ctx).await;
        ctx.finish().await;
        result
    }
}

impl Command {
    /// Runs a database-backed command in `ctx` (a command line's, or a server's for one request).
    pub async fn run_in(self, ctx: &Context) -> Result<ExitCode> {
        let command = self;
        match command {
            Command::Seed(args) => args.run(ctx).await,
            Command::Audit(args) => args.run(ctx).await,
            Command::Staff(args) => args.run(ctx).await,
            Command::Plan(args) => args.run(ctx).await,
            Command::DryRun(args) => args.run(ctx).await,
            Command::Execute(args) => args.run(ctx).await,
            Command::Show(args) => args.run(ctx).await,
            Command::History(args) => args.run(ctx).await,
            Command::Approve(args) => args.run(ctx).await,
            Command::Reject(args) => args.run(ctx).await,
            Command::Worker(args) => args.run(ctx).await,
            Command::Serve(args) => args.run(ctx).await,
            Command::Ask(args) => args.run(ctx).await,
            Command::Docs(args) => args.run(ctx).await,
            Command::Alerts(args) => args.run(ctx).await,
            Command::Playbook(args) => args.run(ctx).await,
            Command::Agent(args) => args.run(ctx).await,
            Command::Policy(args) => args.run(ctx).await,
            Command::Pack(args) => args.run(ctx).await,
            Command::Actions(args) => args.run_listing(ctx).await,
            Command::Target(args) => args.run(ctx).await,
            Command::Mcp(args) => args.run(ctx).await,
            Command::Completions(_) | Command::Demo(_) => {
                Err(crate::Error::Usage("this command does not run against a database".into()))
            }
        }
    }
}

/// The clap command, for completions, man pages and tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Reports a command-line parsing error: clap's own message on stderr (exit 2),
/// or the JSON error envelope when `--output json` was asked for. `--help` and
/// `--version` print normally and exit 0.
pub fn usage_error(error: clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = error.print();
        return ExitCode::Success.into();
    }
    // `args_os`: `args` panics on the very input that may have caused this error.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let json = wants_json(&args);
    if error.kind() == ErrorKind::InvalidUtf8 {
        let format = if json { OutputFormat::Json } else { OutputFormat::Table };
        crate::render::error(&crate::Error::Usage(not_utf8_message(&args)), format);
    } else if json {
        let message = error.kind().as_str().map(str::to_owned).unwrap_or_else(|| {
            crate::error::one_line(&error.to_string()).trim_start_matches("error: ").to_owned()
        });
        let message = crate::error::one_line(&error.to_string())
            .trim_start_matches("error: ")
            .split(" Usage:")
            .next()
            .map(str::to_owned)
            .unwrap_or(message);
        crate::render::error(&crate::Error::Usage(message), OutputFormat::Json);
    } else {
        let _ = error.print();
    }
    ExitCode::Usage.into()
}

fn wants_json(args: &[OsString]) -> bool {
    args.windows(2).any(|w| (w[0] == "--output" || w[0] == "-o") && w[1] == "json")
        || args.iter().any(|a| a == "--output=json" || a == "-ojson")
}

/// Names the first argument that is not UTF-8, its bad bytes escaped (`"ab\xFF"`).
fn not_utf8_message(args: &[OsString]) -> String {
    match args.iter().find(|arg| arg.to_str().is_none()) {
        Some(arg) => format!("argument {arg:?} is not valid UTF-8; opsgate reads only UTF-8 arguments"),
        None => "an argument is not valid UTF-8; opsgate reads only UTF-8 arguments".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_wanted_in_every_spelling() {
        for args in [&["-o", "json"][..], &["--output", "json"], &["--output=json"], &["-ojson"]] {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            assert!(wants_json(&args), "{args:?}");
        }
        assert!(!wants_json(&[OsString::from("-o"), OsString::from("yaml")]));
    }

    #[cfg(unix)]
    #[test]
    fn a_non_utf8_argument_is_named_with_its_bytes_escaped() {
        use std::os::unix::ffi::OsStringExt;
        let args = [OsString::from("plan"), OsString::from_vec(b"refund \xff".to_vec())];
        assert_eq!(
            not_utf8_message(&args),
            "argument \"refund \\xFF\" is not valid UTF-8; opsgate reads only UTF-8 arguments"
        );
    }
}
