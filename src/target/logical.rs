//! The back office the built-in pack is written against: its logical tables
//! and columns, with the kind of value each holds. A binding maps them to a
//! team's names; `target check` compares them with the live schema.
//! (The same tables the bundled back office creates; a test keeps the two in step.)

/// What a column holds, as far as the pack relies on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Real,
    Text,
    /// An instant (stored as a timestamp, or RFC 3339 text on SQLite).
    Time,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::Real => "real",
            Kind::Text => "text",
            Kind::Time => "time",
        }
    }
}

pub struct LogicalTable {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
}

impl LogicalTable {
    pub fn kind(&self, column: &str) -> Option<Kind> {
        self.columns.iter().find(|(name, _)| *name == column).map(|(_, kind)| *kind)
    }
}

/// The logical table called `name`.
pub fn table(name: &str) -> Option<&'static LogicalTable> {
    TABLES.iter().find(|table| table.name == name)
}

use Kind::{Integer, Real, Text, Time};

pub static TABLES: &[LogicalTable] = &[
    LogicalTable {
        name: "roles",
        columns: &[
            ("id", Integer),
            ("name", Text),
            ("level", Integer),
            ("description", Text),
            ("created_at", Time),
        ],
    },
    LogicalTable {
        name: "permissions",
        columns: &[
            ("id", Integer),
            ("name", Text),
            ("module", Text),
            ("description", Text),
            ("created_at", Time),
        ],
    },
    LogicalTable { name: "role_permissions", columns: &[("role_id", Integer), ("permission_id", Integer)] },
    LogicalTable {
        name: "staff",
        columns: &[
            ("id", Integer),
            ("email", Text),
            ("name", Text),
            ("role_id", Integer),
            ("status", Text),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    LogicalTable {
        name: "staff_sessions",
        columns: &[
            ("id", Integer),
            ("staff_id", Integer),
            ("client", Text),
            ("started_at", Time),
            ("ended_at", Time),
        ],
    },
    LogicalTable {
        name: "staff_activity_log",
        columns: &[
            ("id", Integer),
            ("staff_id", Integer),
            ("activity", Text),
            ("details", Text),
            ("created_at", Time),
        ],
    },
    LogicalTable {
        name: "users",
        columns: &[
            ("id", Integer),
            ("name", Text),
            ("email", Text),
            ("phone", Text),
            ("status", Text),
            ("wallet_balance_cents", Integer),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    LogicalTable {
        name: "providers",
        columns: &[
            ("id", Integer),
            ("name", Text),
            ("email", Text),
            ("phone", Text),
            ("category", Text),
            ("city", Text),
            ("status", Text),
            ("rating", Real),
            ("created_at", Time),
            ("updated_at", Time),
            ("approved_at", Time),
        ],
    },
    LogicalTable {
        name: "bookings",
        columns: &[
            ("id", Integer),
            ("user_id", Integer),
            ("provider_id", Integer),
            ("service", Text),
            ("status", Text),
            ("scheduled_at", Time),
            ("amount_cents", Integer),
            ("currency", Text),
            ("payment_status", Text),
            ("refunded_cents", Integer),
            ("cancel_reason", Text),
            ("created_at", Time),
            ("updated_at", Time),
            ("cancelled_at", Time),
            ("settled_at", Time),
        ],
    },
    LogicalTable {
        name: "complaints",
        columns: &[
            ("id", Integer),
            ("user_id", Integer),
            ("booking_id", Integer),
            ("category", Text),
            ("subject", Text),
            ("message", Text),
            ("priority", Text),
            ("status", Text),
            ("assigned_to", Integer),
            ("resolution", Text),
            ("created_at", Time),
            ("updated_at", Time),
            ("first_response_at", Time),
            ("escalated_at", Time),
            ("resolved_at", Time),
        ],
    },
    LogicalTable {
        name: "priority_queue",
        columns: &[
            ("id", Integer),
            ("item_type", Text),
            ("item_id", Integer),
            ("user_id", Integer),
            ("summary", Text),
            ("intent_confidence", Real),
            ("sentiment_urgency", Real),
            ("time_decay", Real),
            ("user_history_factor", Real),
            ("score", Real),
            ("status", Text),
            ("assigned_to", Integer),
            ("reviewed_by", Integer),
            ("reviewed_at", Time),
            ("notes", Text),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    LogicalTable {
        name: "alert_rules",
        columns: &[
            ("id", Integer),
            ("name", Text),
            ("description", Text),
            ("condition", Text),
            ("threshold", Real),
            ("severity", Text),
            ("enabled", Integer),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    LogicalTable {
        name: "alert_subscriptions",
        columns: &[
            ("id", Integer),
            ("rule_id", Integer),
            ("staff_id", Integer),
            ("role_id", Integer),
            ("channel", Text),
            ("created_at", Time),
        ],
    },
    LogicalTable {
        name: "alerts",
        columns: &[
            ("id", Integer),
            ("rule_id", Integer),
            ("severity", Text),
            ("title", Text),
            ("message", Text),
            ("entity_type", Text),
            ("entity_id", Integer),
            ("dedup_key", Text),
            ("status", Text),
            ("assigned_to", Integer),
            ("created_at", Time),
            ("resolved_at", Time),
        ],
    },
    LogicalTable {
        name: "ops_config",
        columns: &[
            ("key", Text),
            ("value", Text),
            ("description", Text),
            ("updated_at", Time),
            ("updated_by", Integer),
        ],
    },
    LogicalTable {
        name: "ops_audit_log",
        columns: &[
            ("id", Integer),
            ("staff_id", Integer),
            ("action", Text),
            ("entity_type", Text),
            ("entity_id", Integer),
            ("details", Text),
            ("created_at", Time),
        ],
    },
];
