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
        team_rows(env, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'opsgate%' ORDER BY 1")
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
    assert_eq!(env.scalar("SELECT COUNT(*) FROM roles WHERE name = 'night_shift'"), 1, "the team's row survives");

    let ours = opsgate_tables(&env);
    let audit = if env.is_postgres() { "opsgate.opsgate_audit_log" } else { "opsgate_audit_log" };
    assert!(ours.iter().any(|t| t == audit), "{ours:?}");
    if env.is_postgres() {
        assert!(ours.iter().all(|t| t.starts_with("opsgate.")), "opsgate tables outside its schema: {ours:?}");
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
            !theirs.iter().any(|line| line.split(' ').any(|word| word == table || word.ends_with(&format!(".{table}")))),
            "`{table}` outside opsgate's namespace: {theirs:?}"
        );
    }
}
