//! Identity that cannot be claimed: naming someone with `--as` proves nothing.
//! A key is registered with the person's current key or a one-time enrolment
//! code; nobody hands out more than they hold; database files are private.

use crate::support::{Env, Run};

const SUPER_ADMIN: &str = "super_admin@example.com";
const ADMIN: &str = "admin@example.com";

fn enrolment_code(run: &Run) -> String {
    let json = run.json();
    json["enrolment"]["code"].as_str().or(json["code"].as_str()).expect("an enrolment code").to_owned()
}

fn key_count(env: &Env, email: &str) -> i64 {
    env.scalar(&format!(
        "SELECT COUNT(*) FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = '{email}'"
    ))
}

/// The same database from a machine that holds none of its people's keys.
fn keyless(env: &Env) -> Env {
    let other =
        Env { home: tempfile::tempdir().unwrap(), db_url: env.db_url.clone(), backend: env.backend.clone() };
    assert!(!other.key_dir().exists());
    other
}

#[test]
fn naming_a_senior_person_without_their_key_registers_nothing() {
    let env = Env::new().with_demo_data();
    let attacker = keyless(&env);
    let keys_before = key_count(&env, "super_admin@example.com");
    attacker.run_as("super_admin@example.com", ["staff", "keygen"]).exit(3).stderr_has("enrolment code");
    attacker
        .run_as(
            "super_admin@example.com",
            ["staff", "keygen", "--code", "OGE-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"],
        )
        .exit(5)
        .stderr_has("not a code that was issued");
    attacker
        .run_as("super_admin@example.com", ["staff", "totp", "enroll"])
        .exit(3)
        .stderr_has("registered private key");
    // Nor can they mint a colleague for themselves.
    attacker
        .run_as(
            "super_admin@example.com",
            ["staff", "add", "mallory@evil.example", "--name", "M", "--role", "admin", "--keygen"],
        )
        .exit(2)
        .stderr_has("own first account");
    attacker.run(["seed", "rbac", "--test-staff"]).exit(0);
    assert_eq!(key_count(&env, "super_admin@example.com"), keys_before);
    assert!(!attacker.key_dir().exists(), "no private key was written on the attacker's machine");
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'staff.enrolment_rejected'"),
        1
    );
}

#[test]
fn an_enrolment_code_registers_one_key_once_for_the_person_it_was_issued_for() {
    let env = Env::new().seeded();
    let added = env
        .run_as(ADMIN, ["staff", "add", "kim@example.com", "--name", "Kim", "--role", "agent", "-o", "json"])
        .exit(0);
    let code = enrolment_code(&added);
    assert!(added.json()["private_key_file"].is_null());
    let kims_key = env.key_dir().join("kim@example.com.ed25519");
    assert!(!kims_key.exists(), "nobody but Kim generates Kim's key");
    env.run_as(ADMIN, ["staff", "add", "lee@example.com", "--name", "Lee", "--role", "agent"]).exit(0);
    // The code is stored only as a hash.
    assert_eq!(
        env.scalar(&format!("SELECT COUNT(*) FROM opsgate_staff_enrolments WHERE code_sha256 = '{code}'")),
        0
    );

    env.run_as("lee@example.com", ["staff", "keygen", "--code", &code])
        .exit(5)
        .stderr_has("issued for someone else");
    env.run_as("kim@example.com", ["staff", "keygen", "--code", "OGE-NOPE"]).exit(5);
    // Its issuer saw it: it counts once a second person with ops.staff.edit countersigns it.
    assert_eq!(added.json()["enrolment"]["needs_countersignature"], true);
    env.run_as("kim@example.com", ["staff", "keygen", "--code", &code])
        .exit(5)
        .stderr_has("still needs a second person");
    env.run_as(ADMIN, ["staff", "countersign", "kim@example.com"]).exit(3).stderr_has("you issued the code");
    env.run_as("kim@example.com", ["staff", "countersign", "kim@example.com"]).exit(3);
    env.run_as(SUPER_ADMIN, ["staff", "countersign", "kim@example.com"])
        .exit(0)
        .stdout_has("countersigned by");
    // Typed in lowercase with spaces, it is the same code.
    let typed = code.to_lowercase().replace('-', " ");
    env.run_as("kim@example.com", ["staff", "keygen", "--code", &typed]).exit(0).stdout_has("key registered");
    assert!(kims_key.exists());
    assert_eq!(key_count(&env, "kim@example.com"), 1);
    // Single use: a second machine with the same code gets nothing.
    keyless(&env)
        .run_as("kim@example.com", ["staff", "keygen", "--code", &code])
        .exit(5)
        .stderr_has("already used");
    assert_eq!(key_count(&env, "kim@example.com"), 1);
    // With her key she rotates without a code.
    env.run_as("kim@example.com", ["staff", "keygen"]).exit(0);
    assert_eq!(key_count(&env, "kim@example.com"), 2);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'staff.enrolment_rejected'"),
        4
    );
}

#[test]
fn codes_expire_are_replaced_by_newer_ones_and_go_only_to_people_without_a_key() {
    let env = Env::new().seeded();
    let first = enrolment_code(
        &env.run_as(
            ADMIN,
            ["staff", "add", "kim@example.com", "--name", "Kim", "--role", "agent", "-o", "json"],
        )
        .exit(0),
    );
    let second =
        enrolment_code(&env.run_as(ADMIN, ["staff", "invite", "kim@example.com", "-o", "json"]).exit(0));
    env.run_as("kim@example.com", ["staff", "keygen", "--code", &first])
        .exit(5)
        .stderr_has("newer code replaced it");
    env.sql("UPDATE opsgate_staff_enrolments SET expires_at = created_at").unwrap();
    env.run_as("kim@example.com", ["staff", "keygen", "--code", &second]).exit(5).stderr_has("expired");
    let third =
        enrolment_code(&env.run_as(ADMIN, ["staff", "invite", "kim@example.com", "-o", "json"]).exit(0));
    env.run_as(SUPER_ADMIN, ["staff", "countersign", "kim@example.com"]).exit(0);
    env.run_as("kim@example.com", ["staff", "keygen", "--code", &third]).exit(0);

    env.run_as(ADMIN, ["staff", "invite", "kim@example.com"])
        .exit(1)
        .stderr_has("already has a registered key");
    env.run_as(ADMIN, ["staff", "invite", ADMIN]).exit(3).stderr_has("nobody invites themselves");
    env.run_as("manager@example.com", ["staff", "invite", "kim@example.com"])
        .exit(3)
        .stderr_has("ops.staff.edit");
    env.run_as(ADMIN, ["staff", "invite", "nobody@example.com"]).exit(1).stderr_has("no staff member");
    // Nobody adds someone more senior than themselves.
    env.run_as(ADMIN, ["staff", "add", "boss@example.com", "--name", "Boss", "--role", "super_admin"])
        .exit(3)
        .stderr_has("more senior than their own");
}

#[test]
fn test_staff_with_keys_on_this_machine_never_join_real_staff() {
    let env = Env::new();
    env.run(["seed", "rbac"]).exit(0);
    env.run(["staff", "add", "boss@corp.example", "--name", "Boss", "--role", "super_admin", "--keygen"])
        .exit(0);
    env.run(["seed", "rbac", "--test-staff"]).exit(2).stderr_has("without real staff");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM staff"), 1);
}

#[test]
fn an_address_that_is_a_path_names_no_one_and_writes_no_file() {
    let env = Env::new();
    env.run(["seed", "rbac"]).exit(0);
    let escape = env.home.path().join("escaped");
    for email in
        ["../../escaped@x.example", "a/../../b@example.com", "a\u{202e}b@example.com", "a..b@example.com"]
    {
        env.run(["staff", "add", email, "--name", "X", "--role", "super_admin", "--keygen"])
            .exit(2)
            .stderr_has("is not an e-mail address");
    }
    assert!(!escape.exists());
    assert_eq!(env.scalar("SELECT COUNT(*) FROM staff"), 0);
}

#[cfg(unix)]
#[test]
fn a_new_sqlite_database_and_its_directory_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    if env.is_postgres() {
        return;
    }
    let dir = env.home.path().join("fresh/state");
    let db = dir.join("ops.db");
    let mut command = env.command();
    command.env("OPSGATE_DB", &db).args(["seed", "rbac"]);
    Run::from(command.output().unwrap()).exit(0);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&env.home.path().join("fresh")), 0o700);
    for side in ["ops.db-wal", "ops.db-shm"] {
        let path = dir.join(side);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{side}");
        }
    }
}

#[test]
fn a_second_factor_counts_only_after_its_owner_confirmed_a_first_code() {
    let env = Env::new().with_demo_data();
    let enrolled =
        env.run_as("manager@example.com", ["staff", "totp", "enroll", "-o", "json"]).exit(0).json();
    let secret = opsgate::totp::TotpSecret::from_base32(enrolled["secret"].as_str().unwrap()).unwrap();
    let list = env.run_as(ADMIN, ["staff", "list", "-o", "json"]).exit(0).json();
    let manager =
        list.as_array().unwrap().iter().find(|s| s["email"] == "manager@example.com").unwrap().clone();
    assert_eq!(manager["totp_enrolled"], false, "pending is not enrolled: {manager}");
    // A code from the pending secret is no second factor yet.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let code = secret.code_at(now);
    let refund = env.plan_json("senior_agent@example.com", "refund booking 142");
    let action = refund["steps"][0]["action_id"].as_str().unwrap().to_owned();
    env.run_as("manager@example.com", ["approve", &action, "--yes", "--totp", &code])
        .exit(5)
        .stderr_has("has not confirmed theirs yet");
    // Confirming needs the owner's key and a right code.
    keyless(&env)
        .run_as("manager@example.com", ["staff", "totp", "confirm", "--totp", &code])
        .exit(3)
        .stderr_has("registered private key");
    env.run_as("manager@example.com", ["staff", "totp", "confirm", "--totp", "000000"]).exit(5);
    env.run_as("manager@example.com", ["staff", "totp", "confirm", "--totp", &code])
        .exit(0)
        .stdout_has("second factor active");
    let list = env.run_as(ADMIN, ["staff", "list", "-o", "json"]).exit(0).json();
    let manager =
        list.as_array().unwrap().iter().find(|s| s["email"] == "manager@example.com").unwrap().clone();
    assert_eq!(manager["totp_enrolled"], true);
    env.run_as("manager@example.com", ["staff", "totp", "confirm", "--totp", &code])
        .exit(1)
        .stderr_has("no TOTP enrollment to confirm");
}

fn totp_column(env: &Env, email: &str) -> String {
    env.scalar_text(&format!(
        "SELECT x.totp_secret FROM opsgate_staff_secrets x JOIN staff s ON s.id = x.staff_id WHERE s.email = '{email}'"
    ))
}

#[test]
fn secrets_are_sealed_at_rest_and_do_not_open_from_another_installation() {
    let env = Env::new().with_demo_data();
    let mut manager = crate::support::Authenticator::enroll(&env, "manager@example.com");
    let stored = totp_column(&env, "manager@example.com");
    assert!(stored.starts_with("sealed:v1:"), "{stored}");
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    let plan = env.plan_json(ADMIN, &format!("escalate complaint {open}"));
    assert!(plan["steps"][0]["confirmation_token"].is_string(), "{plan}");
    let token_key = env
        .scalar_text("SELECT value FROM opsgate_instance_secrets WHERE name = 'confirmation_token_hmac_v1'");
    assert!(token_key.starts_with("sealed:v1:"), "{token_key}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = env.config_dir().join("opsgate/instance.key");
        assert_eq!(std::fs::metadata(key).unwrap().permissions().mode() & 0o777, 0o600);
    }

    // The same database read from elsewhere: no token is minted, no code checked.
    let elsewhere = keyless(&env);
    elsewhere
        .run_as(ADMIN, ["plan", &format!("escalate complaint {open}")])
        .exit(1)
        .stderr_has("sealed with instance key");
    let refund = env.plan_json("senior_agent@example.com", "refund booking 142");
    let action = refund["steps"][0]["action_id"].as_str().unwrap().to_owned();
    elsewhere
        .run_as("manager@example.com", ["approve", &action, "--yes", "--totp", &manager.next_code()])
        .exit(1);

    // A sealed secret copied onto someone else's row does not open there.
    env.sql(&format!(
        "INSERT INTO opsgate_staff_secrets (staff_id, totp_secret) SELECT id, '{stored}' FROM staff WHERE email = '{ADMIN}' \
         ON CONFLICT (staff_id) DO UPDATE SET totp_secret = excluded.totp_secret"
    ))
    .unwrap();
    env.run_as(ADMIN, ["approve", &action, "--yes", "--totp", &manager.next_code()])
        .exit(5)
        .stderr_has("does not open");
}

#[test]
fn secrets_an_older_version_stored_in_clear_keep_working_and_are_sealed_on_first_use() {
    let env = Env::new().with_demo_data();
    let enrolled =
        env.run_as("manager@example.com", ["staff", "totp", "enroll", "-o", "json"]).exit(0).json();
    let secret_text = enrolled["secret"].as_str().unwrap().to_owned();
    let secret = opsgate::totp::TotpSecret::from_base32(&secret_text).unwrap();
    // As an older opsgate wrote it: the secret in clear, no confirmation step.
    env.sql(&format!(
        "UPDATE opsgate_staff_secrets SET totp_secret = '{secret_text}', totp_pending_secret = NULL \
         WHERE staff_id = (SELECT id FROM staff WHERE email = 'manager@example.com')"
    ))
    .unwrap();
    env.sql("INSERT INTO opsgate_instance_secrets (name, value, created_at) SELECT 'confirmation_token_hmac_v1', '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', created_at FROM staff LIMIT 1")
        .unwrap();
    let refund = env.plan_json("senior_agent@example.com", "refund booking 142");
    let action = refund["steps"][0]["action_id"].as_str().unwrap().to_owned();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    env.run_as("manager@example.com", ["approve", &action, "--yes", "--totp", &secret.code_at(now)])
        .exit(0)
        .stdout_has("now approved");
    let stored = totp_column(&env, "manager@example.com");
    assert!(stored.starts_with("sealed:v1:") && !stored.contains(&secret_text), "{stored}");
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    let plan = env.plan_json(ADMIN, &format!("escalate complaint {open}"));
    let token = plan["steps"][0]["confirmation_token"].as_str().unwrap().to_owned();
    let token_key = env
        .scalar_text("SELECT value FROM opsgate_instance_secrets WHERE name = 'confirmation_token_hmac_v1'");
    assert!(token_key.starts_with("sealed:v1:"), "{token_key}");
    // The resealed key is the same key: the token it minted executes.
    env.run_as(ADMIN, ["execute", plan["steps"][0]["action_id"].as_str().unwrap(), "--token", &token])
        .exit(0);
}
