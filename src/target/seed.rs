//! `seed rbac --target`: the back office's own `roles`, `permissions` and
//! `role_permissions` (and test staff rows, when asked) converged onto the
//! seed through the binding, in one transaction on the target, exactly as
//! `seed rbac` converges the state database's. A second run changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{DbTx, Target, Uses};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};
use crate::rbac::{ResolvedSeed, module_of, test_staff_email};
use crate::store::SeedOutcome;
use crate::time::now_micros;

/// The columns seeding reads and writes, by logical name.
fn uses(test_staff: bool) -> Uses {
    let mut uses: Uses = [
        ("permissions", &["id", "name", "module", "description", "created_at"][..]),
        ("roles", &["id", "name", "level", "description", "created_at"][..]),
        ("role_permissions", &["role_id", "permission_id"][..]),
    ]
    .into_iter()
    .map(|(table, columns)| (table.to_owned(), columns.iter().map(|c| (*c).to_owned()).collect()))
    .collect();
    if test_staff {
        let staff = ["id", "email", "name", "role_id", "status", "created_at", "updated_at"];
        uses.insert("staff".into(), staff.iter().map(|c| (*c).to_owned()).collect());
    }
    uses
}

/// Converges the target's RBAC tables onto `seed`; nothing is written when any step fails.
pub async fn seed_rbac(target: &Target, seed: &ResolvedSeed, test_staff: bool) -> Result<SeedOutcome> {
    let uses = uses(test_staff);
    let tables: Vec<&str> = uses.keys().map(String::as_str).collect();
    let report = super::check::check_uses(target, &uses).await?;
    if let Some(problem) = report.first() {
        return Err(Error::Config(format!(
            "seeding RBAC on {} needs {}: {}; run `opsgate target check`",
            target.shown(),
            tables.join(", "),
            problem
        )));
    }
    let mut seeding = Seeding { target, uses: &uses, tx: target.db().begin().await?, now: now_micros() };
    let outcome = match seeding.run(seed, test_staff).await {
        Ok(outcome) => outcome,
        Err(error) => {
            seeding.tx.rollback().await?;
            return Err(super::refused_write(target, error));
        }
    };
    seeding.tx.commit().await.map_err(|error| super::refused_write(target, error))?;
    Ok(outcome)
}

struct Seeding<'a> {
    target: &'a Target,
    uses: &'a Uses,
    tx: DbTx<'static>,
    now: chrono::DateTime<chrono::Utc>,
}

impl Seeding<'_> {
    async fn rows(&mut self, sql: &str, params: Vec<SqlValue>) -> Result<Vec<Value>> {
        let statement = self.target.bind(self.uses, &SqlStatement::new(sql, params))?;
        Ok(self.tx.query_rows(&statement, self.now).await?.objects())
    }

    async fn write(&mut self, sql: &str, params: Vec<SqlValue>) -> Result<u64> {
        let statement = self.target.bind(self.uses, &SqlStatement::new(sql, params))?;
        Ok(self.tx.execute(&statement, self.now, None).await?)
    }

    /// The id of the row whose `name` (or `email`) is `value`, after inserting it.
    async fn id_of(&mut self, table: &str, column: &str, value: &str) -> Result<i64> {
        let sql = format!("SELECT id FROM {table} WHERE {column} = $1");
        let rows = self.rows(&sql, vec![value.into()]).await?;
        rows.first()
            .and_then(|row| row.get("id"))
            .and_then(Value::as_i64)
            .ok_or_else(|| Error::Database(format!("{table} {value} was inserted but cannot be read back")))
    }

    async fn run(&mut self, seed: &ResolvedSeed, test_staff: bool) -> Result<SeedOutcome> {
        let mut outcome = SeedOutcome::default();
        let existing = self.rows("SELECT id, name, module, description FROM permissions", vec![]).await?;
        let existing: BTreeMap<String, (i64, String, String)> = existing
            .iter()
            .map(|row| (text(row, "name"), (int(row, "id"), text(row, "module"), text(row, "description"))))
            .collect();
        let mut permission_ids = BTreeMap::new();
        for (name, description) in &seed.permissions {
            let module = module_of(name);
            let id = match existing.get(name) {
                Some((id, m, d)) if m == module && d == description => {
                    outcome.permissions.unchanged += 1;
                    *id
                }
                Some((id, _, _)) => {
                    let sql = "UPDATE permissions SET module = $1, description = $2 WHERE id = $3";
                    self.write(sql, vec![module.into(), description.as_str().into(), (*id).into()]).await?;
                    outcome.permissions.updated += 1;
                    *id
                }
                None => {
                    let sql = "INSERT INTO permissions (name, module, description, created_at) VALUES ($1, $2, $3, $4)";
                    let params =
                        vec![name.as_str().into(), module.into(), description.as_str().into(), SqlValue::Now];
                    self.write(sql, params).await?;
                    outcome.permissions.created += 1;
                    self.id_of("permissions", "name", name).await?
                }
            };
            permission_ids.insert(name.clone(), id);
        }

        let existing = self.rows("SELECT id, name, level, description FROM roles", vec![]).await?;
        let existing: BTreeMap<String, (i64, i64, String)> = existing
            .iter()
            .map(|row| (text(row, "name"), (int(row, "id"), int(row, "level"), text(row, "description"))))
            .collect();
        let mut role_ids = BTreeMap::new();
        for role in &seed.roles {
            let role_id = match existing.get(&role.name) {
                Some((id, level, description))
                    if *level == role.level && *description == role.description =>
                {
                    outcome.roles.unchanged += 1;
                    *id
                }
                Some((id, _, _)) => {
                    let sql = "UPDATE roles SET level = $1, description = $2 WHERE id = $3";
                    self.write(sql, vec![role.level.into(), role.description.as_str().into(), (*id).into()])
                        .await?;
                    outcome.roles.updated += 1;
                    *id
                }
                None => {
                    let sql =
                        "INSERT INTO roles (name, level, description, created_at) VALUES ($1, $2, $3, $4)";
                    let params = vec![
                        role.name.as_str().into(),
                        role.level.into(),
                        role.description.as_str().into(),
                        SqlValue::Now,
                    ];
                    self.write(sql, params).await?;
                    outcome.roles.created += 1;
                    self.id_of("roles", "name", &role.name).await?
                }
            };
            role_ids.insert(role.name.clone(), role_id);
            let granted = self
                .rows("SELECT permission_id FROM role_permissions WHERE role_id = $1", vec![role_id.into()])
                .await?;
            let granted: BTreeSet<i64> = granted.iter().map(|row| int(row, "permission_id")).collect();
            let wanted: BTreeSet<i64> = role.permissions.iter().map(|p| permission_ids[p]).collect();
            for permission_id in wanted.difference(&granted) {
                let sql = "INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2)";
                self.write(sql, vec![role_id.into(), (*permission_id).into()]).await?;
                outcome.role_permissions.granted += 1;
            }
            outcome.role_permissions.unchanged += wanted.intersection(&granted).count() as u64;
            // Only grants of permissions the seed knows are revoked: a team's own permissions stay.
            let known: BTreeSet<i64> = permission_ids.values().copied().collect();
            for permission_id in granted.difference(&wanted).filter(|id| known.contains(id)) {
                let sql = "DELETE FROM role_permissions WHERE role_id = $1 AND permission_id = $2";
                self.write(sql, vec![role_id.into(), (*permission_id).into()]).await?;
                outcome.role_permissions.revoked += 1;
            }
        }

        if test_staff {
            for role in &seed.roles {
                let email = test_staff_email(&role.name);
                if !self
                    .rows("SELECT id FROM staff WHERE email = $1", vec![email.as_str().into()])
                    .await?
                    .is_empty()
                {
                    outcome.test_staff.unchanged += 1;
                    continue;
                }
                let sql = "INSERT INTO staff (email, name, role_id, status, created_at, updated_at) \
                           VALUES ($1, $2, $3, 'active', $4, $4)";
                let name = format!("Test {}", role.name.replace('_', " "));
                self.write(
                    sql,
                    vec![email.as_str().into(), name.into(), role_ids[&role.name].into(), SqlValue::Now],
                )
                .await?;
                outcome.test_staff.created += 1;
            }
        }
        Ok(outcome)
    }
}

fn text(row: &Value, column: &str) -> String {
    row.get(column).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn int(row: &Value, column: &str) -> i64 {
    row.get(column).and_then(Value::as_i64).unwrap_or_default()
}
