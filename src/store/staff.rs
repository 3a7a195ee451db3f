//! Staff members, their roles and their registered public keys.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Store, Tx, on_pool, on_tx};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::time::now_micros;

/// One line of `opsgate staff list`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub level: i64,
    pub status: String,
    pub active_keys: i64,
    pub totp_enrolled: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    level: i64,
    status: String,
}

const MEMBER_BY_EMAIL: &str = "SELECT s.id, s.email, s.name, r.name AS role, r.level, s.status \
    FROM staff s JOIN roles r ON r.id = s.role_id WHERE lower(s.email) = lower($1)";

const PERMISSIONS_OF: &str = "SELECT p.name FROM staff s \
    JOIN role_permissions rp ON rp.role_id = s.role_id \
    JOIN permissions p ON p.id = rp.permission_id WHERE s.id = $1";

impl Store {
    /// Every staff member's e-mail, lowercase: staff identities are not customer PII.
    pub async fn staff_emails(&self) -> Result<Vec<String>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT lower(email) FROM staff").fetch_all(pool).await?
        }))
    }

    /// A staff member with their effective permissions, by e-mail (case-insensitive).
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<StaffMember>> {
        let row: Option<MemberRow> = on_pool!(self, pool => {
            sqlx::query_as(MEMBER_BY_EMAIL).bind(email).fetch_optional(pool).await?
        });
        let Some(row) = row else { return Ok(None) };
        let permissions: Vec<String> = on_pool!(self, pool => {
            sqlx::query_scalar(PERMISSIONS_OF).bind(row.id).fetch_all(pool).await?
        });
        Ok(Some(StaffMember {
            id: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            level: row.level,
            status: row.status,
            permissions: permissions.into_iter().collect::<BTreeSet<_>>(),
        }))
    }

    pub async fn list_staff(&self) -> Result<Vec<StaffRow>> {
        let rows = on_pool!(self, pool => {
            sqlx::query_as::<_, StaffRow>(
                "SELECT s.id, s.email, s.name, r.name AS role, r.level, s.status, \
                 (SELECT COUNT(*) FROM opsgate_staff_keys k WHERE k.staff_id = s.id AND k.revoked_at IS NULL) AS active_keys, \
                 EXISTS (SELECT 1 FROM opsgate_staff_secrets x WHERE x.staff_id = s.id AND x.totp_secret IS NOT NULL) AS totp_enrolled, s.created_at \
                 FROM staff s JOIN roles r ON r.id = s.role_id ORDER BY r.level, s.email",
            )
            .fetch_all(pool).await?
        });
        Ok(rows)
    }

    pub async fn count_staff(&self) -> Result<i64> {
        Ok(on_pool!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM staff").fetch_one(pool).await?))
    }

    /// Role names, most senior first, for messages that list the choices.
    pub async fn role_names(&self) -> Result<Vec<String>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT name FROM roles ORDER BY level, name").fetch_all(pool).await?
        }))
    }
}

/// The error for a role that does not exist, listing those that do.
pub fn unknown_role(role: &str, names: &[String]) -> Error {
    if names.is_empty() {
        Error::NotFound(format!("unknown role `{role}`: no roles exist yet; run `opsgate seed rbac` first"))
    } else {
        Error::NotFound(format!("unknown role `{role}`; roles are: {}", names.join(", ")))
    }
}

impl Tx {
    pub async fn staff_exists(&mut self, email: &str) -> Result<bool> {
        let found: Option<i64> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT id FROM staff WHERE lower(email) = lower($1)").bind(email).fetch_optional(&mut **tx).await?
        });
        Ok(found.is_some())
    }

    async fn role_id(&mut self, role: &str) -> Result<i64> {
        let id: Option<i64> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT id FROM roles WHERE name = $1").bind(role).fetch_optional(&mut **tx).await?
        });
        let Some(id) = id else {
            let names: Vec<String> = on_tx!(self, tx => {
                sqlx::query_scalar("SELECT name FROM roles ORDER BY level").fetch_all(&mut **tx).await?
            });
            return Err(unknown_role(role, &names));
        };
        Ok(id)
    }

    /// Adds a staff member; fails when the e-mail is taken or the role unknown.
    pub async fn insert_staff(&mut self, email: &str, name: &str, role: &str) -> Result<i64> {
        if self.staff_exists(email).await? {
            return Err(Error::Usage(format!(
                "staff member {email} already exists; use `opsgate staff set-role` to change their role"
            )));
        }
        let role_id = self.role_id(role).await?;
        let now = now_micros();
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO staff (email, name, role_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'active', $4, $4) RETURNING id",
            )
            .bind(email).bind(name).bind(role_id).bind(now)
            .fetch_one(&mut **tx).await?
        }))
    }

    /// Changes a person's role; returns the previous role's name.
    pub async fn set_staff_role(&mut self, staff_id: i64, role: &str) -> Result<()> {
        let role_id = self.role_id(role).await?;
        on_tx!(self, tx => {
            sqlx::query("UPDATE staff SET role_id = $1, updated_at = $2 WHERE id = $3")
                .bind(role_id).bind(now_micros()).bind(staff_id).execute(&mut **tx).await?;
        });
        Ok(())
    }

    /// Registers a public key for a person; older keys stay valid for old signatures.
    pub async fn register_key(&mut self, staff_id: i64, public_key_hex: &str) -> Result<i64> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar("INSERT INTO opsgate_staff_keys (staff_id, public_key, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(staff_id).bind(public_key_hex).bind(now_micros())
                .fetch_one(&mut **tx).await?
        }))
    }
}
