//! opsgate's own state lives in its namespace (`opsgate_` tables; on
//! PostgreSQL the schema `opsgate`), beside a back office it never alters:
//! a database that already holds the ops tables is adopted as it is, and a
//! database from before the namespace moves in with its history intact.

use sqlx::Connection;

use crate::support::{Env, block_on};

/// The back office as a team's own tooling created it, before opsgate ever
/// opened the database: the demo schema, with a few rows of its own.
fn create_team_back_office(env: &Env) {
    let schema = if env.is_postgres() {
        include_str!("../migrations/postgres/back_office/20261208000001_back_office.sql")
    } else {
        include_str!("../migrations/sqlite/back_office/20261208000001_back_office.sql")
    };
    team_sql(env, schema);
    team_sql(
        env,
        "INSERT INTO roles (name, level, description, created_at) VALUES ('night_shift', 3, 'theirs', '2026-01-01T00:00:00Z');
         INSERT INTO users (name, email, status, wallet_balance_cents, created_at, updated_at)
             VALUES ('Ada', 'ada@example.org', 'active', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
    );
}

/// Runs SQL on a connection of the team's own, outside opsgate (no
/// migrations, no search path of opsgate's).
fn team_sql(env: &Env, sql: &str) {
    let sql = sql.to_owned();
    block_on(async {
        if env.is_postgres() {
            let mut conn = sqlx::PgConnection::connect(&env.db_url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        } else {
            let url = format!("sqlite://{}?mode=rwc", env.db_url);
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
    });
}

/// Rows of one query, every column read as text, on a connection of the team's own.
fn team_rows(env: &Env, sql: &str) -> Vec<String> {
    let sql = sql.to_owned();
    block_on(async {
        if env.is_postgres() {
            let mut conn = sqlx::PgConnection::connect(&env.db_url).await.unwrap();
            let rows: Vec<String> =
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        } else {
            let url = format!("sqlite://{}?mode=rwc", env.db_url);
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            let rows: Vec<String> =
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        }
    })
}

/// Everything in the database that is not opsgate's: tables, columns,
/// indexes, constraints and triggers, one line each.
fn team_schema(env: &Env) -> Vec<String> {
    if env.is_postgres() {
        let mut lines = team_rows(
            env,
            "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable \
             || ' ' || COALESCE(column_default, '') FROM information_schema.columns \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'opsgate') ORDER BY 1",
        );
        lines.extend(team_rows(
            env,
            "SELECT schemaname || ' ' || indexname || ' ' || indexdef FROM pg_indexes \
             WHERE schemaname NOT IN ('pg_catalog', 'opsgate') ORDER BY 1",
        ));
        lines.extend(team_rows(
            env,
            "SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) \
             FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
             WHERE n.nspname NOT IN ('pg_catalog', 'opsgate') ORDER BY 1",
        ));
        lines.extend(team_rows(
            env,
            "SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname <> 'opsgate' ORDER BY 1",
        ));
        lines
    } else {
        team_rows(
            env,
            "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master \
             WHERE tbl_name NOT LIKE 'opsgate\\_%' ESCAPE '\\' ORDER BY name",
        )
    }
}

fn opsgate_tables(env: &Env) -> Vec<String> {
    if env.is_postgres() {
        team_rows(
            env,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables \
             WHERE table_name LIKE 'opsgate%' OR table_schema = 'opsgate' ORDER BY 1",
        )
    } else {
        team_rows(
            env,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'opsgate%' ORDER BY 1",
        )
    }
}

#[test]
fn a_database_that_already_holds_the_ops_tables_is_adopted_and_never_altered() {
    let env = Env::new();
    create_team_back_office(&env);
    let before = team_schema(&env);
    assert!(before.len() > 30, "the team's schema: {before:?}");

    env.run(["audit", "verify"]).exit(0).stdout_has("0 entries");
    assert_eq!(team_schema(&env), before, "opening the database changed the team's schema");
    // The seed writes rows into the team's RBAC tables, never their shape.
    env.run(["seed", "rbac", "--test-staff"]).exit(0);
    assert_eq!(team_schema(&env), before, "seeding changed the team's schema");
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM roles WHERE name = 'night_shift'"),
        1,
        "the team's row survives"
    );

    let ours = opsgate_tables(&env);
    let audit = if env.is_postgres() { "opsgate.opsgate_audit_log" } else { "opsgate_audit_log" };
    assert!(ours.iter().any(|t| t == audit), "{ours:?}");
    if env.is_postgres() {
        assert!(
            ours.iter().all(|t| t.starts_with("opsgate.")),
            "opsgate tables outside its schema: {ours:?}"
        );
    }
    // The team's back office is theirs: opsgate keeps no record of creating it.
    assert!(!ours.iter().any(|t| t.contains("back_office")), "{ours:?}");
}

#[test]
fn a_partial_back_office_is_left_as_it_is_rather_than_completed() {
    let env = Env::new();
    let bookings = if env.is_postgres() {
        "CREATE TABLE bookings (id BIGINT PRIMARY KEY, total_minor BIGINT NOT NULL)"
    } else {
        "CREATE TABLE bookings (id INTEGER PRIMARY KEY, total_minor INTEGER NOT NULL)"
    };
    team_sql(&env, bookings);
    let before = team_schema(&env);
    env.run(["audit", "verify"]).exit(0);
    assert_eq!(team_schema(&env), before, "opsgate created or changed a table of the team's");
}

#[test]
fn a_new_database_gets_the_bundled_back_office_beside_opsgates_namespace() {
    let env = Env::new().seeded();
    let ours = opsgate_tables(&env);
    assert!(ours.iter().any(|t| t.ends_with("opsgate_back_office_migrations")), "{ours:?}");
    assert!(env.scalar("SELECT COUNT(*) FROM roles") > 0);
    let theirs = team_schema(&env);
    assert!(theirs.iter().any(|line| line.contains("bookings")), "{theirs:?}");
    // Nothing of opsgate's own state outside its namespace.
    for table in ["audit_log", "plans", "actions", "staff_keys", "_sqlx_migrations"] {
        assert!(
            !theirs.iter().any(|line| line
                .split(' ')
                .any(|word| word == table || word.ends_with(&format!(".{table}")))),
            "`{table}` outside opsgate's namespace: {theirs:?}"
        );
    }
}

fn fixture(path: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy").join(path)
}

fn current_code(secret_file: &str) -> String {
    let secret = std::fs::read_to_string(fixture(secret_file)).unwrap();
    let secret = opsgate::totp::TotpSecret::from_base32(secret.trim()).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    secret.code_at_step(opsgate::totp::step_at(now))
}

fn copy_private(from: &std::path::Path, to: &std::path::Path) {
    std::fs::copy(from, to).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[test]
fn a_demo_database_from_before_the_namespace_moves_in_with_its_history_and_second_factors() {
    let env = Env::new();
    let demo = env.data_dir().join("opsgate/demo");
    std::fs::create_dir_all(demo.join("keys")).unwrap();
    copy_private(&fixture("demo/demo.sqlite3"), &demo.join("demo.db"));
    copy_private(&fixture("demo/instance.key"), &demo.join("instance.key"));
    for key in std::fs::read_dir(fixture("demo/keys")).unwrap() {
        let key = key.unwrap().path();
        copy_private(&key, &demo.join("keys").join(key.file_name().unwrap()));
    }
    env.run(["--demo", "audit", "verify"]).exit(0).stdout_has("21 entries");
    let checkpoint = fixture("demo/checkpoint.txt").display().to_string();
    let key = std::fs::read_to_string(fixture("demo/key.txt")).unwrap();
    env.run(["--demo", "audit", "verify", "--checkpoint", &checkpoint, "--key", key.trim()]).exit(0);

    let history = env.run(["--demo", "history", "-o", "json"]).exit(0).json().to_string();
    assert!(history.contains("\"a1\"") && history.contains("succeeded"), "{history}");
    let refund =
        env.run(["--demo", "--as", "senior_agent@example.com", "show", "a2", "-o", "json"]).exit(0).json();
    assert!(refund.to_string().contains("\"approved\""), "{refund}");
    // The approved refund still runs, with the requester's second factor moved out of `staff`.
    env.run([
        "--demo",
        "--as",
        "senior_agent@example.com",
        "execute",
        "a2",
        "--totp",
        &current_code("demo/senior_agent.totp"),
    ])
    .exit(0)
    .stdout_has("succeeded");
    env.run(["--demo", "audit", "verify", "--checkpoint", &checkpoint, "--key", key.trim()]).exit(0);

    let db = demo.join("demo.db").display().to_string();
    let schema = block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}")).await.unwrap();
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let staff: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('staff')")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        (names, staff)
    });
    for old in ["_sqlx_migrations", "audit_log", "plans", "actions", "staff_keys"] {
        assert!(!schema.0.iter().any(|t| t == old), "`{old}` is still outside the namespace: {:?}", schema.0);
    }
    assert!(!schema.1.iter().any(|c| c.starts_with("totp")), "second factors left in staff: {:?}", schema.1);
}

#[test]
fn a_postgresql_install_from_before_the_namespace_moves_into_the_opsgate_schema() {
    let env = Env::new();
    if !env.is_postgres() {
        return; // The SQLite flavour is the demo database above.
    }
    team_sql(&env, &std::fs::read_to_string(fixture("postgres/legacy.sql")).unwrap());
    let config = env.config_dir().join("opsgate");
    std::fs::create_dir_all(&config).unwrap();
    copy_private(&fixture("postgres/instance.key"), &config.join("instance.key"));

    env.run(["audit", "verify"]).exit(0).stdout_has("14 entries");
    let checkpoint = fixture("postgres/checkpoint.txt").display().to_string();
    let key = std::fs::read_to_string(fixture("postgres/key.txt")).unwrap();
    env.run(["audit", "verify", "--checkpoint", &checkpoint, "--key", key.trim()]).exit(0);
    let staff = env.run_as("admin@example.com", ["staff", "list", "-o", "json"]).exit(0).json();
    let manager = staff.as_array().unwrap().iter().find(|s| s["email"] == "manager@example.com").unwrap();
    assert_eq!(manager["totp_enrolled"], true, "{manager}");

    let ours = opsgate_tables(&env);
    assert!(ours.iter().any(|t| t == "opsgate.opsgate_audit_log"), "{ours:?}");
    assert!(ours.iter().all(|t| t.starts_with("opsgate.")), "{ours:?}");
    let public = team_rows(
        &env,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    for old in ["_sqlx_migrations", "audit_log", "plans", "actions"] {
        assert!(!public.iter().any(|t| t == old), "`{old}` is still in public: {public:?}");
    }
}
