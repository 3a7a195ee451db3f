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
    /// The target people are read from, when the binding says they live there.
    pub fn identity_target(&self) -> Option<&crate::target::Target> {
        self.target.as_deref().filter(|target| target.reads_identities())
    }

    /// Every staff member's e-mail, lowercase: staff identities are not customer PII.
    pub async fn staff_emails(&self) -> Result<Vec<String>> {
        if let Some(target) = self.identity_target() {
            return Ok(target.staff().await?.into_iter().map(|s| s.email.to_lowercase()).collect());
        }
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT lower(email) FROM staff").fetch_all(pool).await?
        }))
    }

    /// A staff member with their effective permissions, by e-mail (case-insensitive).
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<StaffMember>> {
        if let Some(target) = self.identity_target() {
            let Some((member, created_at)) = target.staff_by_email(email).await? else { return Ok(None) };
            self.mirror_identity(&member, created_at).await?;
            return Ok(Some(member));
        }
        self.state_staff_by_email(email).await
    }

    /// [`Store::staff_by_email`] in the state database's own tables.
    async fn state_staff_by_email(&self, email: &str) -> Result<Option<StaffMember>> {
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
        if let Some(target) = self.identity_target() {
            let mut rows = Vec::new();
            for person in target.staff().await? {
                let (member, created_at) = target.with_permissions(person).await?;
                self.mirror_identity(&member, created_at).await?;
                let (active_keys, totp_enrolled) = self.credentials_of(member.id).await?;
                rows.push(StaffRow {
                    id: member.id,
                    email: member.email,
                    name: member.name,
                    role: member.role,
                    level: member.level,
                    status: member.status,
                    active_keys,
                    totp_enrolled,
                    created_at: created_at.unwrap_or_default(),
                });
            }
            return Ok(rows);
        }
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
        if let Some(target) = self.identity_target() {
            return Ok(target.staff().await?.len() as i64);
        }
        Ok(on_pool!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM staff").fetch_one(pool).await?))
    }

    /// Role names, most senior first, for messages that list the choices.
    pub async fn role_names(&self) -> Result<Vec<String>> {
        if let Some(target) = self.identity_target() {
            return target.role_names().await;
        }
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT name FROM roles ORDER BY level, name").fetch_all(pool).await?
        }))
    }
}

impl Store {
    /// A person's active keys and whether they enrolled a second factor (opsgate's own records).
    async fn credentials_of(&self, staff_id: i64) -> Result<(i64, bool)> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM opsgate_staff_keys k WHERE k.staff_id = $1 AND k.revoked_at IS NULL), \
                 EXISTS (SELECT 1 FROM opsgate_staff_secrets x WHERE x.staff_id = $1 AND x.totp_secret IS NOT NULL)",
            )
            .bind(staff_id)
            .fetch_one(pool).await?
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

impl Store {
    /// Keeps the state database's copy of a person read from the target in
    /// step: their row (under the target's id), their role's level and the
    /// role's permissions. opsgate's own records join on it for names and
    /// for who else could approve; the target stays the source of truth and
    /// is read on every lookup. Writes only when something differs.
    pub(crate) async fn mirror_identity(
        &self,
        member: &StaffMember,
        created_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        if self.mirrored(member).await? {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        let now = now_micros();
        let role: Option<(i64, i64)> = on_tx!(&mut tx, t => {
            sqlx::query_as("SELECT id, level FROM roles WHERE name = $1").bind(&member.role).fetch_optional(&mut **t).await?
        });
        let role_id = match role {
            Some((id, level)) => {
                if level != member.level {
                    on_tx!(&mut tx, t => {
                        sqlx::query("UPDATE roles SET level = $1 WHERE id = $2").bind(member.level).bind(id).execute(&mut **t).await?;
                    });
                }
                id
            }
            None => on_tx!(&mut tx, t => {
                sqlx::query_scalar("INSERT INTO roles (name, level, description, created_at) VALUES ($1, $2, '', $3) RETURNING id")
                    .bind(&member.role).bind(member.level).bind(now).fetch_one(&mut **t).await?
            }),
        };
        let held: Vec<String> = on_tx!(&mut tx, t => {
            sqlx::query_scalar("SELECT p.name FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id WHERE rp.role_id = $1")
                .bind(role_id).fetch_all(&mut **t).await?
        });
        let held: BTreeSet<String> = held.into_iter().collect();
        for name in member.permissions.difference(&held) {
            let module = name.split('.').next().unwrap_or(name);
            let id: Option<i64> = on_tx!(&mut tx, t => {
                sqlx::query_scalar("SELECT id FROM permissions WHERE name = $1").bind(name).fetch_optional(&mut **t).await?
            });
            let id = match id {
                Some(id) => id,
                None => on_tx!(&mut tx, t => {
                    sqlx::query_scalar("INSERT INTO permissions (name, module, description, created_at) VALUES ($1, $2, '', $3) RETURNING id")
                        .bind(name).bind(module).bind(now).fetch_one(&mut **t).await?
                }),
            };
            on_tx!(&mut tx, t => {
                sqlx::query("INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2)").bind(role_id).bind(id).execute(&mut **t).await?;
            });
        }
        for name in held.difference(&member.permissions) {
            on_tx!(&mut tx, t => {
                sqlx::query("DELETE FROM role_permissions WHERE role_id = $1 AND permission_id = (SELECT id FROM permissions WHERE name = $2)")
                    .bind(role_id).bind(name).execute(&mut **t).await?;
            });
        }
        let holder: Option<(i64, String)> = on_tx!(&mut tx, t => {
            sqlx::query_as("SELECT id, email FROM staff WHERE id = $1 OR lower(email) = lower($2) ORDER BY id <> $1 LIMIT 1")
                .bind(member.id).bind(&member.email).fetch_optional(&mut **t).await?
        });
        match holder {
            Some((id, email)) if id != member.id || !email.eq_ignore_ascii_case(&member.email) => {
                return Err(Error::Conflict(format!(
                    "the state database's staff member {id} is {email}, but the target's {} is {}: a state database \
                     that reads identities from the target must hold only the target's people",
                    member.id, member.email
                )));
            }
            Some(_) => on_tx!(&mut tx, t => {
                sqlx::query("UPDATE staff SET email = $1, name = $2, role_id = $3, status = $4, updated_at = $5 WHERE id = $6")
                    .bind(&member.email).bind(&member.name).bind(role_id).bind(&member.status).bind(now).bind(member.id)
                    .execute(&mut **t).await?;
            }),
            None => on_tx!(&mut tx, t => {
                sqlx::query("INSERT INTO staff (id, email, name, role_id, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(member.id).bind(&member.email).bind(&member.name).bind(role_id).bind(&member.status)
                    .bind(created_at.unwrap_or(now)).bind(now)
                    .execute(&mut **t).await?;
            }),
        }
        tx.commit().await
    }

    /// Whether the state's copy of `member` already matches.
    async fn mirrored(&self, member: &StaffMember) -> Result<bool> {
        let Some(copy) = self.state_staff_by_email(&member.email).await? else { return Ok(false) };
        Ok(copy.id == member.id
            && copy.name == member.name
            && copy.role == member.role
            && copy.level == member.level
            && copy.status == member.status
            && copy.permissions == member.permissions)
    }
}
