//! Applying a seed: one transaction for rows, key files and the audit entry.

use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::keys::{KeyDir, KeyPair, WrittenFiles};
use crate::store::{SeedOutcome, Store};

use super::ResolvedSeed;

/// The e-mail of the test staff member for a role (DESIGN.md: `<role>@example.com`).
pub fn test_staff_email(role: &str) -> String {
    format!("{role}@example.com")
}

/// Converges the database onto `seed`. With `test_staff`, also creates one
/// staff member per role with a fresh Ed25519 key whose private half is written
/// to that directory. Either everything is written and audited, or nothing.
pub async fn apply_seed(
    store: &Store,
    seed: &ResolvedSeed,
    actor: Actor,
    test_staff: Option<&KeyDir>,
) -> Result<SeedOutcome> {
    if test_staff.is_some() {
        refuse_test_staff_beside_real_staff(store, seed).await?;
    }
    let mut tx = store.begin().await?;
    let mut outcome = tx.seed_rbac(seed).await?;
    let mut written = WrittenFiles::default();
    let mut audit = Vec::new();
    if let Some(key_dir) = test_staff {
        for role in &seed.roles {
            let email = test_staff_email(&role.name);
            if tx.staff_exists(&email).await? {
                outcome.test_staff.unchanged += 1;
                continue;
            }
            let key = KeyPair::generate()?;
            let name = format!("Test {}", title_case(&role.name));
            let staff_id = tx.insert_staff(&email, &name, &role.name).await?;
            let key_id = tx.register_key(staff_id, &key.public_hex()).await?;
            written.push(key_dir.write(&email, &key)?);
            outcome.test_staff.created += 1;
            audit.push(
                NewAuditEntry::new(actor.clone(), Event::StaffAdd, Outcome::Succeeded)
                    .subject(&email)
                    .payload(json!({"email": email, "name": name, "role": role.name, "test_staff": true}))
                    .result(json!({"staff_id": staff_id, "key_id": key_id, "public_key": key.public_hex()})),
            );
        }
    }
    audit.push(
        NewAuditEntry::new(
            actor,
            Event::SeedRbac,
            if outcome.changed() { Outcome::Succeeded } else { Outcome::Unchanged },
        )
        .payload(json!({"file": seed.source.display().to_string(), "test_staff": test_staff.is_some()}))
        .result(serde_json::to_value(&outcome).unwrap_or_default()),
    );
    tx.append_audit(&audit).await?;
    tx.commit().await?;
    written.committed();
    Ok(outcome)
}

/// Test staff come with private keys written to this machine: beside real
/// staff they would hand whoever seeds a super_admin of their own, and with it
/// the two-person rule. So they only go into a database whose staff are all test staff.
async fn refuse_test_staff_beside_real_staff(store: &Store, seed: &ResolvedSeed) -> Result<()> {
    let test: std::collections::HashSet<String> =
        seed.roles.iter().map(|r| test_staff_email(&r.name).to_lowercase()).collect();
    let real = store.staff_emails().await?.into_iter().filter(|e| !test.contains(e)).count();
    if real > 0 {
        return Err(Error::Usage(format!(
            "--test-staff only seeds a database without real staff, and this one has {real}: test staff hold keys on this machine"
        )));
    }
    Ok(())
}

fn title_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn role_names_read_as_titles() {
        assert_eq!(super::title_case("senior_agent"), "Senior Agent");
    }
}
