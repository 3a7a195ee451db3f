//! What one MCP session may do, by its agent's tier: the session budgets the
//! guard counts (in the database, so they hold across processes) and the
//! mode. A person who connects without an agent gets the standard limits.

use crate::agents::Tier;
use crate::session::{Constraints, Mode};

/// One tier's limits for a single MCP session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    /// `read-only`, `standard` or `elevated`.
    pub name: &'static str,
    pub mode: Mode,
    pub tool_calls: i64,
    pub mutations: i64,
}

pub const READ_ONLY: SessionLimits =
    SessionLimits { name: "read-only", mode: Mode::ReadOnly, tool_calls: 100, mutations: 0 };
pub const STANDARD: SessionLimits =
    SessionLimits { name: "standard", mode: Mode::Suggest, tool_calls: 50, mutations: 10 };
pub const ELEVATED: SessionLimits =
    SessionLimits { name: "elevated", mode: Mode::Suggest, tool_calls: 100, mutations: 25 };

impl SessionLimits {
    /// The limits of an agent's tier (`None`: a person without an agent).
    pub fn for_tier(tier: Option<Tier>) -> SessionLimits {
        match tier {
            Some(Tier::Read) => READ_ONLY,
            Some(Tier::Suggest) | None => STANDARD,
            Some(Tier::Write) => ELEVATED,
        }
    }

    /// The session constraints these limits stand for. Writes are never
    /// executed through MCP whatever the tier: they are stored as pending
    /// actions (mode suggest at most).
    pub fn constraints(&self) -> Constraints {
        Constraints {
            mode: self.mode,
            max_tool_calls: Some(self.tool_calls),
            max_mutations: Some(self.mutations),
            ..Constraints::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_map_to_the_documented_budgets() {
        assert_eq!(SessionLimits::for_tier(Some(Tier::Read)), READ_ONLY);
        assert_eq!(SessionLimits::for_tier(Some(Tier::Suggest)), STANDARD);
        assert_eq!(SessionLimits::for_tier(Some(Tier::Write)), ELEVATED);
        assert_eq!(SessionLimits::for_tier(None), STANDARD);
        let read_only = READ_ONLY.constraints();
        assert_eq!(
            (read_only.mode, read_only.max_tool_calls, read_only.max_mutations),
            (Mode::ReadOnly, Some(100), Some(0))
        );
        assert_eq!(ELEVATED.constraints().max_mutations, Some(25));
        assert!(ELEVATED.constraints().mode < Mode::DryRun);
    }
}
