//! Converging the database onto a resolved RBAC seed, inside the caller's transaction.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Tx, on_tx};
use crate::error::Result;
use crate::rbac::{ResolvedSeed, module_of};
use crate::time::now_micros;

/// Created / updated / unchanged counts for one kind of seeded row.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct KindCounts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// Grants added and removed to make each role match the file exactly.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct GrantCounts {
    pub granted: u64,
    pub revoked: u64,
    pub unchanged: u64,
}

/// What `seed rbac` did, per kind.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct SeedOutcome {
    pub permissions: KindCounts,
    pub roles: KindCounts,
    pub role_permissions: GrantCounts,
    pub alert_rules: KindCounts,
    pub config: KindCounts,
    pub test_staff: KindCounts,
}

impl SeedOutcome {
    /// Whether the run changed anything at all.
    pub fn changed(&self) -> bool {
        let kinds = [self.permissions, self.roles, self.alert_rules, self.config, self.test_staff];
        kinds.iter().any(|k| k.created + k.updated > 0)
            || self.role_permissions.granted + self.role_permissions.revoked > 0
    }
}

impl Tx {
    /// Makes permissions, roles and grants match the seed; creates missing alert
    /// rules and config values but never overwrites ones operators have tuned.
    pub async fn seed_rbac(&mut self, seed: &ResolvedSeed) -> Result<SeedOutcome> {
        let now = now_micros();
        let mut outcome = SeedOutcome::default();

        let existing: Vec<(i64, String, String, String)> = on_tx!(self, tx => {
            sqlx::query_as("SELECT id, name, module, description FROM permissions").fetch_all(&mut **tx).await?
        });
        let mut permission_ids: BTreeMap<String, i64> = BTreeMap::new();
        let existing: BTreeMap<String, (i64, String, String)> = existing
            .into_iter()
            .map(|(id, name, module, description)| (name, (id, module, description)))
            .collect();
        for (name, description) in &seed.permissions {
            let module = module_of(name);
            match existing.get(name) {
                Some((id, m, d)) if m == module && d == description => {
                    outcome.permissions.unchanged += 1;
                    permission_ids.insert(name.clone(), *id);
                }
                Some((id, _, _)) => {
                    on_tx!(self, tx => {
                        sqlx::query("UPDATE permissions SET module = $1, description = $2 WHERE id = $3")
                            .bind(module).bind(description).bind(*id).execute(&mut **tx).await?;
                    });
                    outcome.permissions.updated += 1;
                    permission_ids.insert(name.clone(), *id);
                }
                None => {
                    let id: i64 = on_tx!(self, tx => {
                        sqlx::query_scalar(
                            "INSERT INTO permissions (name, module, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                        )
                        .bind(name).bind(module).bind(description).bind(now)
                        .fetch_one(&mut **tx).await?
                    });
                    outcome.permissions.created += 1;
                    permission_ids.insert(name.clone(), id);
                }
            }
        }

        let existing: Vec<(i64, String, i64, String)> = on_tx!(self, tx => {
            sqlx::query_as("SELECT id, name, level, description FROM roles").fetch_all(&mut **tx).await?
        });
        let existing: BTreeMap<String, (i64, i64, String)> = existing
            .into_iter()
            .map(|(id, name, level, description)| (name, (id, level, description)))
            .collect();
        for role in &seed.roles {
            let role_id = match existing.get(&role.name) {
                Some((id, level, description))
                    if *level == role.level && *description == role.description =>
                {
                    outcome.roles.unchanged += 1;
                    *id
                }
                Some((id, _, _)) => {
                    on_tx!(self, tx => {
                        sqlx::query("UPDATE roles SET level = $1, description = $2 WHERE id = $3")
                            .bind(role.level).bind(&role.description).bind(*id).execute(&mut **tx).await?;
                    });
                    outcome.roles.updated += 1;
                    *id
                }
                None => {
                    let id: i64 = on_tx!(self, tx => {
                        sqlx::query_scalar(
                            "INSERT INTO roles (name, level, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                        )
                        .bind(&role.name).bind(role.level).bind(&role.description).bind(now)
                        .fetch_one(&mut **tx).await?
                    });
                    outcome.roles.created += 1;
                    id
                }
            };

            let granted: Vec<(i64, String)> = on_tx!(self, tx => {
                sqlx::query_as(
                    "SELECT p.id, p.name FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id WHERE rp.role_id = $1",
                )
                .bind(role_id).fetch_all(&mut **tx).await?
            });
            let granted: BTreeMap<String, i64> = granted.into_iter().map(|(id, name)| (name, id)).collect();
            let granted_names: BTreeSet<&String> = granted.keys().collect();
            for permission in &role.permissions {
                if granted_names.contains(permission) {
                    outcome.role_permissions.unchanged += 1;
                    continue;
                }
                let permission_id = permission_ids[permission];
                on_tx!(self, tx => {
                    sqlx::query("INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2)")
                        .bind(role_id).bind(permission_id).execute(&mut **tx).await?;
                });
                outcome.role_permissions.granted += 1;
            }
            for (name, permission_id) in &granted {
                if !role.permissions.contains(name) {
                    on_tx!(self, tx => {
                        sqlx::query("DELETE FROM role_permissions WHERE role_id = $1 AND permission_id = $2")
                            .bind(role_id).bind(*permission_id).execute(&mut **tx).await?;
                    });
                    outcome.role_permissions.revoked += 1;
                }
            }
        }

        for rule in &seed.alert_rules {
            let inserted = on_tx!(self, tx => {
                sqlx::query(
                    "INSERT INTO alert_rules (name, description, condition, threshold, severity, enabled, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (name) DO NOTHING",
                )
                .bind(&rule.name).bind(&rule.description).bind(&rule.condition).bind(rule.threshold)
                .bind(&rule.severity).bind(rule.enabled).bind(now)
                .execute(&mut **tx).await?.rows_affected()
            });
            if inserted == 1 { outcome.alert_rules.created += 1 } else { outcome.alert_rules.unchanged += 1 }
        }

        for entry in &seed.config {
            let inserted = on_tx!(self, tx => {
                sqlx::query(
                    "INSERT INTO ops_config (key, value, description, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING",
                )
                .bind(&entry.key).bind(&entry.value).bind(&entry.description).bind(now)
                .execute(&mut **tx).await?.rows_affected()
            });
            if inserted == 1 { outcome.config.created += 1 } else { outcome.config.unchanged += 1 }
        }

        Ok(outcome)
    }
}
