//! The surfaces a session comes through. Recorded with every plan, step and
//! audit entry, and visible to policy rules as `surface`.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Surface {
    Cli,
    Playbook,
    Ask,
    /// A model's agentic loop inside `ask`.
    Model,
    Worker,
    Mcp,
    Http,
}

impl Surface {
    pub const ALL: [Surface; 7] = [
        Surface::Cli,
        Surface::Playbook,
        Surface::Ask,
        Surface::Model,
        Surface::Worker,
        Surface::Mcp,
        Surface::Http,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Surface::Cli => "cli",
            Surface::Playbook => "playbook",
            Surface::Ask => "ask",
            Surface::Model => "model",
            Surface::Worker => "worker",
            Surface::Mcp => "mcp",
            Surface::Http => "http",
        }
    }

    pub fn parse(text: &str) -> Option<Surface> {
        Surface::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl std::fmt::Display for Surface {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
