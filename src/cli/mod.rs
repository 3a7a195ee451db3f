//! The command-line edge: clap definitions, one module per subcommand, and the
//! dispatch that opens only what a command needs. Subcommands parse, call the
//! library, and render; they hold no SQL and no policy.

mod actions;
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
mod execute;
pub mod generated;
mod history;
mod mcp;
mod plan;
mod planner_args;
mod playbook;
mod reject;
mod seed;
mod show;
mod staff;
mod totp_prompt;
mod worker;

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
    /// Database: a SQLite path or sqlite://PATH, or postgres://… [env: OPSGATE_DB]
    /// [default: opsgate.db in the data directory]
    #[arg(long, global = true, value_name = "URL")]
    pub db: Option<String>,

    /// Act as this staff member (e-mail) [env: OPSGATE_USER]
    #[arg(long = "as", global = true, value_name = "EMAIL")]
    pub as_user: Option<String>,

    /// Output format
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Use the throwaway demo database (created with demo data when missing); acts as
    /// admin@example.com unless --as says otherwise. Never touches a real database.
    #[arg(long, global = true)]
    pub demo: bool,
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
    /// Query and verify the hash-chained audit log
    Audit(audit::AuditArgs),
    /// Validate and run YAML playbooks (suggest-only unless explicitly allowed)
    Playbook(playbook::PlaybookArgs),
    /// Manage staff members, their roles and keys
    Staff(staff::StaffArgs),
    /// Manage registered AI agents (tier, rate limit, token budget)
    Agent(agent::AgentArgs),
    /// Execute approved actions queued for background execution
    Worker(worker::WorkerArgs),
    /// Index and search runbooks
    Docs(docs::DocsArgs),
    /// Evaluate alert rules
    Alerts(alerts::AlertsArgs),
    /// Serve opsgate's guarded actions to AI clients over MCP (stdio)
    Mcp(mcp::McpArgs),
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
            Command::Actions(args) if !args.needs_store() => return args.run(&global, None).await,
            Command::Playbook(args) if !args.needs_store() => return args.validate(&global),
            Command::Mcp(_) => return Err(crate::Error::NotAvailable("mcp")),
            _ => {}
        }
        let ctx = Context::open(&global).await?;
        let result = match command {
            Command::Seed(args) => args.run(&ctx).await,
            Command::Audit(args) => args.run(&ctx).await,
            Command::Staff(args) => args.run(&ctx).await,
            Command::Plan(args) => args.run(&ctx).await,
            Command::DryRun(args) => args.run(&ctx).await,
            Command::Execute(args) => args.run(&ctx).await,
            Command::Show(args) => args.run(&ctx).await,
            Command::History(args) => args.run(&ctx).await,
            Command::Actions(args) => args.run(&global, Some(&ctx)).await,
            Command::Approve(args) => args.run(&ctx).await,
            Command::Reject(args) => args.run(&ctx).await,
            Command::Worker(args) => args.run(&ctx).await,
            Command::Ask(args) => args.run(&ctx).await,
            Command::Docs(args) => args.run(&ctx).await,
            Command::Alerts(args) => args.run(&ctx).await,
            Command::Playbook(args) => args.run(&ctx).await,
            Command::Agent(args) => args.run(&ctx).await,
            _ => unreachable!("commands without a database returned above"),
        };
        ctx.finish().await;
        result
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
    if wants_json(std::env::args().skip(1)) {
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

fn wants_json(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.windows(2).any(|w| (w[0] == "--output" || w[0] == "-o") && w[1] == "json")
        || args.iter().any(|a| a == "--output=json" || a == "-ojson")
}
