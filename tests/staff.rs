//! `opsgate staff`: people management, authorized and audited.

use crate::support::Env;

fn audit_events(env: &Env, event: &str) -> serde_json::Value {
    env.run(["audit", "query", "--event", event, "-o", "json"]).exit(0).json()
}

#[test]
fn the_first_staff_member_of_an_empty_database_bootstraps_without_anyone_acting() {
    let env = Env::new();
    env.run(["seed", "rbac"]).exit(0);
    env.run(["staff", "add", "boss@corp.example", "--name", "Boss", "--role", "super_admin"])
        .exit(0)
        .stdout_has("boss@corp.example: added (super_admin)");
    env.run(["staff", "add", "sneaky@corp.example", "--name", "Sneaky", "--role", "super_admin"])
        .exit(2)
        .stderr_has("pass --as EMAIL");
    let adds = audit_events(&env, "staff.add");
    assert_eq!(adds[0]["actor"]["kind"], "system");
    assert_eq!(adds[0]["actor"]["id"], "os:ci");
}

#[test]
fn adding_staff_needs_staff_edit() {
    let env = Env::new().seeded();
    env.run_as("viewer@example.com", ["staff", "add", "x@example.com", "--name", "X", "--role", "agent"])
        .exit(3)
        .stderr_has("lacks the permission `ops.staff.edit`");
    env.run_as("nobody@example.com", ["staff", "list"]).exit(3).stderr_has("not a staff member");
    env.run_as("admin@example.com", ["staff", "add", "x@example.com", "--name", "X", "--role", "pilot"])
        .exit(1)
        .stderr_has("unknown role `pilot`; roles are: super_admin, admin, manager");
    env.run_as("admin@example.com", ["staff", "add", "not-an-email", "--name", "X", "--role", "agent"])
        .exit(2)
        .stderr_has("is not an e-mail address");
    env.run_as("admin@example.com", ["staff", "add", "agent@example.com", "--name", "X", "--role", "agent"])
        .exit(2)
        .stderr_has("already exists");
}

#[test]
fn role_changes_are_planned_and_refused_to_anyone_who_could_not_grant_them() {
    let env = Env::new().seeded();
    env.run_as("admin@example.com", ["staff", "add", "kim@example.com", "--name", "Kim", "--role", "agent"])
        .exit(0);
    env.run_as("agent@example.com", ["staff", "set-role", "kim@example.com", "manager"])
        .exit(3)
        .says("ops.staff.edit");
    env.run_as("admin@example.com", ["staff", "set-role", "admin@example.com", "super_admin"])
        .exit(3)
        .says("nobody may change their own access");
    // Nobody gives a role more senior than their own, or changes someone more senior.
    env.run_as("admin@example.com", ["staff", "set-role", "kim@example.com", "super_admin"])
        .exit(3)
        .says("more senior than their own");
    env.run_as("admin@example.com", ["staff", "set-role", "super_admin@example.com", "viewer"])
        .exit(3)
        .says("their role is more senior");
    env.run_as("admin@example.com", ["staff", "deactivate", "super_admin@example.com"])
        .exit(3)
        .says("their role is more senior");
    // An allowed change is a plan waiting for a second person, not a change.
    let plan = env
        .run_as("admin@example.com", ["staff", "set-role", "kim@example.com", "senior_agent", "-o", "json"])
        .exit(0)
        .json();
    assert_eq!(plan["steps"][0]["action"], "staff.set_role");
    assert_eq!(plan["steps"][0]["status"], "pending_approval", "{plan}");
    assert_eq!(plan["steps"][0]["second_factor"], true, "{plan}");
    let list = env.run_as("admin@example.com", ["staff", "list", "-o", "json"]).exit(0).json();
    let kim = list.as_array().unwrap().iter().find(|s| s["email"] == "kim@example.com").unwrap().clone();
    assert_eq!(kim["role"], "agent", "nothing changes before approval");
}

#[test]
fn keygen_rotates_to_a_new_key_and_keeps_the_old_one_registered() {
    let env = Env::new().seeded();
    let keys = opsgate::keys::KeyDir::new(env.key_dir());
    let old = keys.read("manager@example.com").unwrap().public_hex();
    let run = env.run_as("manager@example.com", ["staff", "keygen", "-o", "json"]).exit(0).json();
    let new = keys.read("manager@example.com").unwrap().public_hex();
    assert_ne!(old, new);
    assert_eq!(run["public_key"], new.as_str());
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE s.email = 'manager@example.com' AND k.revoked_at IS NULL"),
        2
    );
    let events = audit_events(&env, "staff.keygen");
    assert_eq!(events[0]["result"]["public_key"], new.as_str());
}

#[test]
fn staff_list_shows_everyone_to_those_who_may_see_staff() {
    let env = Env::new().seeded();
    let run = env.run_as("manager@example.com", ["staff", "list"]).exit(0);
    for role in ["super_admin", "admin", "manager", "senior_agent", "agent", "support", "analyst", "viewer"] {
        assert!(run.stdout.contains(&format!("{role}@example.com")), "{role} missing:\n{}", run.stdout);
    }
    env.run_as("support@example.com", ["staff", "list"]).exit(3).stderr_has("ops.staff.view");
}

#[test]
fn hidden_characters_in_a_name_are_shown_as_escapes() {
    let env = Env::new().seeded();
    env.run_as(
        "admin@example.com",
        ["staff", "add", "eve@example.com", "--name", "Eve\u{202e}nimda\u{200b}\u{e0041}", "--role", "agent"],
    )
    .exit(0);
    let run = env.run_as("admin@example.com", ["staff", "list"]).exit(0);
    assert!(run.stdout.contains(r"Eve\u{202e}nimda\u{200b}\u{e0041}"), "{}", run.stdout);
    assert!(!run.stdout.contains(['\u{202e}', '\u{200b}', '\u{e0041}']), "{}", run.stdout);
}

#[test]
fn json_and_yaml_escape_hidden_characters_and_parse_back_to_the_same_name() {
    let env = Env::new().seeded();
    let name = "Eve\u{202e}nimda\u{200b} \"x\" \u{e0041}";
    env.run_as("admin@example.com", ["staff", "add", "eve@example.com", "--name", name, "--role", "agent"])
        .exit(0);
    let json = env.run_as("admin@example.com", ["staff", "list", "-o", "json"]).exit(0);
    let yaml = env.run_as("admin@example.com", ["staff", "list", "-o", "yaml"]).exit(0);
    for (format, text) in [("json", &json.stdout), ("yaml", &yaml.stdout)] {
        assert!(!text.contains(['\u{202e}', '\u{200b}', '\u{e0041}']), "{format}:\n{text}");
    }
    assert!(json.stdout.contains(r"Eve\u202enimda\u200b"), "{}", json.stdout);
    assert!(yaml.stdout.contains(r"Eve\u202Enimda\u200B"), "{}", yaml.stdout);
    let from_json = json.json();
    let from_yaml: serde_json::Value = serde_saphyr::from_str(&yaml.stdout).unwrap();
    for staff in [&from_json, &from_yaml] {
        let eve = staff.as_array().unwrap().iter().find(|s| s["email"] == "eve@example.com").unwrap();
        assert_eq!(eve["name"], name);
    }
}

#[test]
fn the_jsonl_audit_export_and_the_json_error_envelope_escape_hidden_characters() {
    let env = Env::new().seeded();
    let name = "Eve\u{202e}nimda\u{200b}\u{e0041}";
    env.run_as("admin@example.com", ["staff", "add", "eve@example.com", "--name", name, "--role", "agent"])
        .exit(0);
    let export = env.run(["audit", "query", "--event", "staff.add", "--format", "jsonl"]).exit(0);
    assert!(!export.stdout.contains(['\u{202e}', '\u{200b}', '\u{e0041}']), "{}", export.stdout);
    assert!(export.stdout.contains(r"Eve\u202enimda\u200b\udb40\udc41"), "{}", export.stdout);
    let added: Vec<serde_json::Value> =
        export.stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert!(added.iter().any(|entry| entry["payload"]["name"] == name), "{}", export.stdout);

    let role = "pil\u{202e}ot";
    let refused = env
        .run_as(
            "admin@example.com",
            ["staff", "add", "x@example.com", "--name", "X", "--role", role, "-o", "json"],
        )
        .exit(1);
    assert!(!refused.stdout.contains('\u{202e}'), "{}", refused.stdout);
    assert!(refused.stdout.contains(r"pil\u202eot"), "{}", refused.stdout);
    let message = refused.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains(&format!("unknown role `{role}`")), "{message}");
}
