//! `--demo`: a throwaway SQLite database with RBAC, test staff and realistic data.

use chrono::{DateTime, Utc};
use opsgate::store::{DbLocation, Pool, Store};

use crate::support::{Env, block_on};

fn demo_store(env: &Env) -> DbLocation {
    DbLocation::Sqlite(env.data_dir().join("opsgate/demo/demo.db"))
}

fn demo_count(env: &Env, sql: &str) -> i64 {
    block_on(async {
        let store = Store::open(&demo_store(env)).await.unwrap();
        let Pool::Sqlite(pool) = store.pool() else { unreachable!() };
        let count = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(pool).await.unwrap();
        store.close().await;
        count
    })
}

#[test]
fn the_demo_is_created_on_first_use_with_realistic_data() {
    let env = Env::new();
    let staff = env.run(["--demo", "staff", "list", "-o", "json"]).exit(0).json();
    assert_eq!(staff.as_array().unwrap().len(), 8);

    for (table, at_least) in [
        ("users", 300),
        ("providers", 50),
        ("bookings", 500),
        ("complaints", 200),
        ("priority_queue", 100),
        ("alerts", 1),
    ] {
        let count = demo_count(&env, &format!("SELECT COUNT(*) FROM {table}"));
        assert!(count >= at_least, "{table}: {count} < {at_least}");
    }
    assert_eq!(demo_count(&env, "SELECT MIN(id) FROM bookings"), 1);
    for status in ["pending", "confirmed", "completed", "cancelled", "refunded", "no_show"] {
        let count = demo_count(&env, &format!("SELECT COUNT(*) FROM bookings WHERE status = '{status}'"));
        assert!(count > 0, "no {status} bookings");
    }
    env.run(["--demo", "audit", "verify"]).exit(0);
}

#[test]
fn open_demo_complaints_span_every_sla_state() {
    let env = Env::new();
    env.run(["--demo", "staff", "list"]).exit(0);
    let rows: Vec<(String, DateTime<Utc>)> = block_on(async {
        let store = Store::open(&demo_store(&env)).await.unwrap();
        let Pool::Sqlite(pool) = store.pool() else { unreachable!() };
        let rows = sqlx::query_as("SELECT category, created_at FROM complaints WHERE status IN ('open', 'in_progress', 'escalated')")
            .fetch_all(pool)
            .await
            .unwrap();
        store.close().await;
        rows
    });
    let now = Utc::now();
    let (mut on_track, mut at_risk, mut breached) = (0, 0, 0);
    for (category, created_at) in rows {
        let expected = if category == "refund" { 4 * 60 } else { 2 * 60 };
        let age = (now - created_at).num_minutes();
        if age > expected {
            breached += 1;
        } else if age > expected - 60 {
            at_risk += 1;
        } else {
            on_track += 1;
        }
    }
    assert!(
        on_track >= 10 && at_risk >= 10 && breached >= 10,
        "on_track {on_track}, at_risk {at_risk}, breached {breached}"
    );
}

#[test]
fn the_demo_never_touches_the_real_database() {
    let env = Env::new();
    env.run(["--demo", "staff", "list"]).exit(0);
    env.run(["--demo", "--as", "viewer@example.com", "audit", "query"]).exit(3);
    match &env.backend {
        crate::support::Backend::Sqlite => assert!(!std::path::Path::new(&env.db_url).exists()),
        crate::support::Backend::Postgres { .. } => {
            let tables: i64 = block_on(async {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&env.db_url).await.unwrap();
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
                )
                .fetch_one(&mut conn)
                .await
                .unwrap()
            });
            assert_eq!(tables, 0);
        }
    }
}

#[test]
fn demo_reset_rebuilds_from_scratch() {
    let env = Env::new();
    env.run(["--demo", "staff", "keygen"]).exit(0);
    assert_eq!(demo_count(&env, "SELECT COUNT(*) FROM opsgate_staff_keys"), 9);
    env.run(["demo", "reset"]).exit(0).stdout_has("demo database rebuilt");
    assert_eq!(demo_count(&env, "SELECT COUNT(*) FROM opsgate_staff_keys"), 8);
    let keys = opsgate::keys::KeyDir::new(env.data_dir().join("opsgate/demo/keys"));
    assert!(keys.read("admin@example.com").is_ok());
    assert!(!env.key_dir().exists(), "the demo keeps its keys out of the real config directory");
}

#[test]
fn the_demo_acts_as_as_then_opsgate_user_then_the_demo_admin() {
    let env = Env::new();
    env.run(["--demo", "audit", "query"]).exit(0);
    let as_viewer = |args: &[&str]| {
        let mut command = env.command();
        command.env("OPSGATE_USER", "viewer@example.com").args(args);
        crate::support::Run::from(command.output().unwrap())
    };
    as_viewer(&["--demo", "audit", "query"]).exit(3).stderr_has("ops.audit.view");
    as_viewer(&["--demo", "--as", "admin@example.com", "audit", "query"]).exit(0);
}

#[test]
fn six_first_uses_at_once_leave_one_demo_whose_keys_match_its_database() {
    let env = Env::new();
    let runs: Vec<std::process::Child> = (0..6)
        .map(|_| {
            let mut command = env.std_command();
            command
                .args(["--demo", "staff", "list", "-o", "json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            command.spawn().unwrap()
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let registered: Vec<(String, String)> = block_on(async {
        let store = Store::open(&demo_store(&env)).await.unwrap();
        let Pool::Sqlite(pool) = store.pool() else { unreachable!() };
        let rows = sqlx::query_as(
            "SELECT s.email, k.public_key FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id \
             WHERE k.revoked_at IS NULL ORDER BY s.email",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        store.close().await;
        rows
    });
    assert_eq!(registered.len(), 8);
    let keys = opsgate::keys::KeyDir::new(env.data_dir().join("opsgate/demo/keys"));
    for (email, public_key) in &registered {
        let on_disk = keys.read(email).unwrap_or_else(|e| panic!("{email}: {e}"));
        assert_eq!(&on_disk.public_hex(), public_key, "{email}'s key file is not the one the database holds");
    }
    let leftovers: Vec<String> = std::fs::read_dir(env.data_dir().join("opsgate"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "demo")
        .collect();
    assert!(leftovers.is_empty(), "builds that lost the race are removed: {leftovers:?}");
    // And the demo they share works: an approval needs the approver's key.
    env.run(["--demo", "audit", "verify"]).exit(0);
}
