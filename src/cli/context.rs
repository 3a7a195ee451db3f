//! What a database-backed command runs with: the store, who is acting, the output format.

use crate::audit::Actor;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::keys::KeyDir;
use crate::paths::Paths;
use crate::render::OutputFormat;
use crate::store::{DbLocation, Store};

use super::GlobalArgs;

/// The acting person for `--demo` when neither `--as` nor `OPSGATE_USER` names one.
pub const DEMO_USER: &str = "admin@example.com";

pub struct Context {
    pub store: Store,
    pub paths: Paths,
    pub output: OutputFormat,
    pub demo: bool,
    /// Who the command acts as, when anyone: `--as`, then `OPSGATE_USER` (or the demo admin).
    pub as_user: Option<String>,
    pub location: DbLocation,
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
            let url = global.db.clone().or_else(|| env_nonempty("OPSGATE_DB"));
            let location = match url {
                Some(url) => DbLocation::parse(&url)?,
                None => DbLocation::Sqlite(paths.default_db()),
            };
            (location, global.as_user.clone().or_else(|| env_nonempty("OPSGATE_USER")))
        };
        let store = Store::open(&location).await?;
        Ok(Context { store, paths, output: global.output, demo: global.demo, as_user, location })
    }

    /// Ends the run. PostgreSQL connections are closed politely. SQLite's are
    /// left to the process exit: committed transactions are already in the WAL,
    /// and a close would checkpoint it (two fsyncs) on every command. A WAL that
    /// has grown past a threshold is folded back now, though: the next process
    /// to open the database reads all of it to rebuild its index.
    pub async fn finish(&self) {
        match (&self.store, &self.location) {
            (Store::Postgres(_), _) => self.store.close().await,
            (Store::Sqlite(_), DbLocation::Sqlite(path)) => self.store.shrink_wal(path).await,
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
        let person = self.store.staff_by_email(email).await?.ok_or_else(|| {
            Error::Denied(format!(
                "{email} is not a staff member; ask an admin to run `opsgate staff add {email}`"
            ))
        })?;
        if !person.is_active() {
            return Err(Error::Denied(format!("{email} is deactivated")));
        }
        Ok(person)
    }

    /// The audit actor for this run: the acting person, or the system (the OS user).
    pub fn actor(&self, person: Option<&StaffMember>) -> Actor {
        match person {
            Some(person) => Actor::person(&person.email),
            None => Actor::system(),
        }
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
