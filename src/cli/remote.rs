//! The command line in team mode (`--server URL`): each data command becomes
//! a signed request, and the server's answer is printed and exited with as
//! the same command would locally. Only what needs the person's own machine
//! happens here: their key signs, their terminal confirms.

use serde_json::Value;

use super::{Command, GlobalArgs};
use crate::confirm::is_interactive;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::keys::KeyDir;
use crate::paths::Paths;
use crate::remote::{Call, Remote};
use crate::render::{OutputFormat, print_stdout};

/// What a command needs in team mode: the server, and how to talk to the person.
pub struct RemoteContext {
    pub remote: Remote,
    pub output: OutputFormat,
    /// Whether the person can be asked on this terminal.
    pub interactive: bool,
}

impl RemoteContext {
    pub fn open(global: &GlobalArgs, server: &str) -> Result<RemoteContext> {
        if global.demo || global.db.is_some() {
            return Err(Error::Usage(
                "--server talks to a server, which holds the database: drop --demo and --db".into(),
            ));
        }
        let ca = super::context::env_nonempty("OPSGATE_SERVER_CA").map(std::path::PathBuf::from);
        let named = global.as_user.clone().or_else(|| super::context::env_nonempty("OPSGATE_USER"));
        // An agent signs with its own credential and names the person it acts for.
        if let Some(credential) = super::context::env_nonempty("OPSGATE_AGENT_CREDENTIAL") {
            let key = crate::agents::credentials::parse_private(&credential)?;
            let email = named.ok_or_else(|| {
                Error::Usage("an agent acts for a person: pass --as EMAIL (or set OPSGATE_USER)".into())
            })?;
            return Ok(RemoteContext {
                remote: Remote::new(server, key, email, ca.as_deref())?.as_agent(),
                output: global.output,
                interactive: false,
            });
        }
        let paths = Paths::from_env()?;
        let keys = KeyDir::new(paths.key_dir());
        let email = match named {
            Some(email) => email,
            None => match keys.emails().as_slice() {
                [only] => only.clone(),
                [] => {
                    return Err(Error::Usage(format!(
                        "no private key in {}: register one with `opsgate --server {server} staff keygen --code …`",
                        keys.dir().display()
                    )));
                }
                several => {
                    return Err(Error::Usage(format!(
                        "several keys in {} ({}): pass --as EMAIL to choose which one signs",
                        keys.dir().display(),
                        several.join(", ")
                    )));
                }
            },
        };
        if !keys.path_for(&email)?.exists() {
            return Err(Error::Unauthenticated(format!(
                "no private key for {email} in {}: every request to a server is signed with your own key; register one with `opsgate --server {server} --as {email} staff keygen --code CODE` (the code from `staff invite`)",
                keys.dir().display()
            )));
        }
        let key = keys.read(&email)?;
        Ok(RemoteContext {
            remote: Remote::new(server, key, email, ca.as_deref())?,
            output: global.output,
            interactive: is_interactive() && global.output != OutputFormat::Json,
        })
    }

    /// A context signing with `key` for `email` (a key just generated, for its enrolment).
    pub fn with_key(
        global: &GlobalArgs,
        server: &str,
        key: crate::keys::KeyPair,
        email: String,
    ) -> Result<RemoteContext> {
        let ca = super::context::env_nonempty("OPSGATE_SERVER_CA").map(std::path::PathBuf::from);
        Ok(RemoteContext {
            remote: Remote::new(server, key, email, ca.as_deref())?,
            output: global.output,
            interactive: is_interactive() && global.output != OutputFormat::Json,
        })
    }

    /// Sends `call` and prints what the server answered, as locally.
    pub async fn print(&self, call: &Call) -> Result<ExitCode> {
        let answer = self.remote.send(call, self.output).await?;
        if !answer.output.is_empty() {
            print_stdout(&answer.output)?;
        }
        for note in &answer.notes {
            eprintln!("{}", crate::sanitize::one_line(note));
        }
        answer.result
    }

    /// Sends `call` for a JSON document this client reads itself.
    pub async fn document(&self, call: &Call) -> Result<Value> {
        self.remote.send(call, OutputFormat::Json).await?.document()
    }
}

/// Runs `command` against the server.
pub async fn run(global: &GlobalArgs, server: &str, command: Command) -> Result<ExitCode> {
    let not_served = |what: &str| {
        Err(Error::Usage(format!("`opsgate {what}` runs where the database is, not against --server")))
    };
    // Opened per command: enrolling has no registered key to open it with yet.
    let open = || RemoteContext::open(global, server);
    match command {
        Command::Plan(args) => open()?.print(&args.remote_call()).await,
        Command::DryRun(args) => open()?.print(&args.remote_call()).await,
        Command::Show(args) => open()?.print(&args.remote_call()?).await,
        Command::History(args) => open()?.print(&args.remote_call()).await,
        Command::Audit(args) => open()?.print(&args.remote_call()?).await,
        Command::Ask(args) => open()?.print(&args.remote_call()).await,
        Command::Actions(args) => open()?.print(&args.remote_call()).await,
        Command::Execute(args) => args.run_remote(&open()?).await,
        Command::Approve(args) => args.run_remote(&open()?).await,
        Command::Reject(args) => args.run_remote(&open()?).await,
        Command::Staff(args) => args.run_remote(global, server).await,
        Command::Agent(args) => open()?.print(&args.remote_call()).await,
        Command::Policy(args) => open()?.print(&args.remote_call()?).await,
        Command::Seed(_) => not_served("seed"),
        Command::Worker(_) => not_served("worker"),
        Command::Serve(_) => not_served("serve"),
        Command::Docs(_) => not_served("docs"),
        Command::Alerts(_) => not_served("alerts"),
        Command::Target(_) => not_served("target"),
        Command::Pack(_) => not_served("pack"),
        Command::Playbook(_) => not_served("playbook run"),
        Command::Mcp(args) => {
            if args.allow_elicited_confirm {
                return Err(Error::Usage(
                    "elicited confirmation is the server's setting: `opsgate serve --mcp-allow-elicited-confirm`".into(),
                ));
            }
            if args.agent.is_some() && super::context::env_nonempty("OPSGATE_AGENT_CREDENTIAL").is_none() {
                return Err(Error::Usage(
                    "against a server, an agent is its credential: set OPSGATE_AGENT_CREDENTIAL (and --as the person it acts for)".into(),
                ));
            }
            super::mcp_bridge::run(open()?.remote).await.map(|()| ExitCode::Success)
        }
        Command::Completions(_) | Command::Demo(_) => not_served("this command"),
    }
}

/// A decision on the statement a server sent, signed with this person's key.
pub fn signed_decision(
    rc: &RemoteContext,
    statement: &Value,
    decision: &str,
    reason: Option<&str>,
) -> Result<Value> {
    let (Some(action_id), Some(payload_hash), Some(approver)) =
        (statement["action_id"].as_i64(), statement["payload_hash"].as_str(), statement["approver"].as_str())
    else {
        return Err(Error::Internal("the server sent no statement to sign".into()));
    };
    if !approver.eq_ignore_ascii_case(&rc.remote.email) {
        return Err(Error::TokenInvalid(format!(
            "the server asks {approver} to sign, and this key is {}'s; nothing was signed",
            rc.remote.email
        )));
    }
    let signed_at = crate::time::now_micros();
    let signature = rc.remote.sign_decision(&crate::approval::SignedDecision {
        action_id,
        payload_hash,
        decision,
        approver,
        signed_at,
        reason,
    });
    Ok(serde_json::json!({
        "action_id": format!("a{action_id}"),
        "decision": decision,
        "signed_at": signed_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "signature": signature,
        "reason": reason,
    }))
}
