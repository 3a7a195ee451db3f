//! The rows the demo refers to but does not create: the seeded test staff, roles and alert rules.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::store::{Tx, on_tx};

/// Staff ids of the seeded test staff (one per role, `<role>@example.com`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Staff {
    pub admin: i64,
    pub manager: i64,
    pub senior_agent: i64,
    pub agent: i64,
    pub support: i64,
    pub analyst: i64,
}

/// Ids of the four seeded alert rules.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    pub sla_breached: i64,
    pub sla_at_risk: i64,
    pub critical_complaint_opened: i64,
    pub high_workload: i64,
}

/// Role ids the demo subscribes to alerts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Roles {
    pub admin: i64,
    pub manager: i64,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Directory {
    pub staff: Staff,
    pub roles: Roles,
    pub rules: Rules,
}

impl Directory {
    /// Three reads, once, instead of a lookup per inserted row.
    pub(super) async fn load(tx: &mut Tx) -> Result<Directory> {
        let staff: Vec<(i64, String)> = on_tx!(tx, conn => {
            sqlx::query_as("SELECT id, email FROM staff").fetch_all(&mut **conn).await?
        });
        let roles: Vec<(i64, String)> = on_tx!(tx, conn => {
            sqlx::query_as("SELECT id, name FROM roles").fetch_all(&mut **conn).await?
        });
        let rules: Vec<(i64, String)> = on_tx!(tx, conn => {
            sqlx::query_as("SELECT id, name FROM alert_rules").fetch_all(&mut **conn).await?
        });
        let staff = Named::new("staff member", staff, "run `opsgate seed rbac --test-staff` first");
        let roles = Named::new("role", roles, "run `opsgate seed rbac` first");
        let rules = Named::new("alert rule", rules, "run `opsgate seed rbac` first");
        Ok(Directory {
            staff: Staff {
                admin: staff.id("admin@example.com")?,
                manager: staff.id("manager@example.com")?,
                senior_agent: staff.id("senior_agent@example.com")?,
                agent: staff.id("agent@example.com")?,
                support: staff.id("support@example.com")?,
                analyst: staff.id("analyst@example.com")?,
            },
            roles: Roles { admin: roles.id("admin")?, manager: roles.id("manager")? },
            rules: Rules {
                sla_breached: rules.id("sla_breached")?,
                sla_at_risk: rules.id("sla_at_risk")?,
                critical_complaint_opened: rules.id("critical_complaint_opened")?,
                high_workload: rules.id("high_workload")?,
            },
        })
    }
}

struct Named {
    kind: &'static str,
    ids: HashMap<String, i64>,
    hint: &'static str,
}

impl Named {
    fn new(kind: &'static str, rows: Vec<(i64, String)>, hint: &'static str) -> Named {
        Named { kind, ids: rows.into_iter().map(|(id, name)| (name, id)).collect(), hint }
    }

    fn id(&self, name: &str) -> Result<i64> {
        self.ids.get(name).copied().ok_or_else(|| {
            Error::NotFound(format!(
                "the demo data needs the seeded {} `{name}`, which is missing; {}",
                self.kind, self.hint
            ))
        })
    }
}
