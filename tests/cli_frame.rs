//! The command-line contract: subcommands, global flags, exit codes, the JSON error envelope.

use crate::support::Env;

#[test]
fn every_subcommand_of_the_design_is_in_help() {
    let env = Env::new();
    let help = env.run(["--help"]).exit(0);
    for command in [
        "ask",
        "plan",
        "dry-run",
        "execute",
        "approve",
        "history",
        "show",
        "seed",
        "audit",
        "playbook",
        "staff",
        "agent",
        "mcp",
        "completions",
    ] {
        assert!(help.stdout.contains(&format!("\n  {command} ")), "`{command}` missing from --help");
    }
    for flag in ["--db <URL>", "--as <EMAIL>", "--output <OUTPUT>", "--demo"] {
        assert!(help.stdout.contains(flag), "{flag} missing from --help");
    }
    env.run(["seed", "rbac", "--help"]).exit(0).stdout_has("--test-staff").stdout_has("--file <PATH>");
    env.run(["audit", "query", "--help"])
        .exit(0)
        .stdout_has("--actor")
        .stdout_has("--since")
        .stdout_has("--format");
    env.run(["execute", "--help"]).exit(0).stdout_has("--token").stdout_has("--totp");
}

#[test]
fn mcp_without_a_person_or_with_an_unknown_agent_is_a_one_line_error() {
    let env = Env::new().seeded();
    let run = env.run(["mcp"]).exit(2);
    assert!(run.stderr.contains("no acting person"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
    let json =
        env.run(["--as", "admin@example.com", "mcp", "--agent", "nobody", "-o", "json"]).exit(1).json();
    assert_eq!(json["error"]["code"], "not_found");
    assert!(json["error"]["message"].as_str().unwrap().contains("opsgate agent add nobody"));
}

#[test]
fn usage_errors_exit_2_and_use_the_envelope_in_json_mode() {
    let env = Env::new();
    env.run(["frobnicate"]).exit(2).stderr_has("unrecognized subcommand");
    let run = env.run(["audit", "query", "--limit", "many", "--output", "json"]).exit(2);
    let json = run.json();
    assert_eq!(json["error"]["code"], "usage");
    assert!(!json["error"]["message"].as_str().unwrap().contains('\n'));
    env.run(["--demo", "--db", "/tmp/x.db", "staff", "list"])
        .exit(2)
        .stderr_has("--demo and --db cannot be used together");
}

#[test]
fn errors_in_json_mode_print_only_the_envelope_on_stdout() {
    let env = Env::new().seeded();
    let run = env
        .run_as(
            "viewer@example.com",
            ["staff", "add", "a@example.com", "--name", "A", "--role", "agent", "-o", "json"],
        )
        .exit(3);
    let json = run.json();
    assert_eq!(json["error"]["code"], "denied");
    assert!(json["error"]["message"].as_str().unwrap().contains("ops.staff.edit"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn fast_commands_never_open_the_database() {
    let env = Env::new();
    let mut command = env.command();
    command.env("OPSGATE_DB", "postgres://nobody:secret@127.0.0.1:1/none").args(["completions", "bash"]);
    let run = crate::support::Run::from(command.output().unwrap()).exit(0);
    assert!(run.stdout.contains("opsgate"));
    let mut command = env.command();
    command.env("OPSGATE_DB", "postgres://nobody:secret@127.0.0.1:1/none").args(["seed", "--help"]);
    crate::support::Run::from(command.output().unwrap()).exit(0);
}

#[test]
fn an_unreachable_database_is_one_line_without_the_password() {
    let env = Env::new();
    let mut command = env.command();
    command.env("OPSGATE_DB", "postgres://ops:hunter2@127.0.0.1:1/ops").args(["staff", "list"]);
    let run = crate::support::Run::from(command.output().unwrap()).exit(1);
    assert!(run.stderr.contains("cannot connect to postgres://ops:***@127.0.0.1:1/ops"), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2"));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    env.run(["--db", "mysql://x/y", "staff", "list"]).exit(2).stderr_has("unsupported database URL");
}

#[test]
fn a_password_in_the_query_of_a_database_url_is_never_shown() {
    let env = Env::new();
    let mut command = env.command();
    command.env("OPSGATE_DB", "postgres://ops@127.0.0.1:1/ops?password=hunter2").args(["staff", "list"]);
    let run = crate::support::Run::from(command.output().unwrap()).exit(1);
    assert!(
        run.stderr.contains("cannot connect to postgres://ops@127.0.0.1:1/ops?password=***"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    let run =
        env.run(["--db", "mysql://ops:hunter2@x/y?password=hunter2", "staff", "list", "-o", "json"]).exit(2);
    assert!(run.stdout.contains("mysql://ops:***@x/y?password=***"), "{}", run.stdout);
    assert!(!run.stdout.contains("hunter2"), "{}", run.stdout);
}

#[test]
fn every_shell_gets_completions() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = env.run(["completions", shell]).exit(0);
        assert!(run.stdout.contains("opsgate"), "{shell}");
    }
    env.run(["completions", "tcsh"]).exit(2);
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_one_line_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let bad = std::ffi::OsStr::from_bytes(b"refund booking \xff");
    let run = env.run([std::ffi::OsStr::new("plan"), bad]).exit(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(r#"argument "refund booking \xFF" is not valid UTF-8"#), "{}", run.stderr);
    let run = env.run([std::ffi::OsStr::new("plan"), bad, "-o".as_ref(), "json".as_ref()]).exit(2);
    let json = run.json();
    assert_eq!(json["error"]["code"], "usage");
    assert!(json["error"]["message"].as_str().unwrap().contains("is not valid UTF-8"));
}

#[test]
fn sqlite_urls_name_the_file_without_their_query_and_honour_mode() {
    let env = Env::new();
    let dir = env.home.path();
    let run = |db: &str, args: &[&str]| {
        let mut command = env.command();
        command.current_dir(dir).arg("--db").arg(db).args(args);
        crate::support::Run::from(command.output().unwrap())
    };
    run("sqlite://rel/ops.db?mode=rwc", &["seed", "rbac", "--test-staff"]).exit(0);
    let names: Vec<String> = std::fs::read_dir(dir.join("rel"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"ops.db".to_owned()), "{names:?}");
    assert!(names.iter().all(|name| !name.contains('?')), "{names:?}");

    let read_only = format!("sqlite://{}?mode=ro", dir.join("rel/ops.db").display());
    run(&read_only, &["--as", "admin@example.com", "staff", "list"]).exit(0).stdout_has("viewer@example.com");
    run(
        &read_only,
        &["--as", "admin@example.com", "staff", "add", "a@example.com", "--name", "A", "--role", "agent"],
    )
    .exit(1)
    .stderr_has("readonly");
    run("sqlite:rel/ops.db?mode=rw", &["--as", "admin@example.com", "staff", "list"]).exit(0);

    for mode in ["ro", "rw"] {
        run(&format!("sqlite:missing.db?mode={mode}"), &["staff", "list"])
            .exit(1)
            .stderr_has("does not exist");
    }
    assert!(!dir.join("missing.db").exists());
    run("sqlite:rel/ops.db?mode=memory", &["staff", "list"]).exit(2).stderr_has("in-memory");
    run("sqlite:rel/ops.db?cache=shared", &["staff", "list"])
        .exit(2)
        .stderr_has("unknown SQLite URL parameter");
}
