//! Identities read from the team's back office: when the binding says
//! `identities: target`, who a person is, their role, level, status and
//! permissions come from the target's own `staff`, `roles`, `permissions`
//! and `role_permissions` (through the binding, names and values alike), not
//! from the state database. Keys, second factors and every opsgate record
//! then carry the target's staff ids, so the writes that put a staff id into
//! a row (assigning, role changes, subscriptions) are offered again.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Target, Uses};
use crate::error::Result;
use crate::identity::StaffMember;
use crate::payload::{SqlStatement, SqlValue};
use crate::store::ResultSet;

/// Where people and their permissions are read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Identities {
    /// The state database's `staff` and `roles` (the default).
    #[default]
    State,
    /// The target's, through the binding.
    Target,
}

/// One person as the target keeps them.
#[derive(Debug, Clone)]
pub struct TargetStaff {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub level: i64,
    pub status: String,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

const MEMBERS: &str = "SELECT s.id, s.email, s.name, r.name AS role, r.level, s.status, s.created_at \
    FROM staff s JOIN roles r ON r.id = s.role_id";

fn uses() -> Uses {
    let table = |name: &str, columns: &[&str]| {
        (name.to_owned(), columns.iter().map(|c| (*c).to_owned()).collect::<BTreeSet<_>>())
    };
    [
        table("staff", &["id", "email", "name", "role_id", "status", "created_at"]),
        table("roles", &["id", "name", "level"]),
        table("role_permissions", &["role_id", "permission_id"]),
        table("permissions", &["id", "name"]),
    ]
    .into()
}

impl Target {
    /// Whether people are read from this target rather than the state database.
    pub fn reads_identities(&self) -> bool {
        self.separate && self.binding.identities == Identities::Target
    }

    async fn read(&self, sql: &str, params: Vec<SqlValue>) -> Result<ResultSet> {
        let statement = self.bind(&uses(), &SqlStatement::new(sql, params))?;
        self.db.query_rows(&statement, chrono::Utc::now()).await
    }

    /// A person with their effective permissions, by e-mail (case-insensitive).
    /// (With when they were added, for the state's copy.)
    pub async fn staff_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(StaffMember, Option<chrono::DateTime<chrono::Utc>>)>> {
        let found =
            self.read(&format!("{MEMBERS} WHERE lower(s.email) = lower($1)"), vec![email.into()]).await?;
        let Some(member) = members(&found).into_iter().next() else { return Ok(None) };
        self.with_permissions(member).await.map(Some)
    }

    /// A person as the guard sees them (their role's permissions read now),
    /// with when they were added, for the state's copy.
    pub async fn with_permissions(
        &self,
        member: TargetStaff,
    ) -> Result<(StaffMember, Option<chrono::DateTime<chrono::Utc>>)> {
        let granted = self
            .read(
                "SELECT p.name FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id \
                 JOIN staff s ON s.role_id = rp.role_id WHERE s.id = $1",
                vec![member.id.into()],
            )
            .await?;
        let permissions =
            (0..granted.rows.len()).filter_map(|row| granted.text(row, "name").map(str::to_owned)).collect();
        let person = StaffMember {
            id: member.id,
            email: member.email,
            name: member.name,
            role: member.role,
            level: member.level,
            status: member.status,
            permissions,
        };
        Ok((person, member.created_at))
    }

    /// Everyone, most senior first.
    pub async fn staff(&self) -> Result<Vec<TargetStaff>> {
        Ok(members(&self.read(&format!("{MEMBERS} ORDER BY r.level, s.email"), Vec::new()).await?))
    }

    /// Role names, most senior first.
    pub async fn role_names(&self) -> Result<Vec<String>> {
        let set = self.read("SELECT name FROM roles ORDER BY level, name", Vec::new()).await?;
        Ok((0..set.rows.len()).filter_map(|row| set.text(row, "name").map(str::to_owned)).collect())
    }
}

fn members(set: &ResultSet) -> Vec<TargetStaff> {
    (0..set.rows.len())
        .map(|row| TargetStaff {
            id: set.int(row, "id"),
            email: set.text(row, "email").unwrap_or_default().to_owned(),
            name: set.text(row, "name").unwrap_or_default().to_owned(),
            role: set.text(row, "role").unwrap_or_default().to_owned(),
            level: set.int(row, "level"),
            status: set.text(row, "status").unwrap_or_default().to_owned(),
            created_at: set.time(row, "created_at"),
        })
        .collect()
}
