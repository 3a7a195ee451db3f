//! `opsgate playbook validate|run` against the real binary: located errors that
//! write nothing, suggest-only runs, the execute gate, the lock between
//! overlapping runs, `for_each` and `when` on the demo data, and the audit trail.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use opsgate::store::Pool;

use crate::support::terminal::{Killed, on_a_terminal, wait_for};
use crate::support::{Env, Run, block_on, repo_root};

const ADMIN: &str = "admin@example.com";

fn example(name: &str) -> String {
    repo_root().join("playbooks").join(name).display().to_string()
}

/// Writes a playbook into the test's home directory.
fn playbook(env: &Env, name: &str, text: &str) -> String {
    let path: PathBuf = env.home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// What a run may have written: stored plans and actions, audit entries, runs, and the ops tables.
#[derive(Debug, PartialEq)]
struct Written {
    plans: i64,
    actions: i64,
    audit: i64,
    runs: i64,
    ops: String,
}

fn written(env: &Env) -> Written {
    Written {
        plans: env.scalar("SELECT COUNT(*) FROM opsgate_plans"),
        actions: env.scalar("SELECT COUNT(*) FROM opsgate_actions"),
        audit: env.scalar("SELECT COUNT(*) FROM opsgate_audit_log"),
        runs: env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs"),
        ops: env.ops_checksum(),
    }
}

/// `(line, column)` (1-based) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the playbook"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (text[..offset].matches('\n').count() + 1, text[line_start..offset].chars().count() + 1)
}

/// Playbook events of the audit log, oldest first.
fn playbook_audit(env: &Env) -> Vec<Value> {
    let out = env
        .run_as(ADMIN, ["audit", "query", "--event", "playbook.*", "--limit", "1000", "-o", "json"])
        .exit(0);
    out.json().as_array().unwrap().clone()
}

fn step<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step {id}"))
}

/// Every action a step planned.
fn actions(step: &Value) -> Vec<&Value> {
    step["plans"].as_array().unwrap().iter().flat_map(|p| p["actions"].as_array().unwrap().iter()).collect()
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// The ids a query returns, on either backend.
fn ids(env: &Env, sql: &str) -> BTreeSet<i64> {
    let sql = sql.to_owned();
    block_on(async {
        let store = env.store().await;
        let ids: Vec<i64> = match store.pool() {
            Pool::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await,
            Pool::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await,
        }
        .unwrap();
        store.close().await;
        ids.into_iter().collect()
    })
}

fn staff_id(env: &Env, email: &str) -> i64 {
    env.scalar(&format!("SELECT id FROM staff WHERE email = '{email}'"))
}

#[test]
fn the_examples_validate_without_opening_a_database() {
    let env = Env::new();
    for name in
        ["daily-sla-check", "weekly-revenue-report", "provider-approval-backlog", "stale-priority-queue"]
    {
        let out =
            env.run(["playbook", "validate", &example(&format!("{name}.yaml")), "-o", "json"]).exit(0).json();
        assert_eq!(out["valid"], true);
        assert_eq!(out["name"], name);
        assert_eq!(out["mode"], "suggest", "{name}: examples are suggest-only");
    }
    if !env.is_postgres() {
        assert!(!PathBuf::from(&env.db_url).exists(), "validate opened the database");
    }
}

#[test]
fn malformed_yaml_unknown_kinds_and_undefined_variables_are_located_and_nothing_is_written() {
    let env = Env::new().with_demo_data();
    let before = written(&env);
    // (file text, the text the error must point at, words of the message)
    let cases: &[(&str, &str, &str)] = &[
        ("name: broken\nsteps:\n  - ask: [which complaints\n", "which complaints", "expected"),
        ("name: broken\nsteps:\n  - id: a\n    ask: fine\n   bad_indent: 1\n", "bad_indent", ""),
        ("name: kinds\nsteps:\n  - id: a\n    exec: rm -rf /\n", "exec", "unknown step kind or field `exec`"),
        ("name: kinds\nsteps:\n  - id: a\n    when: 'true'\n", "id: a", "has no kind"),
        (
            "name: vars\nsteps:\n  - id: risky\n    ask: which complaints are about to breach SLA?\n  - id: escalate\n    for_each: steps.risky.rows\n    plan: \"escalate complaint {{ itme.id }}\"\n",
            "itme.id",
            "undefined template variable `itme`",
        ),
        (
            "name: vars\nvars:\n  limit: 3\nsteps:\n  - id: a\n    ask: top {{ vars.limt }} pending priority queue items\n",
            "vars.limt",
            "undefined template variable `vars.limt`",
        ),
        (
            "name: vars\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    ask: list {{ env.HOME }} providers\n",
            "env.HOME",
            "only environment variables listed under `env`",
        ),
        // A subscript is the same read as a dot, and a branch that would not run is still read.
        (
            "name: vars\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    ask: list {{ env['HOME'] }} providers\n",
            "env['HOME']",
            "undefined template variable `env.HOME`",
        ),
        (
            "name: vars\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    ask: list {{ env[\"HOME\"] }} providers\n",
            "env[\"HOME\"]",
            "undefined template variable `env.HOME`",
        ),
        (
            "name: vars\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    ask: \"{% if false %}{{ env['HOME'] }}{% endif %}list providers\"\n",
            "env['HOME']",
            "only environment variables listed under `env`",
        ),
        (
            "name: vars\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    when: env[name] == 'x'\n    ask: list providers\n",
            "env[name]",
            "`env` is read one listed variable at a time",
        ),
        (
            "name: vars\nvars:\n  limit: 3\nsteps:\n  - id: a\n    ask: top {{ vars['limt'] }} pending priority queue items\n",
            "vars['limt']",
            "undefined template variable `vars.limt`",
        ),
        (
            "name: vars\nsteps:\n  - id: a\n    when: steps.b.count > 0\n    ask: list pending providers\n  - id: b\n    ask: list pending providers\n",
            "steps.b.count",
            "step `b` runs later",
        ),
        (
            "name: vars\nsteps:\n  - id: a\n    ask: list pending providers\n  - id: b\n    action: providers.approve\n    params:\n      provider_id: \"{{ item.id }}\"\n",
            "item.id",
            "`item` is defined only in steps with `for_each`",
        ),
        (
            "name: vars\nsteps:\n  - id: a\n    action: providers.aprove\n    params: {provider_id: 3}\n",
            "providers.aprove",
            "unknown action `providers.aprove`",
        ),
    ];
    for (index, (text, at, words)) in cases.iter().enumerate() {
        let file = playbook(&env, &format!("case{index}.yaml"), text);
        let (line, column) = position(text, at);
        for command in ["validate", "run"] {
            let run = env.run_as(ADMIN, ["playbook", command, &file]).exit(1);
            let message = run.stderr.trim();
            assert_eq!(message.lines().count(), 1, "{message}");
            let prefix = format!("error: {file}:{line}:");
            assert!(
                message.starts_with(&prefix),
                "case {index} ({command}): expected {prefix}…, got {message}"
            );
            let column_found: usize = message[prefix.len()..].split(':').next().unwrap().parse().unwrap();
            if !words.is_empty() && *words != "expected" {
                assert_eq!(column_found, column, "case {index} ({command}): {message}");
            }
            assert!(message.contains(words), "case {index} ({command}): {message}");
        }
        let json = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(1).json();
        assert_eq!(json["error"]["code"], "invalid_file");
    }
    assert_eq!(written(&env), before, "a refused playbook wrote something");
}

#[test]
fn a_suggest_run_writes_nothing_to_the_ops_tables_and_audits_every_step() {
    let env = Env::new().with_demo_data();
    let before = written(&env);
    let run = env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml"), "-o", "json"]).exit(0);
    assert!(!run.stdout.contains("ogt1."), "a confirmation token reached the report");
    assert!(run.stderr.is_empty(), "cron gets the report alone on stdout: {}", run.stderr);
    let report = run.json();
    assert_eq!(report["status"], "succeeded");
    assert_eq!(report["mode"], "suggest");
    assert_eq!(report["acting"], ADMIN);
    let after = written(&env);
    assert_eq!(after.ops, before.ops, "a suggest run changed the ops tables");

    let at_risk = step(&report, "at_risk");
    assert_eq!(at_risk["status"], "succeeded");
    let rows = at_risk["answers"][0]["rows"].as_array().unwrap();
    assert!(rows.len() >= 3, "the demo has complaints at risk");
    let escalate = step(&report, "escalate");
    let planned = actions(escalate);
    assert_eq!(escalate["count"].as_u64().unwrap() as usize, planned.len());
    assert_eq!(after.plans - before.plans, planned.len() as i64);
    assert_eq!(after.actions - before.actions, planned.len() as i64);
    for action in &planned {
        assert_eq!(action["action"], "complaints.escalate");
        assert_eq!(action["status"], "pending_confirmation");
        assert!(action["next"].as_str().unwrap().starts_with("opsgate execute a"));
    }
    assert_eq!(report["totals"]["pending_confirmation"].as_u64().unwrap() as usize, planned.len());
    let stored: i64 = env.scalar(&format!(
        "SELECT COUNT(*) FROM opsgate_actions WHERE status = 'pending_confirmation' AND id > {}",
        before.actions
    ));
    assert_eq!(stored, planned.len() as i64);

    // The run and each step are audited with the playbook's name and the run id.
    let run_id = report["run_id"].as_str().unwrap();
    let events: Vec<(String, String, String)> = playbook_audit(&env)
        .iter()
        .map(|e| {
            assert_eq!(e["payload"]["playbook"], "daily-sla-check");
            assert_eq!(e["actor"]["id"], ADMIN);
            (
                e["event"].as_str().unwrap().to_owned(),
                e["payload"]["run_id"].as_str().unwrap().to_owned(),
                e["payload"]["step"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("playbook.started", ""),
        ("playbook.step", "at_risk"),
        ("playbook.step", "escalate"),
        ("playbook.finished", ""),
    ]
    .iter()
    .map(|(event, step)| (event.to_string(), run_id.to_owned(), step.to_string()))
    .collect();
    assert_eq!(events, expected);
    let step_entry = playbook_audit(&env).into_iter().find(|e| e["payload"]["step"] == "escalate").unwrap();
    let plan_ids: Vec<&Value> = escalate["plans"].as_array().unwrap().iter().map(|p| &p["plan_id"]).collect();
    assert_eq!(step_entry["payload"]["plan_ids"].as_array().unwrap().iter().collect::<Vec<_>>(), plan_ids);
    assert_eq!(env.scalar_text("SELECT status FROM opsgate_playbook_runs"), "succeeded");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs WHERE finished_at IS NULL"), 0);
    env.run_as(ADMIN, ["audit", "verify"]).exit(0);
}

#[test]
fn for_each_and_when_follow_the_demo_data() {
    let env = Env::new().with_demo_data();
    // The SLA check escalates every at-risk complaint that is not escalated yet, at most 25.
    let report =
        env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml"), "-o", "json"]).exit(0).json();
    let rows = step(&report, "at_risk")["answers"][0]["rows"].as_array().unwrap().clone();
    let considered: Vec<&Value> = rows.iter().take(25).collect();
    let expected: Vec<i64> =
        considered.iter().filter(|r| r["status"] != "escalated").map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(
        considered.iter().any(|r| r["status"] == "escalated"),
        "the demo has escalated complaints at risk"
    );
    let escalate = step(&report, "escalate");
    let planned: Vec<i64> =
        actions(escalate).iter().map(|a| a["params"]["complaint_id"].as_i64().unwrap()).collect();
    assert_eq!(planned, expected);
    assert_eq!(escalate["skipped"].as_u64().unwrap() as usize, considered.len() - expected.len());
    let escalated: BTreeSet<i64> =
        rows.iter().filter(|r| r["status"] == "escalated").map(|r| r["id"].as_i64().unwrap()).collect();
    for id in &escalated {
        assert_eq!(env.scalar_text(&format!("SELECT status FROM complaints WHERE id = {id}")), "escalated");
    }

    // `--var` narrows the slice: the first two at-risk complaints only.
    let two = env
        .run_as(
            ADMIN,
            ["playbook", "run", &example("daily-sla-check.yaml"), "--var", "max_escalations=2", "-o", "json"],
        )
        .exit(0)
        .json();
    let escalate = step(&two, "escalate");
    assert_eq!(escalate["count"].as_u64().unwrap() + escalate["skipped"].as_u64().unwrap(), 2);

    // Providers waiting longer than N days, from the database itself.
    let waiting = |days: i64| -> BTreeSet<i64> {
        let cutoff =
            (Utc::now() - chrono::Duration::days(days)).to_rfc3339_opts(SecondsFormat::Micros, false);
        ids(&env, &format!("SELECT id FROM providers WHERE status = 'pending' AND created_at < '{cutoff}'"))
    };
    for days in [7, 12, 0] {
        let report = env
            .run_as(
                ADMIN,
                [
                    "playbook",
                    "run",
                    &example("provider-approval-backlog.yaml"),
                    "--var",
                    &format!("waiting_days={days}"),
                    "-o",
                    "json",
                ],
            )
            .exit(0)
            .json();
        let review = step(&report, "review_oldest");
        let planned: BTreeSet<i64> =
            actions(review).iter().map(|a| a["params"]["provider_id"].as_i64().unwrap()).collect();
        assert_eq!(planned, waiting(days), "waiting_days={days}");
        assert!(
            actions(review)
                .iter()
                .all(|a| a["action"] == "providers.approve" && a["status"] == "pending_confirmation")
        );
        let pending_rows = step(&report, "pending")["answers"][0]["rows"].as_array().unwrap().len();
        assert_eq!(
            review["count"].as_u64().unwrap() + review["skipped"].as_u64().unwrap(),
            pending_rows as u64
        );
    }

    // `when` on a step without `for_each` reads earlier outputs; a false one skips the step.
    let file = playbook(
        &env,
        "when.yaml",
        "name: when\nsteps:\n  - id: pending\n    ask: list pending providers\n  - id: none_waiting\n    when: steps.pending.rows | length == 0\n    ask: list approved providers\n  - id: some_waiting\n    when: steps.pending.rows | length > 0 and steps.none_waiting.status == 'skipped'\n    ask: top 5 pending priority queue items\n",
    );
    let report = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(0).json();
    assert_eq!(step(&report, "none_waiting")["status"], "skipped");
    assert_eq!(step(&report, "none_waiting")["count"], 0);
    assert_eq!(step(&report, "some_waiting")["status"], "succeeded");
    assert_eq!(step(&report, "some_waiting")["answers"][0]["rows"].as_array().unwrap().len(), 5);
}

#[test]
fn execute_must_be_asked_by_the_file_and_the_command_line() {
    let env = Env::new().with_demo_data();
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    let execute = playbook(
        &env,
        "execute.yaml",
        &format!(
            "name: execute\nmode: execute\nallow_execute: true\nsteps:\n  - plan: escalate complaint {open}\n"
        ),
    );
    let not_allowed = playbook(
        &env,
        "not-allowed.yaml",
        &format!("name: not-allowed\nmode: execute\nsteps:\n  - plan: escalate complaint {open}\n"),
    );
    let suggest = playbook(
        &env,
        "suggest.yaml",
        &format!("name: suggest\nsteps:\n  - plan: escalate complaint {open}\n"),
    );
    let before = written(&env);
    env.run_as(ADMIN, ["playbook", "run", &execute]).exit(2).stderr_has("also needs --allow-execute");
    env.run_as(ADMIN, ["playbook", "run", &suggest, "--allow-execute"])
        .exit(2)
        .stderr_has("does not ask for `mode: execute`");
    env.run_as(ADMIN, ["playbook", "run", &not_allowed, "--allow-execute"])
        .exit(2)
        .stderr_has("without `allow_execute: true`");
    let json = env.run_as(ADMIN, ["playbook", "run", &execute, "-o", "json"]).exit(2).json();
    assert_eq!(json["error"]["code"], "usage");
    assert_eq!(written(&env), before, "a refused execute run wrote something");

    // Both ask for it; without a terminal (cron) the write waits for a person: exit 4.
    let report =
        env.run_as(ADMIN, ["playbook", "run", &execute, "--allow-execute", "-o", "json"]).exit(4).json();
    assert_eq!(report["mode"], "execute");
    assert_eq!(report["status"], "waiting");
    let action = actions(&report["steps"][0])[0].clone();
    assert_eq!(action["status"], "pending_confirmation");
    assert!(action["note"].as_str().unwrap().contains("no terminal"));
    assert_eq!(env.scalar_text(&format!("SELECT status FROM complaints WHERE id = {open}")), "open");
    assert_eq!(written(&env).ops, before.ops);
}

#[test]
fn an_execute_run_on_a_terminal_holds_the_lock_until_each_write_is_answered() {
    let env = Env::new().with_demo_data();
    let open: Vec<i64> = (0..2)
        .map(|n| {
            env.scalar(&format!(
                "SELECT id FROM complaints WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET {n}"
            ))
        })
        .collect();
    let file = playbook(
        &env,
        "confirm.yaml",
        &format!(
            "name: confirm\nmode: execute\nallow_execute: true\nsteps:\n  - id: first\n    plan: escalate complaint {}\n  - id: second\n    plan: escalate complaint {}\n",
            open[0], open[1]
        ),
    );
    let planned_before = env.scalar("SELECT COUNT(*) FROM opsgate_actions");
    let mut first =
        on_a_terminal(env.std_command(), &["--as", ADMIN, "playbook", "run", &file, "--allow-execute"]);
    wait_for("the first run to plan its first write and ask", || {
        env.scalar("SELECT COUNT(*) FROM opsgate_actions") == planned_before + 1
    });
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs WHERE finished_at IS NULL"), 1);
    // The first run waits at its terminal prompt and holds the lock: a second run does nothing.
    let before = written(&env);
    let second = env.run_as(ADMIN, ["playbook", "run", &file, "--allow-execute"]).exit(1);
    assert!(second.stderr.contains("playbook `confirm` is already running"), "{}", second.stderr);
    assert!(second.stderr.contains("as admin@example.com"), "{}", second.stderr);
    let after = written(&env);
    assert_eq!((after.plans, after.runs, after.ops.clone()), (before.plans, before.runs, before.ops.clone()));
    assert_eq!(after.audit, before.audit + 1, "only the refusal is audited");
    let refusal = playbook_audit(&env).pop().unwrap();
    assert_eq!(refusal["event"], "playbook.locked");
    assert_eq!(refusal["status"], "refused");

    // Yes to the first write, no to the second.
    let mut stdin = first.child().stdin.take().unwrap();
    stdin.write_all(b"y").unwrap();
    stdin.flush().unwrap();
    wait_for("the first write to run", || {
        env.scalar_text(&format!("SELECT status FROM complaints WHERE id = {}", open[0])) == "escalated"
    });
    wait_for("the second write to be planned", || {
        env.scalar("SELECT COUNT(*) FROM opsgate_actions") == planned_before + 2
    });
    std::thread::sleep(Duration::from_millis(300));
    stdin.write_all(b"n").unwrap();
    stdin.flush().unwrap();
    let run = first.finish();
    assert_eq!(run.code, 4, "the second write still waits: exit 4\n{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("1 executed"), "{}", run.stdout);
    assert_eq!(env.scalar_text(&format!("SELECT status FROM complaints WHERE id = {}", open[1])), "open");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs WHERE finished_at IS NULL"), 0);
    assert_eq!(
        env.scalar_text("SELECT status FROM opsgate_playbook_runs ORDER BY id DESC LIMIT 1"),
        "waiting"
    );
}

#[test]
fn overlapping_runs_never_run_at_the_same_time() {
    let env = Env::new().with_demo_data();
    let items = 600;
    let file = playbook(
        &env,
        "busy.yaml",
        &format!(
            "name: busy\nsteps:\n  - for_each: range({items})\n    plan: show booking {{{{ item % 200 + 1 }}}}\n"
        ),
    );
    let runs: Vec<Killed> = (0..4)
        .map(|_| {
            let mut command = env.std_command();
            command
                .args(["--as", ADMIN, "playbook", "run", &file, "-o", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            Killed(Some(command.spawn().unwrap()))
        })
        .collect();
    let (mut succeeded, mut refused) = (0, 0);
    for run in runs {
        let run = run.finish();
        match run.code {
            0 => succeeded += 1,
            1 => {
                let error = run.json();
                assert_eq!(error["error"]["code"], "conflict", "{}", run.stdout);
                let message = error["error"]["message"].as_str().unwrap();
                assert!(
                    message.contains("is already running") || message.contains("at the same moment"),
                    "{message}"
                );
                refused += 1;
            }
            other => panic!("exit {other}\n{}\n{}", run.stdout, run.stderr),
        }
    }
    eprintln!("{succeeded} runs went ahead, {refused} found the lock taken");
    assert!(succeeded >= 1);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs"), succeeded);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), succeeded * items);
    let locked = playbook_audit(&env).iter().filter(|e| e["event"] == "playbook.locked").count();
    assert_eq!(locked, refused);
    // The runs that went ahead did so one after another.
    let spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = block_on(async {
        let store = env.store().await;
        let sql = "SELECT started_at, finished_at FROM opsgate_playbook_runs ORDER BY started_at";
        let spans = match store.pool() {
            Pool::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
            Pool::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
        .unwrap();
        store.close().await;
        spans
    });
    for pair in spans.windows(2) {
        assert!(pair[0].1 < pair[1].0, "two runs overlapped: {pair:?}");
    }
}

/// A process that stays alive until killed, to hold a lock in the test's name.
fn live_process() -> Killed {
    let child = Command::new("sleep")
        .arg("120")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Killed(Some(child))
}

fn hold_lock(env: &Env, playbook: &str, holder: &str, started_at: &str) -> i64 {
    env.sql(&format!(
        "INSERT INTO opsgate_playbook_runs (playbook, file, file_sha256, mode, staff_id, holder, status, started_at) \
         VALUES ('{playbook}', 'elsewhere.yaml', 'x', 'suggest', {}, '{holder}', 'running', '{started_at}')",
        staff_id(env, "manager@example.com")
    ))
    .unwrap();
    env.scalar(&format!(
        "SELECT id FROM opsgate_playbook_runs WHERE playbook = '{playbook}' AND finished_at IS NULL"
    ))
}

#[test]
fn a_second_run_reports_the_lock_and_a_dead_holder_loses_it() {
    let env = Env::new().with_demo_data();
    let host = opsgate::pipeline::host_name();
    let mut holder_process = live_process();
    let holder = format!("manager@example.com@{host}:{}", holder_process.id());
    let held = hold_lock(&env, "daily-sla-check", &holder, &now_text());
    let before = written(&env);

    let run = env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml")]).exit(1);
    let message = run.stderr.trim();
    assert!(message.contains("playbook `daily-sla-check` is already running"), "{message}");
    assert!(message.contains(&format!("run r{held} as manager@example.com")), "{message}");
    assert!(message.contains(&holder), "{message}");
    assert!(message.contains("nothing was done"), "{message}");
    assert!(run.stdout.is_empty());
    let json =
        env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml"), "-o", "json"]).exit(1).json();
    assert_eq!(json["error"]["code"], "conflict");
    let after = written(&env);
    assert_eq!((after.plans, after.actions, after.runs), (before.plans, before.actions, before.runs));
    assert_eq!(after.ops, before.ops);
    assert_eq!(after.audit, before.audit + 2, "two refusals, audited, and nothing else");
    assert!(playbook_audit(&env).iter().all(|e| e["event"] == "playbook.locked"));

    // Another playbook is not blocked by it.
    env.run_as(ADMIN, ["playbook", "run", &example("weekly-revenue-report.yaml")]).exit(0);

    // The holder dies (a crashed cron job): the next run takes the lock over.
    holder_process.kill();
    let report =
        env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml"), "-o", "json"]).exit(0).json();
    assert_eq!(report["lock_recovered"]["run_id"], format!("r{held}"));
    assert!(report["lock_recovered"]["reason"].as_str().unwrap().contains("is gone"));
    assert_eq!(
        env.scalar_text(&format!("SELECT status FROM opsgate_playbook_runs WHERE id = {held}")),
        "abandoned"
    );
    let recovered =
        playbook_audit(&env).into_iter().find(|e| e["event"] == "playbook.lock_recovered").unwrap();
    assert_eq!(recovered["payload"]["abandoned_run_id"], format!("r{held}"));
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs WHERE finished_at IS NULL"), 0);
}

#[test]
fn a_lock_held_on_another_host_lasts_until_lock_timeout() {
    let env = Env::new().with_demo_data();
    let file = playbook(
        &env,
        "remote.yaml",
        "name: remote\nlock_timeout: 1h\nsteps:\n  - ask: list pending providers\n",
    );
    let minutes_ago =
        |m: i64| (Utc::now() - chrono::Duration::minutes(m)).to_rfc3339_opts(SecondsFormat::Micros, false);
    let held = hold_lock(&env, "remote", "ops@other-host.example:4242", &minutes_ago(50));
    env.run_as(ADMIN, ["playbook", "run", &file]).exit(1).stderr_has("is already running");
    env.sql(&format!(
        "UPDATE opsgate_playbook_runs SET started_at = '{}' WHERE id = {held}",
        minutes_ago(61)
    ))
    .unwrap();
    let report = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(0).json();
    assert!(report["lock_recovered"]["reason"].as_str().unwrap().contains("lock_timeout"));
}

#[test]
fn a_failed_step_stops_the_run_unless_on_error_says_continue() {
    let env = Env::new().with_demo_data();
    // `item.nope` passes `validate` (rows have no schema) and fails strictly at run time,
    // before anything of the step is written.
    let text = "name: failing\nsteps:\n  - id: pending\n    ask: list pending providers\n  - id: broken\n    for_each: steps.pending.rows\n    plan: approve provider {{ item.nope }}\n  - id: after\n    ask: list approved providers\n";
    let file = playbook(&env, "failing.yaml", text);
    env.run(["playbook", "validate", &file]).exit(0);
    let before = written(&env);
    let report = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(1).json();
    assert_eq!(report["status"], "failed");
    assert_eq!(step(&report, "pending")["status"], "succeeded");
    let broken = step(&report, "broken");
    assert_eq!(broken["status"], "failed");
    let (line, column) = position(text, "item.nope");
    let error = broken["errors"][0].as_str().unwrap();
    assert!(error.starts_with(&format!("{file}:{line}:{column}: ")), "{error}");
    assert!(error.contains("undefined"), "{error}");
    assert_eq!(step(&report, "after")["status"], "not_run");
    assert_eq!(written(&env).plans, before.plans, "the failing step stored nothing");
    let finished = playbook_audit(&env).pop().unwrap();
    assert_eq!(finished["event"], "playbook.finished");
    assert_eq!(finished["status"], "failed");

    // One failing item among good ones, with `on_error: continue`: the rest runs, exit 1.
    let text = "name: continuing\nsteps:\n  - id: approve\n    for_each: '[999999, 14, 16]'\n    action: providers.approve\n    params: {provider_id: '{{ item }}'}\n    on_error: continue\n  - id: after\n    ask: list pending providers\n";
    let file = playbook(&env, "continuing.yaml", text);
    let report = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(1).json();
    let approve = step(&report, "approve");
    assert_eq!(approve["status"], "failed");
    assert_eq!(approve["count"], 3);
    assert_eq!(approve["errors"].as_array().unwrap().len(), 1);
    assert!(approve["errors"][0].as_str().unwrap().contains("999999"));
    let planned: Vec<i64> =
        actions(approve).iter().map(|a| a["params"]["provider_id"].as_i64().unwrap()).collect();
    assert_eq!(planned, [14, 16]);
    assert_eq!(step(&report, "after")["status"], "succeeded");
}

#[test]
fn the_runs_permissions_are_the_acting_persons_and_a_denial_exits_3() {
    let env = Env::new().with_demo_data();
    let before = written(&env);
    // A viewer may read complaints but not escalate them; the example continues on error.
    let report = env
        .run_as("viewer@example.com", ["playbook", "run", &example("daily-sla-check.yaml"), "-o", "json"])
        .exit(3)
        .json();
    assert_eq!(report["status"], "denied");
    let escalate = step(&report, "escalate");
    assert_eq!(escalate["status"], "denied");
    let denied = actions(escalate);
    assert!(!denied.is_empty());
    assert!(
        denied.iter().all(|a| a["status"] == "denied" && a["missing_permission"] == "complaints.escalate")
    );
    assert_eq!(written(&env).ops, before.ops);
    // With `on_error: stop` (the default) the first denial ends the step and the run.
    let file = playbook(
        &env,
        "stop.yaml",
        "name: stop\nsteps:\n  - id: risky\n    ask: which complaints are about to breach SLA?\n  - id: escalate\n    for_each: steps.risky.rows\n    plan: escalate complaint {{ item.id }}\n  - id: after\n    ask: list pending providers\n",
    );
    let report = env.run_as("viewer@example.com", ["playbook", "run", &file, "-o", "json"]).exit(3).json();
    assert_eq!(step(&report, "escalate")["count"], 1);
    assert_eq!(step(&report, "after")["status"], "not_run");
    // Rows are masked for people without full PII access, as in `ask`.
    let rows = env
        .run_as(
            "viewer@example.com",
            ["playbook", "run", &example("provider-approval-backlog.yaml"), "-o", "json"],
        )
        .json();
    let email = step(&rows, "pending")["answers"][0]["rows"][0]["email"].as_str().unwrap().to_owned();
    assert!(email.contains("***"), "{email}");
    // Without anyone named, there is nobody whose permissions could apply.
    let mut command = env.command();
    command.args(["playbook", "run", &example("daily-sla-check.yaml")]);
    let run = Run::from(command.output().unwrap()).exit(2);
    assert!(run.stderr.contains("OPSGATE_USER"), "{}", run.stderr);
}

#[test]
fn vars_and_the_environment_allow_list_feed_the_templates() {
    let env = Env::new().with_demo_data();
    let file = playbook(
        &env,
        "env.yaml",
        "name: env\nenv: [OPSGATE_PROVIDER_STATUS]\nvars:\n  status: approved\nsteps:\n  - id: by_env\n    ask: list {{ env.OPSGATE_PROVIDER_STATUS }} providers\n  - id: by_var\n    ask: list {{ vars.status }} providers\n",
    );
    let mut command = env.command();
    command.env("OPSGATE_PROVIDER_STATUS", "pending").args([
        "--as",
        ADMIN,
        "playbook",
        "run",
        &file,
        "--var",
        "status=suspended",
        "-o",
        "json",
    ]);
    let report = Run::from(command.output().unwrap()).exit(0).json();
    let statuses = |id: &str| -> BTreeSet<String> {
        step(&report, id)["answers"][0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(statuses("by_env"), BTreeSet::from(["pending".to_owned()]));
    assert_eq!(statuses("by_var"), BTreeSet::from(["suspended".to_owned()]));
    assert_eq!(report["vars"]["status"], "suspended");

    let before = written(&env);
    env.run_as(ADMIN, ["playbook", "run", &file, "--var", "nope=1"])
        .exit(2)
        .stderr_has("declares no variable `nope`");
    env.run_as(ADMIN, ["playbook", "run", &file, "--var", "status"]).exit(2).stderr_has("KEY=VALUE");
    env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml"), "--var", "max_escalations=many"])
        .exit(2)
        .stderr_has("not an integer");
    assert_eq!(written(&env), before);
}

#[test]
fn dry_run_mode_simulates_each_write_and_keeps_nothing() {
    let env = Env::new().with_demo_data();
    let open = env.scalar("SELECT MIN(id) FROM complaints WHERE status = 'open'");
    let file = playbook(
        &env,
        "dry.yaml",
        &format!("name: dry\nmode: dry-run\nsteps:\n  - plan: escalate complaint {open}\n"),
    );
    let before = written(&env);
    let report = env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(0).json();
    let action = actions(&report["steps"][0])[0].clone();
    assert_eq!(action["simulation"]["rows_affected"][0], 1);
    let change =
        action["simulation"]["changes"].as_array().unwrap().iter().find(|c| c["column"] == "status").unwrap();
    assert_eq!((change["before"].as_str(), change["after"].as_str()), (Some("open"), Some("escalated")));
    assert_eq!(report["totals"]["simulated"], 1);
    assert_eq!(written(&env).ops, before.ops);
}

#[test]
fn reports_read_as_tables_and_as_markdown() {
    let env = Env::new().with_demo_data();
    let md =
        env.run_as(ADMIN, ["playbook", "run", &example("weekly-revenue-report.yaml"), "-o", "md"]).exit(0);
    assert!(md.stdout.starts_with("# Playbook `weekly-revenue-report` — run r"), "{}", md.stdout);
    assert!(md.stdout.contains("# Operations report: last 7 days"), "the drafted report is in it");
    assert!(md.stdout.contains("## Revenue"));
    assert!(md.stdout.contains("| currency | bookings |"), "{}", md.stdout);
    let table = env.run_as(ADMIN, ["playbook", "run", &example("daily-sla-check.yaml")]).exit(0);
    assert!(table.stdout.starts_with("playbook daily-sla-check · run r"));
    assert!(table.stdout.contains("pending_confirmation"));
    assert!(table.stdout.contains("Suggest mode: nothing was written to the ops tables"));
    assert!(table.stderr.is_empty(), "no progress bar without a terminal: {}", table.stderr);
    // Other commands get their text in a fenced block.
    let actions = env.run(["actions", "-o", "md"]).exit(0);
    assert!(actions.stdout.starts_with("```text\n"), "{}", actions.stdout);
    assert!(actions.stdout.trim_end().ends_with("```"));
}

#[test]
fn writes_that_need_approval_wait_for_a_second_person_in_every_mode() {
    let env = Env::new().with_demo_data();
    let booking = env.scalar("SELECT MIN(id) FROM bookings WHERE payment_status = 'paid'");
    let suggest =
        playbook(&env, "refund.yaml", &format!("name: refund\nsteps:\n  - plan: refund booking {booking}\n"));
    let execute = playbook(
        &env,
        "refund-execute.yaml",
        &format!(
            "name: refund-execute\nmode: execute\nallow_execute: true\nsteps:\n  - plan: refund booking {booking}\n"
        ),
    );
    let before = written(&env);
    let senior = "senior_agent@example.com";
    let report = env.run_as(senior, ["playbook", "run", &suggest, "-o", "json"]).exit(0).json();
    let action = actions(&report["steps"][0])[0].clone();
    assert_eq!(action["action"], "bookings.refund");
    assert_eq!(action["status"], "pending_approval");
    let id = action["action_id"].as_str().unwrap();
    assert_eq!(action["next"], format!("opsgate approve {id} (a second person)"));
    let report =
        env.run_as(senior, ["playbook", "run", &execute, "--allow-execute", "-o", "json"]).exit(4).json();
    let action = actions(&report["steps"][0])[0].clone();
    assert_eq!(action["status"], "pending_approval");
    assert!(action["note"].as_str().unwrap().contains("approval by a second person"));
    assert_eq!(report["totals"]["pending_approval"], 1);
    assert_eq!(written(&env).ops, before.ops);
}

#[test]
fn a_listed_environment_variable_reads_the_same_by_dot_and_by_subscript() {
    let env = Env::new().with_demo_data();
    let text = "name: team\nenv: [OPSGATE_TEAM]\nsteps:\n  - id: a\n    ask: \"list providers for {{ env.OPSGATE_TEAM }} {{ env['OPSGATE_TEAM'] }} {{ env[\\\"OPSGATE_TEAM\\\"] }}\"\n";
    let file = playbook(&env, "team.yaml", text);
    env.run_as(ADMIN, ["playbook", "validate", &file]).exit(0);
    let mut command = env.command();
    command.env("OPSGATE_TEAM", "north").args(["--as", ADMIN, "playbook", "run", &file, "-o", "json"]);
    let report = Run::from(command.output().unwrap()).exit(0).json();
    assert_eq!(step(&report, "a")["answers"][0]["prompt"], "list providers for north north north");
}

#[test]
fn an_agents_spent_mutation_budget_stops_its_playbook_with_exit_6() {
    let env = Env::new().with_demo_data();
    env.run_as(
        ADMIN,
        ["agent", "add", "cron-bot", "--model", "none", "--tier", "write", "--daily-mutations", "1"],
    )
    .exit(0);
    let open: Vec<i64> = (0..3)
        .map(|n| {
            env.scalar(&format!(
                "SELECT id FROM complaints WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET {n}"
            ))
        })
        .collect();
    let text = format!(
        "name: nightly\nsteps:\n  - id: first\n    action: complaints.escalate\n    params: {{ complaint_id: {} }}\n  - id: second\n    action: complaints.escalate\n    params: {{ complaint_id: {} }}\n  - id: third\n    action: complaints.escalate\n    params: {{ complaint_id: {} }}\n",
        open[0], open[1], open[2]
    );
    let file = playbook(&env, "nightly.yaml", &text);
    let before = written(&env);
    let report =
        env.run_as(ADMIN, ["playbook", "run", &file, "--agent", "cron-bot", "-o", "json"]).exit(6).json();
    assert_eq!(report["status"], "rate_limited");
    assert_eq!(report["exit_code"], 6);
    assert_eq!(step(&report, "first")["status"], "succeeded");
    assert_eq!(step(&report, "second")["status"], "rate_limited");
    let error = step(&report, "second")["errors"][0].as_str().unwrap();
    assert!(error.contains("cron-bot") && error.contains("budget"), "{error}");
    assert_eq!(step(&report, "third")["status"], "not_run");
    assert_eq!(report["totals"]["rate_limited"], 1);
    // A later run in another process is refused from its first write.
    let again = env.run_as(ADMIN, ["playbook", "run", &file, "--agent", "cron-bot"]).exit(6);
    assert!(again.stdout.contains("rate limited"), "{}", again.stdout);
    assert_eq!(written(&env).ops, before.ops);
    let runs = env.scalar("SELECT COUNT(*) FROM opsgate_playbook_runs WHERE status = 'rate_limited'");
    assert_eq!(runs, 2);
    // The person without the agent is not held to the agent's budget.
    env.run_as(ADMIN, ["playbook", "run", &file, "-o", "json"]).exit(0);
}
