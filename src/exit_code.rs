//! The documented process exit codes, in one typed place.

/// How an opsgate run ended, as the shell sees it (DESIGN.md, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitCode {
    /// 0: done.
    Success,
    /// 1: an error (database, I/O, a broken audit chain, a missing row…).
    Error,
    /// 2: the command line was wrong.
    Usage,
    /// 3: denied by policy.
    Denied,
    /// 4: needs confirmation or approval; nothing was written.
    NeedsConfirmation,
    /// 5: a token or signature was invalid, expired or already used.
    TokenInvalid,
    /// 6: a rate limit or budget was exceeded.
    RateLimited,
    /// 7: the prompt could not be turned into a plan.
    Unplannable,
}

impl ExitCode {
    /// The numeric code the process exits with.
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Error => 1,
            ExitCode::Usage => 2,
            ExitCode::Denied => 3,
            ExitCode::NeedsConfirmation => 4,
            ExitCode::TokenInvalid => 5,
            ExitCode::RateLimited => 6,
            ExitCode::Unplannable => 7,
        }
    }
}

impl ExitCode {
    /// The exit code with this number (a server's `Opsgate-Exit-Code`); unknown numbers are errors.
    pub fn from_code(code: u8) -> ExitCode {
        [
            ExitCode::Success,
            ExitCode::Error,
            ExitCode::Usage,
            ExitCode::Denied,
            ExitCode::NeedsConfirmation,
            ExitCode::TokenInvalid,
            ExitCode::RateLimited,
            ExitCode::Unplannable,
        ]
        .into_iter()
        .find(|exit| exit.code() == code)
        .unwrap_or(ExitCode::Error)
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode;

    #[test]
    fn codes_match_the_design_contract() {
        let all = [
            (ExitCode::Success, 0),
            (ExitCode::Error, 1),
            (ExitCode::Usage, 2),
            (ExitCode::Denied, 3),
            (ExitCode::NeedsConfirmation, 4),
            (ExitCode::TokenInvalid, 5),
            (ExitCode::RateLimited, 6),
            (ExitCode::Unplannable, 7),
        ];
        for (exit, code) in all {
            assert_eq!(exit.code(), code, "{exit:?}");
        }
    }
}
