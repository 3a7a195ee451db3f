//! What a database-backed command runs with: the store, who is acting, the output format.

use crate::agents::Agent;
use crate::audit::Actor;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::keys::KeyDir;
use crate::paths::Paths;
use crate::pii::Audience;
use crate::render::{OutputFormat, Tabular};
use crate::sealed::Sealer;
use crate::session::{Constraints, Mode, Session, Surface, Who, lookup_person};
use crate::store::{DbLocation, Pool, Store};

use super::GlobalArgs;

/// The acting person for `--demo` when neither `--as` nor `OPSGATE_USER` names one.
pub const DEMO_USER: &str = "admin@example.com";

pub struct Context {
    pub store: Store,
    pub paths: Paths,
    pub output: OutputFormat,
    pub demo: bool,
    /// Who the command acts as, when anyone: `--as`, then `OPSGATE_USER` (or the
    /// demo admin); on a server, the owner of the key that signed the request.
    pub as_user: Option<String>,
    pub location: DbLocation,
    /// Where the command's sessions come from: the command line, or a server's API.
    pub surface: Surface,
    /// Whether a person at a terminal can be asked (never on a server).
    pub interactive: bool,
    /// On a server: the agent whose own credential signed the request; every
    /// session then goes through it.
    pub signing_agent: Option<String>,
    /// On a server: the registered key that signed a person's request.
    pub signing_key: Option<i64>,
    sink: Sink,
    /// The acting person, read once per command (a server seeds it from the request's verification).
    acting: tokio::sync::OnceCell<StaffMember>,
    audience: tokio::sync::OnceCell<Audience>,
}

/// Where a command's output goes.
enum Sink {
    Stdout,
    /// A server keeps the output to send it back as the response body.
    Captured(std::sync::Mutex<Captured>),
}

#[derive(Default)]
struct Captured {
    output: String,
    notes: Vec<String>,
}

/// The back office named by `--target` / `--binding` (or their variables),
/// when there is one other than the state database's own under its logical names.
async fn attach_target(store: Store, global: &GlobalArgs) -> Result<Store> {
    let target = global.target.clone().or_else(|| env_nonempty("OPSGATE_TARGET"));
    let binding =
        global.binding.clone().or_else(|| env_nonempty("OPSGATE_BINDING").map(std::path::PathBuf::from));
    if global.demo && (target.is_some() || binding.is_some()) {
        return Err(Error::Usage(
            "--demo acts on its own bundled back office; it takes no --target or --binding".into(),
        ));
    }
    Ok(match (target, binding) {
        (Some(url), binding) => {
            let target = crate::target::Target::connect(&url, binding.as_deref()).await?;
            store.with_target(target)
        }
        (None, Some(binding)) => {
            let binding = crate::target::Binding::load(&binding)?;
            let target = crate::target::Target::state_with_binding(store.clone(), binding)?;
            store.with_target(target)
        }
        (None, None) => store,
    })
}

impl Context {
    pub async fn open(global: &GlobalArgs) -> Result<Context> {
        let paths = Paths::from_env()?;
        let (location, as_user) = if global.demo {
            if global.db.is_some() {
                return Err(Error::Usage(
                    "--demo and --db cannot be used together: the demo never touches a real database".into(),
                ));
            }
            crate::demo::ensure(&paths).await?;
            (
                DbLocation::Sqlite(paths.demo_db()),
                global
                    .as_user
                    .clone()
                    .or_else(|| env_nonempty("OPSGATE_USER"))
                    .or(Some(DEMO_USER.to_owned())),
            )
        } else {
            let url = global.db_url();
            let location = match url {
                Some(url) => DbLocation::parse(&url)?,
                None => DbLocation::Sqlite(paths.default_db()),
            };
            (location, global.as_user.clone().or_else(|| env_nonempty("OPSGATE_USER")))
        };
        let instance_key = if global.demo { paths.demo_instance_key() } else { paths.instance_key() };
        let store = Store::open(&location).await?.with_sealer(Sealer::load_or_create(&instance_key)?);
        let store = attach_target(store, global).await?;
        Ok(Context {
            store,
            paths,
            output: global.output,
            demo: global.demo,
            as_user,
            location,
            surface: Surface::Cli,
            interactive: crate::confirm::is_interactive() && global.output != OutputFormat::Json,
            signing_agent: None,
            signing_key: None,
            sink: Sink::Stdout,
            acting: tokio::sync::OnceCell::new(),
            audience: tokio::sync::OnceCell::new(),
        })
    }

    /// A command run by a server for the person whose key signed the request:
    /// nobody to ask, the output kept for the response.
    pub fn for_request(
        server: &crate::server::Served,
        output: OutputFormat,
        caller: &crate::server::Caller,
    ) -> Context {
        Context {
            store: server.store.clone(),
            paths: server.paths.clone(),
            output,
            demo: false,
            as_user: Some(caller.person.email.clone()),
            signing_agent: caller.agent.clone(),
            signing_key: caller.key_id,
            location: server.location.clone(),
            surface: Surface::Http,
            interactive: false,
            sink: Sink::Captured(std::sync::Mutex::new(Captured::default())),
            acting: tokio::sync::OnceCell::new_with(Some(caller.person.clone())),
            audience: tokio::sync::OnceCell::new(),
        }
    }

    /// What a server-run command printed, and the notes it wrote beside it.
    pub fn take_output(&self) -> (String, Vec<String>) {
        match &self.sink {
            Sink::Stdout => (String::new(), Vec::new()),
            Sink::Captured(captured) => {
                let captured = std::mem::take(&mut *captured.lock().unwrap_or_else(|e| e.into_inner()));
                (captured.output, captured.notes)
            }
        }
    }

    /// A line for the person beside the output (stderr locally; a response header on a server).
    pub fn note(&self, text: &str) {
        match &self.sink {
            Sink::Stdout => {
                let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{text}\n").as_bytes());
            }
            Sink::Captured(captured) => {
                captured.lock().unwrap_or_else(|e| e.into_inner()).notes.push(text.to_owned());
            }
        }
    }

    /// How this command's person proves they hold a registered key: the key in
    /// their key directory, or — on a server — the key that signed the request
    /// (an agent's credential proves nothing about the person).
    pub fn key_proof(&self) -> crate::staff::KeyProof {
        match (&self.signing_agent, self.signing_key) {
            (Some(_), _) => crate::staff::KeyProof::None,
            (None, Some(key_id)) => crate::staff::KeyProof::SignedRequest { key_id },
            (None, None) if self.surface == Surface::Http => crate::staff::KeyProof::None,
            (None, None) => crate::staff::KeyProof::Local(self.key_dir()),
        }
    }

    /// Writes text (a newline added when missing) where this command's output goes.
    pub fn write(&self, text: &str) -> Result<()> {
        match &self.sink {
            Sink::Stdout => crate::render::print_stdout(text),
            Sink::Captured(captured) => {
                let output = &mut captured.lock().unwrap_or_else(|e| e.into_inner()).output;
                output.push_str(text);
                if !text.ends_with('\n') {
                    output.push('\n');
                }
                Ok(())
            }
        }
    }

    /// Whether output may be streamed to a terminal as it comes.
    pub fn streams_to_terminal(&self) -> bool {
        matches!(self.sink, Sink::Stdout)
            && self.output == OutputFormat::Table
            && std::io::IsTerminal::is_terminal(&std::io::stdout())
    }

    /// Ends the run. PostgreSQL connections are closed politely. SQLite's are
    /// left to the process exit: committed transactions are already in the WAL,
    /// and a close would checkpoint it (two fsyncs) on every command. A WAL that
    /// has grown past a threshold is folded back now, though: the next process
    /// to open the database reads all of it to rebuild its index.
    pub async fn finish(&self) {
        match (self.store.pool(), &self.location) {
            (Pool::Postgres(_), _) => self.store.close().await,
            (Pool::Sqlite(_), DbLocation::Sqlite(path)) => self.store.shrink_wal(path).await,
            _ => {}
        }
    }

    /// Where private keys of the people acting through this context live.
    pub fn key_dir(&self) -> KeyDir {
        KeyDir::new(if self.demo { self.paths.demo_key_dir() } else { self.paths.key_dir() })
    }

    /// The acting person; an error when none is named or they are not an active staff member.
    pub async fn person(&self) -> Result<StaffMember> {
        let email = self
            .as_user
            .as_deref()
            .ok_or_else(|| Error::Usage("no acting person: pass --as EMAIL or set OPSGATE_USER".into()))?;
        self.person_named(email).await
    }

    /// The acting person if one was named, else `None`.
    pub async fn maybe_person(&self) -> Result<Option<StaffMember>> {
        match &self.as_user {
            Some(email) => self.person_named(email).await.map(Some),
            None => Ok(None),
        }
    }

    async fn person_named(&self, email: &str) -> Result<StaffMember> {
        let person = self.acting.get_or_try_init(|| lookup_person(&self.store, email)).await?;
        Ok(person.clone())
    }

    /// The session of this command: the acting person (through `agent`, when
    /// one is named), on the command line, in `mode`.
    pub async fn session(&self, mode: Mode, agent: Option<&str>) -> Result<Session> {
        self.session_through(self.surface, mode, agent).await
    }

    pub async fn session_through(
        &self,
        surface: Surface,
        mode: Mode,
        agent: Option<&str>,
    ) -> Result<Session> {
        let person = self.person().await?;
        let agent = match (&self.signing_agent, agent) {
            (Some(signer), Some(named)) if named != signer => {
                return Err(Error::Denied(format!(
                    "this request is signed by agent `{signer}`; it cannot act through agent `{named}`"
                )));
            }
            (Some(signer), _) => Some(signer.as_str()),
            (None, named) => named,
        };
        let who = match agent {
            Some(name) => Who::Agent { agent: Agent::load(&self.store, name).await?, subject: person },
            None => Who::Person(person),
        };
        Ok(Session::new(self.store.clone(), self.store.catalog().await?, who, surface)
            .with_constraints(Constraints::mode(mode)))
    }

    /// Who reads this command's output: the named person (masked unless they
    /// hold full PII access), or in clear for the database owner.
    pub async fn audience(&self) -> Result<&Audience> {
        self.audience
            .get_or_try_init(|| async {
                Audience::for_reader(&self.store, self.maybe_person().await?.as_ref()).await
            })
            .await
    }

    /// Prints a value in the chosen format, masked for the command's reader.
    pub async fn show<T: Tabular>(&self, value: &T) -> Result<()> {
        self.write(&crate::render::rendered(value, self.output, self.audience().await?)?)
    }

    /// The audit actor for this run: the acting person, or the system (the OS user).
    pub fn actor(&self, person: Option<&StaffMember>) -> Actor {
        match person {
            Some(person) => Actor::person(&person.email),
            None => Actor::system(),
        }
    }
}

pub(crate) fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
