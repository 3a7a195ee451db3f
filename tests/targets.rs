//! opsgate acting on a team's own back office through `--target` and
//! `--binding`: a database whose tables and columns are named the team's way
//! (tests/fixtures/backoffice), on SQLite, PostgreSQL and MariaDB. Each test
//! runs against the target of this backend's kind and against MariaDB.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use sqlx::Connection;

use crate::support::{Authenticator, Env, Run, block_on};

const ADMIN: &str = "admin@example.com";
const REQUESTER: &str = "senior_agent@example.com";
const APPROVER: &str = "manager@example.com";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
    MariaDb,
}

/// A team's back office, loaded from the fixture into a database of its own.
struct BackOffice {
    kind: Kind,
    url: String,
    binding: PathBuf,
}

fn mysql_admin_url() -> String {
    std::env::var("OPSGATE_TEST_MYSQL_URL")
        .expect("the target tests need MariaDB: scripts/test starts one and sets OPSGATE_TEST_MYSQL_URL")
}

fn unique_name() -> String {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!(
        "bo_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
    )
}

/// The kinds this run covers: the state backend's own kind, and MariaDB.
fn kinds(env: &Env) -> [Kind; 2] {
    [if env.is_postgres() { Kind::Postgres } else { Kind::Sqlite }, Kind::MariaDb]
}

impl BackOffice {
    fn new(env: &Env, kind: Kind) -> BackOffice {
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backoffice");
        let name = unique_name();
        let url = match kind {
            Kind::Sqlite => env.home.path().join(format!("{name}.db")).display().to_string(),
            Kind::Postgres => {
                let admin = std::env::var("OPSGATE_TEST_PG_URL").unwrap();
                admin_sql_pg(&admin, &format!("CREATE DATABASE {name}"));
                format!("{}/{name}", admin.rsplit_once('/').unwrap().0)
            }
            Kind::MariaDb => {
                let admin = mysql_admin_url();
                admin_sql_mysql(&admin, &format!("CREATE DATABASE {name}"));
                format!("{}/{name}", admin.trim_end_matches('/'))
            }
        };
        let file = match kind {
            Kind::Sqlite => "sqlite.sql",
            Kind::Postgres => "postgres.sql",
            Kind::MariaDb => "mariadb.sql",
        };
        let office = BackOffice { kind, url, binding: fixtures.join("binding.yaml") };
        office.sql(&std::fs::read_to_string(fixtures.join(file)).unwrap());
        office
    }

    /// Runs SQL as the team would, outside opsgate.
    fn sql(&self, sql: &str) {
        let sql = sql.to_owned();
        let url = self.url.clone();
        block_on(async move {
            match self.kind {
                Kind::Sqlite => {
                    let mut conn =
                        sqlx::SqliteConnection::connect(&format!("sqlite://{url}?mode=rwc")).await.unwrap();
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
                }
                Kind::Postgres => {
                    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
                }
                Kind::MariaDb => {
                    let mut conn = sqlx::MySqlConnection::connect(&url).await.unwrap();
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
                }
            }
        });
    }

    /// One text value (every column cast to text by the query itself).
    fn text(&self, sql: &str) -> Vec<String> {
        let sql = sql.to_owned();
        let url = self.url.clone();
        block_on(async move {
            match self.kind {
                Kind::Sqlite => {
                    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{url}")).await.unwrap();
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap()
                }
                Kind::Postgres => {
                    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap()
                }
                Kind::MariaDb => {
                    let mut conn = sqlx::MySqlConnection::connect(&url).await.unwrap();
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap()
                }
            }
        })
    }

    /// Every row of the team's tables, as text: equal digests mean nothing changed.
    fn digest(&self) -> Vec<String> {
        let cast = if self.kind == Kind::MariaDb { "CHAR" } else { "TEXT" };
        let mut rows = self.text(&format!(
            "SELECT CAST(id AS {cast}) || ':' || state || ':' || CAST(total AS {cast}) || ':' || \
             CAST(refunded AS {cast}) || ':' || payment_status || ':' || CAST(updated_at AS {cast}) \
             FROM reservations ORDER BY id"
        ));
        rows.extend(self.text(&format!("SELECT CAST(COUNT(*) AS {cast}) FROM activity_log")));
        rows
    }

    fn reservation(&self, id: i64, column: &str) -> String {
        let cast = if self.kind == Kind::MariaDb { "CHAR" } else { "TEXT" };
        self.text(&format!("SELECT CAST({column} AS {cast}) FROM reservations WHERE id = {id}")).remove(0)
    }

    /// A money column in major units, as a number.
    fn amount(&self, id: i64, column: &str) -> f64 {
        self.reservation(id, column).parse().unwrap()
    }

    fn activity_details(&self) -> Vec<String> {
        self.text("SELECT details FROM activity_log ORDER BY id")
    }
}

fn admin_sql_pg(admin: &str, sql: &str) {
    let sql = sql.to_owned();
    block_on(async move {
        let mut conn = sqlx::PgConnection::connect(admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
    });
}

fn admin_sql_mysql(admin: &str, sql: &str) {
    let sql = sql.to_owned();
    block_on(async move {
        let mut conn = sqlx::MySqlConnection::connect(admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
    });
}

/// Runs opsgate as `email` against the back office.
fn on(env: &Env, office: &BackOffice, email: &str, args: &[&str]) -> Run {
    let mut full: Vec<String> =
        vec!["--target".into(), office.url.clone(), "--binding".into(), office.binding.display().to_string()];
    full.extend(args.iter().map(|a| (*a).to_owned()));
    env.run_as(email, full)
}

fn step(plan: &Value) -> (String, String, Option<String>) {
    let step = &plan["steps"][0];
    (
        plan["plan_id"].as_str().unwrap().to_owned(),
        step["action_id"].as_str().unwrap().to_owned(),
        step["confirmation_token"].as_str().map(str::to_owned),
    )
}

#[test]
fn reads_plans_dry_runs_and_token_writes_reach_the_teams_tables_under_their_names() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let shown = on(&env, &office, ADMIN, &["ask", "show booking 2", "-o", "json"]).exit(0).json();
        let text = shown.to_string();
        assert!(text.contains("Window repair") && text.contains("amount_cents"), "{kind:?}: {shown}");

        let plan = on(&env, &office, ADMIN, &["plan", "cancel booking 1", "-o", "json"]).exit(0).json();
        let (plan_id, action, token) = step(&plan);
        let payload = plan["steps"][0]["payload"].to_string();
        assert!(payload.contains("UPDATE reservations SET state = 'CANCELLED'"), "{kind:?}: {payload}");
        assert!(
            payload.contains("state IN ('PENDING', 'CONFIRMED')"),
            "{kind:?}: the team's spellings: {payload}"
        );
        assert!(payload.contains("INSERT INTO activity_log"), "{kind:?}: {payload}");

        let before = office.digest();
        let simulated = on(&env, &office, ADMIN, &["dry-run", &plan_id, "-o", "json"]).exit(0).json();
        assert_eq!(office.digest(), before, "{kind:?}: a dry-run changed the team's rows");
        let changes = simulated.to_string();
        assert!(
            changes.contains("\"column\":\"state\"") && changes.contains("\"after\":\"CANCELLED\""),
            "{kind:?}: {simulated}"
        );

        on(&env, &office, ADMIN, &["execute", &action, "--token", &token.unwrap()])
            .exit(0)
            .stdout_has("succeeded");
        assert_eq!(office.reservation(1, "state"), "CANCELLED", "{kind:?}");
        let details = office.activity_details();
        assert!(
            details.iter().any(|d| d.contains(&format!("\"opsgate_action\":\"{action}\""))),
            "{kind:?}: {details:?}"
        );
        let id = action.trim_start_matches('a');
        let events = env.scalar(&format!(
            "SELECT COUNT(*) FROM opsgate_audit_log WHERE action_id = {id} AND event IN ('action.executing', 'action.executed')"
        ));
        assert_eq!(events, 2, "{kind:?}: intent and outcome");
    }
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn a_plan_whose_row_the_team_changed_meanwhile_is_refused_as_stale() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let plan = on(&env, &office, ADMIN, &["plan", "cancel booking 3", "-o", "json"]).exit(0).json();
        let (_, action, token) = step(&plan);
        office.sql("UPDATE reservations SET state = 'PENDING' WHERE id = 3");
        on(&env, &office, ADMIN, &["execute", &action, "--token", &token.unwrap()])
            .exit(1)
            .stderr_has("changed since plan");
        assert_eq!(office.reservation(3, "state"), "PENDING", "{kind:?}");
        assert!(office.activity_details().is_empty(), "{kind:?}: nothing was written");
    }
}

#[test]
fn a_refund_on_the_team_database_needs_an_approval_and_second_factors_and_runs_once() {
    let env = Env::new().seeded();
    let mut requester = Authenticator::enroll(&env, REQUESTER);
    let mut approver = Authenticator::enroll(&env, APPROVER);
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let plan = on(&env, &office, REQUESTER, &["plan", "refund booking 2", "-o", "json"]).exit(0).json();
        let (_, action, _) = step(&plan);
        assert_eq!(plan["steps"][0]["status"], "pending_approval", "{kind:?}: {plan}");
        let payload = plan["steps"][0]["payload"].to_string();
        assert!(
            payload.contains("refunded = (CAST(ROUND(refunded * 100) AS") && payload.contains("/ 100.0"),
            "{kind:?}: 8000 cents are written as 80.00: {payload}"
        );
        assert!(plan.to_string().contains("80.00 EUR"), "{kind:?}: read as minor units: {plan}");
        on(&env, &office, REQUESTER, &["execute", &action, "--totp", "000000"]).exit(4);
        on(&env, &office, APPROVER, &["approve", &action, "--yes", "--totp", &approver.next_code()])
            .exit(0)
            .stdout_has("now approved");
        assert_eq!(office.amount(2, "refunded"), 0.0, "{kind:?}: approval alone writes nothing");
        on(&env, &office, REQUESTER, &["execute", &action, "--totp", &requester.next_code()]).exit(0);
        assert_eq!(office.amount(2, "refunded"), 80.0, "{kind:?}: in major units");
        assert_eq!(office.reservation(2, "payment_status"), "REFUNDED", "{kind:?}");
        on(&env, &office, REQUESTER, &["execute", &action, "--totp", "000000"])
            .exit(1)
            .stderr_has("already succeeded");
        on(&env, &office, ADMIN, &["worker", "--once"]).exit(0);
        assert_eq!(office.activity_details().len(), 1, "{kind:?}: it ran once");
    }
}

#[test]
fn target_check_names_a_dropped_column_and_the_action_that_needs_it_is_unavailable() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let clean = on(&env, &office, ADMIN, &["target", "check", "-o", "json"]).json();
        let problems = clean["problems"].to_string();
        assert!(!problems.contains("reservations"), "{kind:?}: the fixture's reservations fit: {clean}");
        assert!(clean["unavailable"].get("bookings.refund").is_none(), "{kind:?}: {clean}");

        office.sql("ALTER TABLE reservations DROP COLUMN refunded");
        let run = on(&env, &office, ADMIN, &["target", "check"]).exit(1);
        assert!(run.stdout.contains("bookings.refunded_cents"), "{kind:?}: {}", run.stdout);
        assert!(
            run.stdout.split_whitespace().any(|w| w == "reservations.refunded"),
            "{kind:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("bookings.refund:"), "{kind:?}: {}", run.stdout);

        let listed = on(&env, &office, ADMIN, &["actions", "-o", "json"]).exit(0).json();
        let refund = listed.as_array().unwrap().iter().find(|a| a["name"] == "bookings.refund").unwrap();
        assert!(
            refund["unavailable"].as_str().unwrap().contains("reservations.refunded"),
            "{kind:?}: {refund}"
        );
        let cancel = listed.as_array().unwrap().iter().find(|a| a["name"] == "bookings.cancel").unwrap();
        assert!(cancel.get("unavailable").is_none(), "{kind:?}: {cancel}");

        let plans = env.scalar("SELECT COUNT(*) FROM opsgate_actions");
        on(&env, &office, REQUESTER, &["plan", "refund booking 2"])
            .exit(1)
            .stderr_has("bookings.refund is unavailable");
        assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_actions"), plans, "{kind:?}: nothing stored");
    }
}

#[test]
fn init_binding_finds_the_teams_names_for_the_packs_tables() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let out = env.home.path().join(format!("binding-{kind:?}.yaml"));
        let out_text = out.display().to_string();
        env.run(["--target", &office.url, "target", "init-binding", "--out", &out_text]).exit(0);
        let guessed = opsgate::target::Binding::load(&out).unwrap();
        let mut expected = opsgate::target::Binding::load(&office.binding).unwrap();
        // Status spellings cannot be seen in a schema; money in decimals can.
        for table in expected.tables.values_mut() {
            table.columns.values_mut().for_each(|c| c.values.clear());
            table.columns.retain(|_, c| *c != opsgate::target::binding::ColumnBinding::default());
        }
        assert_eq!(guessed, expected, "{kind:?}: {}", std::fs::read_to_string(&out).unwrap());
        env.run(["--target", &office.url, "target", "init-binding", "--out", &out_text])
            .exit(2)
            .stderr_has("--force");
    }
}

#[test]
fn a_writer_killed_after_the_target_commit_is_settled_from_the_target_and_never_runs_twice() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let plan = on(&env, &office, ADMIN, &["plan", "cancel booking 1", "-o", "json"]).exit(0).json();
        let (_, action, token) = step(&plan);
        let marker = env.home.path().join(format!("paused-{kind:?}"));
        let mut writer = env.std_command();
        writer
            .args([
                "--as",
                ADMIN,
                "--target",
                &office.url,
                "--binding",
                &office.binding.display().to_string(),
            ])
            .args(["execute", &action, "--token", &token.unwrap()])
            .env("OPSGATE_FAILPOINT", "after_target_commit")
            .env("OPSGATE_FAILPOINT_MARKER", &marker)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = writer.spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !marker.exists() {
            assert!(Instant::now() < deadline, "{kind:?}: the writer never reached the target commit");
            std::thread::sleep(Duration::from_millis(20));
        }
        child.kill().unwrap(); // SIGKILL between the target's commit and the outcome's record
        child.wait().unwrap();
        assert_eq!(office.reservation(1, "state"), "CANCELLED", "{kind:?}: the target committed");
        let id = action.trim_start_matches('a');
        assert_eq!(
            env.scalar_text(&format!("SELECT status FROM opsgate_actions WHERE id = {id}")),
            "executing"
        );

        let recover = if kind == Kind::MariaDb { ["execute", "--recover"] } else { ["worker", "--recover"] };
        let recovered = on(&env, &office, ADMIN, &[recover[0], recover[1], "-o", "json"]).exit(0).json();
        let entry =
            recovered["recovered"].as_array().unwrap().iter().find(|r| r["action_id"] == action.as_str());
        let entry = entry.unwrap_or_else(|| panic!("{kind:?}: {recovered}"));
        assert_eq!(entry["committed"], true, "{kind:?}: {recovered}");
        assert_eq!(entry["status"], "succeeded", "{kind:?}: {recovered}");
        assert_eq!(
            env.scalar_text(&format!("SELECT status FROM opsgate_actions WHERE id = {id}")),
            "succeeded"
        );
        // Nothing runs it again: not the worker, not a second execute.
        on(&env, &office, ADMIN, &["worker", "--once"]).exit(0);
        assert_eq!(office.activity_details().len(), 1, "{kind:?}: the write ran once");
    }
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn seed_rbac_converges_the_teams_own_access_tables_and_a_second_run_changes_nothing() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        office.sql(
            "INSERT INTO staff_permissions (name, module, description, created_at) VALUES ('payroll.view', 'payroll', 'theirs', '2026-01-01 00:00:00')",
        );
        let first = on(
            &env,
            &office,
            "super_admin@example.com",
            &["target", "seed-rbac", "--test-staff", "-o", "json"],
        )
        .exit(0)
        .json();
        assert_eq!(first["changed"], true, "{kind:?}: {first}");
        assert_eq!(first["roles"]["created"], 8, "{kind:?}: {first}");
        assert_eq!(first["permissions"]["created"], 32, "{kind:?}: {first}");
        assert_eq!(first["test_staff"]["created"], 8, "{kind:?}: {first}");
        let count = |table: &str| {
            office
                .text(&format!("SELECT CAST(COUNT(*) AS CHAR(20)) FROM {table}"))
                .remove(0)
                .trim()
                .to_owned()
        };
        let grants = count("staff_role_permissions");
        assert_eq!(grants, "137", "{kind:?}: 32+31+21+16+13+7+8+9 grants");
        assert_eq!(count("employees"), "8", "{kind:?}");

        let second = on(
            &env,
            &office,
            "super_admin@example.com",
            &["target", "seed-rbac", "--test-staff", "-o", "json"],
        )
        .exit(0)
        .json();
        assert_eq!(second["changed"], false, "{kind:?}: {second}");
        assert_eq!(count("staff_role_permissions"), grants, "{kind:?}");
        assert_eq!(count("staff_permissions"), "33", "{kind:?}: the team's own permission stays");
        let audited = env.scalar(
            "SELECT COUNT(*) FROM opsgate_audit_log WHERE event = 'seed.rbac' AND payload LIKE '%\"target\"%'",
        );
        assert!(audited >= 2, "{kind:?}: both runs audited");
    }
}

#[test]
fn a_read_only_target_user_still_reads_and_is_told_clearly_why_a_write_cannot_run() {
    let env = Env::new().seeded();
    let kind = Kind::MariaDb;
    let office = BackOffice::new(&env, kind);
    let database = office.url.rsplit_once('/').unwrap().1.to_owned();
    let user = format!("ro_{}", &database[3..]);
    admin_sql_mysql(
        &mysql_admin_url(),
        &format!("CREATE USER '{user}'@'127.0.0.1'; GRANT SELECT ON {database}.* TO '{user}'@'127.0.0.1'"),
    );
    let admin = mysql_admin_url();
    let host = admin.trim_start_matches("mysql://").split_once('@').unwrap().1.trim_end_matches('/');
    let reader = BackOffice {
        kind,
        url: format!("mysql://{user}@{host}/{database}"),
        binding: office.binding.clone(),
    };
    on(&env, &reader, ADMIN, &["ask", "show booking 2"]).exit(0).stdout_has("Window repair");
    let plan = on(&env, &reader, ADMIN, &["plan", "cancel booking 1", "-o", "json"]).exit(0).json();
    let (_, action, token) = step(&plan);
    on(&env, &reader, ADMIN, &["execute", &action, "--token", &token.unwrap()])
        .exit(1)
        .stderr_has("does not let this user write");
    assert_eq!(office.reservation(1, "state"), "CONFIRMED");
    on(&env, &reader, "super_admin@example.com", &["target", "seed-rbac"])
        .exit(1)
        .stderr_has("does not let this user write");
}

/// The fixture's binding with times kept on Berlin's wall clock, and (when
/// `wrong_money`) a money convention the customers' integer column cannot hold.
fn berlin_binding(env: &Env, office: &BackOffice, wrong_money: bool) -> PathBuf {
    let mut text = format!("time_zone: Europe/Berlin\n{}", std::fs::read_to_string(&office.binding).unwrap());
    if wrong_money {
        text = text.replace(
            "columns: { name: full_name, status: state }",
            "columns: { name: full_name, status: state, wallet_balance_cents: { money: major } }",
        );
    }
    let path = env.home.path().join(format!("berlin-{}-{wrong_money}.yaml", unique_name()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn target_check_names_conventions_a_column_cannot_follow() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        let binding = berlin_binding(&env, &office, true);
        let checked = BackOffice { kind, url: office.url.clone(), binding };
        match kind {
            Kind::Sqlite => {
                on(&env, &checked, ADMIN, &["target", "check"]).exit(1).stderr_has("SQLite");
            }
            _ => {
                let run = on(&env, &checked, ADMIN, &["target", "check"]).exit(1);
                assert!(run.stdout.contains("needs a decimal type"), "{kind:?}: {}", run.stdout);
                if kind == Kind::Postgres {
                    assert!(run.stdout.contains("keeps instants itself"), "{kind:?}: {}", run.stdout);
                    on(&env, &checked, REQUESTER, &["plan", "cancel booking 1"])
                        .exit(1)
                        .stderr_has("unavailable");
                }
            }
        }
    }
}

#[test]
fn times_kept_on_a_wall_clock_are_read_and_written_as_instants() {
    let env = Env::new().seeded();
    let office = BackOffice::new(&env, Kind::MariaDb);
    let berlin = BackOffice {
        kind: Kind::MariaDb,
        url: office.url.clone(),
        binding: berlin_binding(&env, &office, false),
    };
    let known =
        office.text("SELECT CAST(CONVERT_TZ('2026-12-01 12:00:00', 'Europe/Berlin', '+00:00') AS CHAR)");
    if known.first().is_none_or(String::is_empty) {
        // A server without time zone tables: the binding is refused by name, and nothing runs.
        on(&env, &berlin, ADMIN, &["target", "check"]).exit(1).stdout_has("time zone tables");
        return;
    }
    let checked = on(&env, &berlin, ADMIN, &["target", "check"]).exit(1).stdout;
    assert!(!checked.contains("Europe/Berlin") && !checked.contains("reservations."), "{checked}");
    // 09:00 in Berlin on 20 November is 08:00 UTC.
    let shown = on(&env, &berlin, ADMIN, &["ask", "show booking 2", "-o", "json"]).exit(0).json();
    assert!(shown.to_string().contains("2026-11-20T08:00:00"), "{shown}");
    let plan = on(&env, &berlin, ADMIN, &["plan", "cancel booking 1", "-o", "json"]).exit(0).json();
    let (_, action, token) = step(&plan);
    on(&env, &berlin, ADMIN, &["execute", &action, "--token", &token.unwrap()]).exit(0);
    let stored = office.reservation(1, "cancelled_at");
    let stored = chrono::NaiveDateTime::parse_from_str(&stored, "%Y-%m-%d %H:%M:%S%.f").unwrap();
    let berlin_now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Berlin).naive_local();
    assert!((berlin_now - stored).num_seconds().abs() < 120, "stored {stored}, Berlin now {berlin_now}");
}

#[test]
fn people_their_roles_and_permissions_can_be_read_from_the_target() {
    let env = Env::new().seeded();
    for kind in kinds(&env) {
        let office = BackOffice::new(&env, kind);
        on(&env, &office, "super_admin@example.com", &["target", "seed-rbac"]).exit(0);
        // A person only the team's back office knows, under an id the state database never gave out.
        office.sql(
            "INSERT INTO employees (id, mail, full_name, role_id, state, created_at, updated_at) \
             SELECT 500, 'dana@team.example', 'Dana Team', id, 'active', '2026-12-01 08:00:00', '2026-12-01 08:00:00' \
             FROM staff_roles WHERE name = 'viewer'",
        );
        let binding = env.home.path().join(format!("identities-{}.yaml", unique_name()));
        std::fs::write(
            &binding,
            format!("identities: target\n{}", std::fs::read_to_string(&office.binding).unwrap()),
        )
        .unwrap();
        let team = BackOffice { kind, url: office.url.clone(), binding };
        const DANA: &str = "dana@team.example";

        on(&env, &team, DANA, &["ask", "show booking 2"]).exit(0).stdout_has("Window repair");
        on(&env, &team, DANA, &["plan", "cancel booking 1"]).exit(3).stdout_has("lacks bookings.cancel");
        on(&env, &team, ADMIN, &["ask", "show booking 2"]).exit(3).stderr_has("not a staff member");

        // The target decides, on every request: a new role there is a new set of permissions here.
        office.sql(
            "UPDATE employees SET role_id = (SELECT id FROM staff_roles WHERE name = 'admin') WHERE id = 500",
        );
        let plan = on(&env, &team, DANA, &["plan", "cancel booking 1", "-o", "json"]).exit(0).json();
        let (_, action, token) = step(&plan);
        on(&env, &team, DANA, &["execute", &action, "--token", &token.unwrap()]).exit(0);
        assert_eq!(office.reservation(1, "state"), "CANCELLED", "{kind:?}");
        let logged = office.text("SELECT CAST(staff_id AS CHAR(20)) FROM activity_log");
        assert_eq!(
            logged.iter().map(|s| s.trim()).collect::<Vec<_>>(),
            ["500"],
            "{kind:?}: the target's own id"
        );

        let listed = on(&env, &team, DANA, &["staff", "list", "-o", "json"]).exit(0).stdout;
        assert!(listed.contains(DANA), "{kind:?}: {listed}");
        on(&env, &team, DANA, &["staff", "add", "eve@team.example", "--name", "Eve", "--role", "viewer"])
            .exit(1)
            .stderr_has("add eve@team.example there");
        let actions = on(&env, &team, DANA, &["actions", "-o", "json"]).exit(0).stdout;
        assert!(!actions.contains("two sets of staff"), "{kind:?}: {actions}");

        office.sql("UPDATE employees SET state = 'inactive' WHERE id = 500");
        on(&env, &team, DANA, &["ask", "show booking 2"]).exit(3).stderr_has("deactivated");
    }
    env.run(["audit", "verify"]).exit(0);
}
