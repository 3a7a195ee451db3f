//! The library's one error type. Each variant knows its exit code and its stable JSON code.

use std::path::PathBuf;

use crate::exit_code::ExitCode;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong inside opsgate. Messages are one line, lowercase,
/// and say what to do next where there is something to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    Denied(String),

    #[error("{0}")]
    NeedsConfirmation(String),

    #[error("{0}")]
    TokenInvalid(String),

    /// A team-mode request whose signature, key or freshness does not hold.
    #[error("{0}")]
    Unauthenticated(String),

    #[error("{0}")]
    RateLimited(String),

    #[error("{0}")]
    Unplannable(String),

    #[error("`opsgate {0}` is not available yet")]
    NotAvailable(&'static str),

    /// A seed or other input file that does not parse or does not make sense.
    #[error("{}{}: {message}", path.display(), location.map(|(line, column)| format!(":{line}:{column}")).unwrap_or_default())]
    InvalidFile { path: PathBuf, location: Option<(u64, u64)>, message: String },

    #[error("{0}")]
    Config(String),

    /// A request was sent to a team's API and no answer says whether it was
    /// applied: the action is flagged for a person and never re-sent.
    #[error("{0}")]
    OutcomeUnknown(String),

    /// The thing is not in a state that allows this (already executed, changed since planned…).
    #[error("{0}")]
    Conflict(String),

    /// A dry-run found that a step would fail (its simulation was rolled back
    /// with the rest). Names the first such step; `later` counts the others.
    #[error("{step} ({action}) would fail{}: {source}", would_fail_too(*later))]
    WouldFail { step: String, action: String, later: usize, source: Box<Error> },

    /// The audit chain does not verify; names the first broken entry.
    #[error("{0}")]
    AuditBroken(String),

    /// An audit entry could not be written; the operation it records did not happen.
    #[error("audit log write failed, nothing was done: {0}")]
    AuditWrite(String),

    #[error("database error: {0}")]
    Database(String),

    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },

    /// A model provider could not be reached or answered with an error.
    #[error("{0}")]
    Provider(String),

    #[error("{0}")]
    Internal(String),

    /// An error a server answered with, as its envelope named it.
    #[error("{message}")]
    Remote { code: &'static str, message: String },
}

/// Every stable error code and its exit code: the one table the JSON envelope,
/// the HTTP statuses and the team-mode client read.
const CODES: &[(&str, ExitCode)] = &[
    ("usage", ExitCode::Usage),
    ("not_found", ExitCode::Error),
    ("denied", ExitCode::Denied),
    ("needs_confirmation", ExitCode::NeedsConfirmation),
    ("token_invalid", ExitCode::TokenInvalid),
    ("unauthenticated", ExitCode::TokenInvalid),
    ("rate_limited", ExitCode::RateLimited),
    ("unplannable", ExitCode::Unplannable),
    ("not_available", ExitCode::Error),
    ("invalid_file", ExitCode::Error),
    ("config", ExitCode::Error),
    ("conflict", ExitCode::Error),
    ("audit_broken", ExitCode::Error),
    ("audit_write_failed", ExitCode::Error),
    ("database", ExitCode::Error),
    ("io", ExitCode::Error),
    ("provider", ExitCode::Error),
    ("internal", ExitCode::Error),
];

impl Error {
    /// The exit code this error ends the process with.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage(_) => ExitCode::Usage,
            Error::Denied(_) => ExitCode::Denied,
            Error::NeedsConfirmation(_) => ExitCode::NeedsConfirmation,
            Error::TokenInvalid(_) | Error::Unauthenticated(_) => ExitCode::TokenInvalid,
            Error::RateLimited(_) => ExitCode::RateLimited,
            Error::Remote { code, .. } => exit_code_of(code),
            Error::Unplannable(_) => ExitCode::Unplannable,
            Error::NotFound(_)
            | Error::NotAvailable(_)
            | Error::InvalidFile { .. }
            | Error::Config(_)
            | Error::OutcomeUnknown(_)
            | Error::Conflict(_)
            | Error::WouldFail { .. }
            | Error::AuditBroken(_)
            | Error::AuditWrite(_)
            | Error::Database(_)
            | Error::Io { .. }
            | Error::Provider(_)
            | Error::Internal(_) => ExitCode::Error,
        }
    }

    /// The stable machine-readable code used in the JSON error envelope.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::NotFound(_) => "not_found",
            Error::Denied(_) => "denied",
            Error::NeedsConfirmation(_) => "needs_confirmation",
            Error::TokenInvalid(_) => "token_invalid",
            Error::Unauthenticated(_) => "unauthenticated",
            Error::Remote { code, .. } => code,
            Error::RateLimited(_) => "rate_limited",
            Error::Unplannable(_) => "unplannable",
            Error::NotAvailable(_) => "not_available",
            Error::InvalidFile { .. } => "invalid_file",
            Error::Config(_) => "config",
            Error::OutcomeUnknown(_) => "outcome_unknown",
            Error::Conflict(_) => "conflict",
            // What kind of wrong the step would meet (a conflict, a database error).
            Error::WouldFail { source, .. } => source.code(),
            Error::AuditBroken(_) => "audit_broken",
            Error::AuditWrite(_) => "audit_write_failed",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::Provider(_) => "provider",
            Error::Internal(_) => "internal",
        }
    }

    /// The error a server's envelope describes; an unknown code is an internal error.
    pub fn remote(code: &str, message: impl Into<String>) -> Self {
        let code = CODES.iter().map(|(known, _)| *known).find(|known| *known == code).unwrap_or("internal");
        Error::Remote { code, message: message.into() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

fn exit_code_of(code: &str) -> ExitCode {
    CODES.iter().find(|(known, _)| *known == code).map(|(_, exit)| *exit).unwrap_or(ExitCode::Error)
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => Error::NotFound("no such row".into()),
            sqlx::Error::PoolTimedOut => {
                Error::Database("timed out waiting for a database connection".into())
            }
            sqlx::Error::Database(db) => Error::Database(one_line(db.message())),
            other => Error::Database(one_line(&other.to_string())),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Error::Database(format!("migration failed: {}", one_line(&error.to_string())))
    }
}

fn would_fail_too(later: usize) -> String {
    match later {
        0 => String::new(),
        1 => " (and 1 later step would too)".into(),
        n => format!(" (and {n} later steps would too)"),
    }
}

/// Collapses a multi-line message (database drivers love those) into one line.
pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_maps_to_its_documented_exit_code() {
        assert_eq!(Error::Usage("x".into()).exit_code().code(), 2);
        assert_eq!(Error::Denied("x".into()).exit_code().code(), 3);
        assert_eq!(Error::NeedsConfirmation("x".into()).exit_code().code(), 4);
        assert_eq!(Error::TokenInvalid("x".into()).exit_code().code(), 5);
        assert_eq!(Error::RateLimited("x".into()).exit_code().code(), 6);
        assert_eq!(Error::Unplannable("x".into()).exit_code().code(), 7);
        assert_eq!(Error::NotAvailable("mcp").exit_code().code(), 1);
        assert_eq!(Error::AuditBroken("x".into()).exit_code().code(), 1);
    }

    #[test]
    fn an_error_crossing_the_wire_keeps_its_code_and_exit_code() {
        let local = [
            Error::Usage("x".into()),
            Error::NotFound("x".into()),
            Error::Denied("x".into()),
            Error::NeedsConfirmation("x".into()),
            Error::TokenInvalid("x".into()),
            Error::Unauthenticated("x".into()),
            Error::RateLimited("x".into()),
            Error::Unplannable("x".into()),
            Error::NotAvailable("mcp"),
            Error::Config("x".into()),
            Error::Conflict("x".into()),
            Error::AuditBroken("x".into()),
            Error::Database("x".into()),
            Error::Provider("x".into()),
            Error::Internal("x".into()),
        ];
        for error in local {
            let remote = Error::remote(error.code(), error.to_string());
            assert_eq!((remote.code(), remote.exit_code()), (error.code(), error.exit_code()), "{error:?}");
        }
        assert_eq!(Error::remote("no such code", "x").code(), "internal");
    }

    #[test]
    fn a_failing_dry_run_exits_1_with_the_kind_of_its_cause() {
        let error = Error::WouldFail {
            step: "a2".into(),
            action: "bookings.reschedule".into(),
            later: 1,
            source: Box::new(Error::Conflict("booking 8 is cancelled".into())),
        };
        assert_eq!(error.exit_code().code(), 1);
        assert_eq!(error.code(), "conflict");
        assert_eq!(
            error.to_string(),
            "a2 (bookings.reschedule) would fail (and 1 later step would too): booking 8 is cancelled"
        );
    }

    #[test]
    fn invalid_file_names_file_and_line() {
        let error = Error::InvalidFile {
            path: "seeds/rbac.yaml".into(),
            location: Some((12, 7)),
            message: "unknown permission `bookings.fly`".into(),
        };
        assert_eq!(error.to_string(), "seeds/rbac.yaml:12:7: unknown permission `bookings.fly`");
    }

    #[test]
    fn driver_messages_become_one_line() {
        assert_eq!(one_line("a\n  b\tc"), "a b c");
    }
}
