//! `opsgate seed rbac`: exact roles, permissions and grants; idempotent; all-or-nothing.

use crate::support::{Env, repo_root};

fn grants_by_level(env: &Env) -> Vec<i64> {
    (1..=8)
        .map(|level| {
            env.scalar(&format!(
                "SELECT COUNT(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.level = {level}"
            ))
        })
        .collect()
}

#[test]
fn seeding_twice_gives_the_same_database() {
    let env = Env::new();
    let first = env.run(["seed", "rbac", "--output", "json"]).exit(0).json();
    assert_eq!(first["changed"], true);
    assert_eq!(first["permissions"]["created"], 32);
    assert_eq!(first["roles"]["created"], 8);
    assert_eq!(first["role_permissions"]["granted"], 137);
    assert_eq!(first["alert_rules"]["created"], 4);
    assert_eq!(first["config"]["created"], 4);

    let second = env.run(["seed", "rbac", "--output", "json"]).exit(0).json();
    assert_eq!(second["changed"], false);
    assert_eq!(second["permissions"]["unchanged"], 32);
    assert_eq!(second["roles"]["unchanged"], 8);
    assert_eq!(second["role_permissions"]["unchanged"], 137);
    assert_eq!(second["role_permissions"]["granted"], 0);

    assert_eq!(env.scalar("SELECT COUNT(*) FROM roles"), 8);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM permissions"), 32);
    assert_eq!(grants_by_level(&env), vec![32, 31, 21, 16, 13, 7, 8, 9]);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM alert_rules"), 4);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM ops_config"), 4);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM roles r WHERE NOT EXISTS (SELECT 1 FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id WHERE rp.role_id = r.id AND p.name = 'ai.use')"),
        0,
        "every role has ai.use"
    );
}

#[test]
fn a_second_run_says_nothing_changed() {
    let env = Env::new();
    env.run(["seed", "rbac"]).exit(0).stdout_has("seeded from seeds/rbac.yaml");
    let run = env.run(["seed", "rbac"]).exit(0);
    insta::assert_snapshot!(run.stdout, @r"
    nothing changed: the database already matches seeds/rbac.yaml
    ┌─────────────┬─────────┬───────────┬───────────┐
    │ kind        ┆ created ┆ updated   ┆ unchanged │
    ╞═════════════╪═════════╪═══════════╪═══════════╡
    │ permissions ┆ 0       ┆ 0         ┆ 32        │
    │ roles       ┆ 0       ┆ 0         ┆ 8         │
    │ role grants ┆ 0       ┆ 0 revoked ┆ 137       │
    │ alert rules ┆ 0       ┆ 0         ┆ 4         │
    │ config      ┆ 0       ┆ 0         ┆ 4         │
    │ test staff  ┆ 0       ┆ 0         ┆ 0         │
    └─────────────┴─────────┴───────────┴───────────┘
    ");
}

#[test]
fn the_database_converges_on_an_edited_seed_file() {
    let env = Env::new();
    env.run(["seed", "rbac"]).exit(0);
    let original = std::fs::read_to_string(repo_root().join("seeds/rbac.yaml")).unwrap();
    let edited = original.replacen("      - ops.config.view\n", "", 1);
    assert_ne!(edited, original);
    let file = env.home.path().join("rbac.yaml");
    std::fs::write(&file, edited).unwrap();
    let run = env.run(["seed", "rbac", "--file", file.to_str().unwrap(), "-o", "json"]).exit(0).json();
    assert_eq!(run["role_permissions"]["revoked"], 1);
    assert_eq!(grants_by_level(&env)[7], 8, "viewer lost ops.config.view");
}

#[test]
fn test_staff_get_keys_only_they_can_read() {
    let env = Env::new();
    let run = env.run(["seed", "rbac", "--test-staff", "-o", "json"]).exit(0).json();
    assert_eq!(run["test_staff"]["created"], 8);
    let roles = ["super_admin", "admin", "manager", "senior_agent", "agent", "support", "analyst", "viewer"];
    for role in roles {
        let email = format!("{role}@example.com");
        let path = env.key_dir().join(format!("{email}.ed25519"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", path.display());
        }
        let key = opsgate::keys::KeyDir::new(env.key_dir()).read(&email).unwrap();
        let registered = env.scalar(&format!(
            "SELECT COUNT(*) FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = '{email}' AND k.public_key = '{}'",
            key.public_hex()
        ));
        assert_eq!(registered, 1, "{email}'s registered key matches the private key file");
    }
    let again = env.run(["seed", "rbac", "--test-staff", "-o", "json"]).exit(0).json();
    assert_eq!(again["test_staff"]["unchanged"], 8);
    assert_eq!(again["changed"], false);
}

fn refused(yaml: &str, line: u32, message: &str) {
    let env = Env::new();
    let file = env.home.path().join("rbac.yaml");
    std::fs::write(&file, yaml).unwrap();
    let run = env.run(["seed", "rbac", "--test-staff", "--file", file.to_str().unwrap()]).exit(1);
    let location = format!("{}:{line}:", file.display());
    assert!(run.stderr.contains(&location), "no location {location} in {}", run.stderr);
    assert!(run.stderr.contains(message), "no {message:?} in {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one-line error: {}", run.stderr);
    for table in [
        "permissions",
        "roles",
        "role_permissions",
        "staff",
        "alert_rules",
        "ops_config",
        "opsgate_audit_log",
    ] {
        assert_eq!(env.scalar(&format!("SELECT COUNT(*) FROM {table}")), 0, "{table} was written");
    }
    assert!(!env.key_dir().exists(), "no key files were written");
}

#[test]
fn malformed_yaml_is_refused_with_its_location() {
    refused("permissions:\n  - name: a.view\n    description: [unclosed\nroles: []\n", 3, "rbac.yaml");
}

#[test]
fn an_unknown_permission_in_a_role_is_refused_with_its_location() {
    let yaml = "permissions:\n  - name: a.view\nroles:\n  - name: viewer\n    level: 1\n    permissions:\n      - a.view\n      - a.fly\n";
    refused(yaml, 8, "unknown permission `a.fly`");
}

#[test]
fn a_duplicate_role_is_refused_with_its_location() {
    let yaml = "permissions:\n  - name: a.view\nroles:\n  - name: viewer\n    level: 1\n  - name: viewer\n    level: 2\n";
    refused(yaml, 6, "duplicate role `viewer`");
}

#[test]
fn a_person_seeding_needs_system_admin() {
    let env = Env::new().seeded();
    env.run_as("admin@example.com", ["seed", "rbac"]).exit(3).stderr_has("system.admin");
    env.run_as("super_admin@example.com", ["seed", "rbac"]).exit(0);
}
