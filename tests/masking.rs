//! The masking matrix: for every role without full PII access, no customer
//! e-mail or phone number appears in clear on any output path — the audit log,
//! dry-run, show, history, ask, drafts and playbook reports — in every format,
//! while timestamps stay whole. An admin sees the same values in clear, so
//! the matrix cannot pass because the values never appear at all.

use crate::support::{Env, Run, times_are_intact};

/// Roles without `ops.priority_queue.full_access`.
const READERS: [&str; 4] =
    ["analyst@example.com", "viewer@example.com", "agent@example.com", "support@example.com"];
const ADMIN: &str = "admin@example.com";
const USER: i64 = 12;
const NEW_EMAIL: &str = "jane.doe@example.org";
const NEW_PHONE: &str = "+49 151 2345 6789";

/// A customer's contact, in every form a leak could take.
struct Contact {
    email: String,
    phone: String,
}

impl Contact {
    fn of_user(env: &Env, id: i64) -> Contact {
        Contact {
            email: env.scalar_text(&format!("SELECT COALESCE(email, '') FROM users WHERE id = {id}")),
            phone: env.scalar_text(&format!("SELECT COALESCE(phone, '') FROM users WHERE id = {id}")),
        }
    }

    /// The forms that count as "in clear": as stored, and the phone with its separators removed.
    fn clear_forms(&self) -> Vec<String> {
        let compact: String = self.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        [self.email.clone(), self.phone.clone(), compact].into_iter().filter(|s| s.len() >= 6).collect()
    }
}

fn secrets(env: &Env, complaint_customer: &Contact) -> Vec<String> {
    let mut all = Contact::of_user(env, USER).clear_forms();
    all.extend(Contact { email: NEW_EMAIL.into(), phone: NEW_PHONE.into() }.clear_forms());
    all.extend(complaint_customer.clear_forms());
    all.sort();
    all.dedup();
    all
}

#[track_caller]
fn assert_masked(who: &str, what: &str, run: &Run, secrets: &[String]) {
    for secret in secrets {
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(!text.contains(secret.as_str()), "{who}: `{what}` shows {secret} on {stream}:\n{text}");
        }
    }
}

/// A world where the audit log, plans and history already hold customers' contacts.
fn world() -> (Env, i64, Contact) {
    let env = Env::new().with_demo_data();
    let complaint = env.scalar(
        "SELECT MIN(c.id) FROM complaints c JOIN users u ON u.id = c.user_id WHERE u.email LIKE '%@%'",
    );
    let customer_id = env.scalar(&format!("SELECT user_id FROM complaints WHERE id = {complaint}"));
    let customer = Contact::of_user(&env, customer_id);
    let user = Contact::of_user(&env, USER);
    assert!(user.email.contains('@') && user.phone.len() >= 8, "user {USER} has both contacts in the demo");
    env.run_as(ADMIN, ["plan", &format!("update phone of user {USER} to {NEW_PHONE}")]).exit(0);
    env.run_as(ADMIN, ["plan", &format!("update email of user {USER} to {NEW_EMAIL}")]).exit(0);
    env.run_as(ADMIN, ["ask", &format!("show user {USER}")]).exit(0);
    (env, complaint, customer)
}

#[test]
fn no_reader_without_full_access_sees_a_customers_contact_on_any_path() {
    let (env, complaint, customer) = world();
    let secrets = secrets(&env, &customer);
    let old = Contact::of_user(&env, USER);
    let update_phone = format!("update phone of user {USER} to {NEW_PHONE}");
    let update_email = format!("update email of user {USER} to {NEW_EMAIL}");
    let draft = format!("draft an email to the customer of complaint {complaint}");
    let find_by_email = format!("find user {}", old.email);
    let playbook = env.home.path().join("contacts.yaml");
    std::fs::write(
        &playbook,
        format!(
            "name: contacts\nsteps:\n  - id: user\n    ask: show user {USER}\n  - id: draft\n    ask: {draft}\n  - id: change\n    plan: {update_phone}\n"
        ),
    )
    .unwrap();
    let playbook = playbook.to_str().unwrap();

    for who in READERS {
        let mut paths: Vec<Vec<String>> = Vec::new();
        for format in ["table", "json", "yaml"] {
            paths.push(vec!["audit".into(), "query".into(), "-o".into(), format.into()]);
            paths.push(vec!["dry-run".into(), update_phone.clone(), "-o".into(), format.into()]);
            paths.push(vec!["dry-run".into(), update_email.clone(), "-o".into(), format.into()]);
            paths.push(vec!["plan".into(), update_phone.clone(), "-o".into(), format.into()]);
            paths.push(vec!["ask".into(), format!("show user {USER}"), "-o".into(), format.into()]);
            paths.push(vec!["ask".into(), find_by_email.clone(), "-o".into(), format.into()]);
            paths.push(vec!["ask".into(), draft.clone(), "-o".into(), format.into()]);
            paths.push(vec!["history".into(), "-o".into(), format.into()]);
            paths.push(vec!["playbook".into(), "run".into(), playbook.into(), "-o".into(), format.into()]);
        }
        paths.push(vec!["audit".into(), "query".into(), "--format".into(), "jsonl".into()]);
        for args in &paths {
            let run = env.run_as(who, args);
            assert!(run.code != 101 && run.code != -1, "{who}: {args:?} crashed:\n{}", run.stderr);
            assert_masked(who, &args.join(" "), &run, &secrets);
        }
        // They do read the customer: masked, not withheld.
        let masked = opsgate::pii::mask_email(&old.email);
        env.run_as(who, ["ask", &format!("show user {USER}"), "-o", "json"]).exit(0).stdout_has(&masked);
        let domain = customer.email.split_once('@').unwrap().1;
        env.run_as(who, ["ask", &draft]).exit(0).stdout_has(&format!("***@{domain}"));
        // Their own stored plans, shown back.
        let plan = env.run_as(who, ["plan", &update_email, "-o", "json"]).json();
        if let Some(id) = plan["plan_id"].as_str() {
            for format in ["table", "json", "yaml"] {
                let run = env.run_as(who, ["show", id, "-o", format]);
                assert_masked(who, &format!("show {id} -o {format}"), &run, &secrets);
            }
        }
        // Timestamps survive masking wherever a reader sees the trail.
        let history = env.run_as(who, ["history", "-o", "json"]);
        if history.code == 0 {
            times_are_intact(&history.stdout);
        }
    }
    // The analyst may read everyone's audit trail: it is there, masked, with its times.
    let audit = env
        .run_as(
            "analyst@example.com",
            ["audit", "query", "--actor", ADMIN, "--event", "step.*", "-o", "json"],
        )
        .exit(0);
    assert!(audit.stdout.contains("users.update"), "{}", audit.stdout);
    times_are_intact(&audit.stdout);
}

#[test]
fn an_admin_sees_the_same_paths_in_clear() {
    let (env, complaint, customer) = world();
    let old = Contact::of_user(&env, USER);
    let has = |args: &[&str], needle: &str| {
        let run = env.run_as(ADMIN, args);
        assert!(
            run.stdout.contains(needle),
            "admin: {args:?} lacks {needle}:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    };
    has(&["audit", "query", "-o", "json"], NEW_EMAIL);
    has(&["audit", "query", "--format", "jsonl"], NEW_PHONE);
    has(&["dry-run", &format!("update phone of user {USER} to {NEW_PHONE}"), "-o", "json"], &old.phone);
    has(&["dry-run", &format!("update email of user {USER} to {NEW_EMAIL}")], &old.email);
    has(&["ask", &format!("show user {USER}"), "-o", "json"], &old.email);
    has(&["ask", &format!("draft an email to the customer of complaint {complaint}")], &customer.email);
    has(&["history", "-o", "json"], NEW_EMAIL);
    let playbook = env.home.path().join("contacts.yaml");
    std::fs::write(&playbook, format!("name: contacts\nsteps:\n  - id: user\n    ask: show user {USER}\n"))
        .unwrap();
    has(&["playbook", "run", playbook.to_str().unwrap(), "-o", "json"], &old.email);
    let plan = env.plan_json(ADMIN, &format!("update email of user {USER} to {NEW_EMAIL}"));
    has(&["show", plan["plan_id"].as_str().unwrap(), "-o", "yaml"], NEW_EMAIL);
}
