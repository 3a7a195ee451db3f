//! A session's constraints: they only ever narrow what the person (and the
//! agent's tier) allow. The guard applies them; nothing else reads them.

use crate::catalog::ActionSpec;

/// What a session may do with what it plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Mode {
    /// Reads and drafts only: writes are denied when planned.
    ReadOnly,
    /// Plan and explain; writes are stored as suggestions, never executed here.
    #[default]
    Suggest,
    /// Plan and simulate.
    DryRun,
    /// Run, after the required confirmation or approval.
    Execute,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::ReadOnly => "read-only",
            Mode::Suggest => "suggest",
            Mode::DryRun => "dry-run",
            Mode::Execute => "execute",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub mode: Mode,
    /// Action names or globs (`bookings.*`) the session may use; empty: any.
    pub allow: Vec<String>,
    /// Action names or globs the session may never use.
    pub block: Vec<String>,
    /// Guarded steps (tool calls) the session may make in all.
    pub max_tool_calls: Option<i64>,
    /// Writes the session may plan in all.
    pub max_mutations: Option<i64>,
}

impl Constraints {
    pub fn mode(mode: Mode) -> Constraints {
        Constraints { mode, ..Constraints::default() }
    }

    /// Why these constraints keep `action` out, if they do.
    pub fn excludes(&self, action: &ActionSpec) -> Option<String> {
        if self.mode == Mode::ReadOnly && action.risk.writes() {
            return Some(format!("{} changes data and this session is read-only", action.name));
        }
        if let Some(glob) = self.block.iter().find(|glob| glob_matches(glob, &action.name)) {
            return Some(format!("{} is blocked in this session (`{glob}`)", action.name));
        }
        if !self.allow.is_empty() && !self.allow.iter().any(|glob| glob_matches(glob, &action.name)) {
            return Some(format!("{} is not among the actions this session may use", action.name));
        }
        None
    }
}

/// `bookings.*` matches every `bookings.` action; `*` matches everything; other names match exactly.
pub fn glob_matches(glob: &str, name: &str) -> bool {
    match glob.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => glob == name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn constraints_only_narrow() {
        let catalog = Catalog::builtin();
        let refund = catalog.get("bookings.refund").unwrap();
        let list = catalog.get("bookings.list").unwrap();
        assert!(Constraints::default().excludes(refund).is_none());
        assert!(Constraints::mode(Mode::ReadOnly).excludes(refund).is_some());
        assert!(Constraints::mode(Mode::ReadOnly).excludes(list).is_none());
        let blocked = Constraints { block: vec!["bookings.*".into()], ..Constraints::default() };
        assert!(blocked.excludes(list).unwrap().contains("bookings.*"));
        let allowed = Constraints { allow: vec!["bookings.list".into()], ..Constraints::default() };
        assert!(allowed.excludes(list).is_none());
        assert!(allowed.excludes(refund).is_some());
    }
}
