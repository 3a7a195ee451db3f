//! The audit log: append-only, hash-chained, queryable, and fail-closed.

use crate::support::Env;

#[test]
fn update_and_delete_on_the_audit_table_are_refused() {
    let env = Env::new().seeded();
    let before = env.scalar("SELECT COUNT(*) FROM opsgate_audit_log");
    let update = env.sql("UPDATE opsgate_audit_log SET status = 'forged' WHERE id = 1").unwrap_err();
    assert!(update.contains("append-only"), "{update}");
    let delete = env.sql("DELETE FROM opsgate_audit_log WHERE id = 1").unwrap_err();
    assert!(delete.contains("append-only"), "{delete}");
    if env.is_postgres() {
        let truncate = env.sql("TRUNCATE opsgate_audit_log").unwrap_err();
        assert!(truncate.contains("append-only"), "{truncate}");
    }
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log"), before);
    env.run(["audit", "verify"]).exit(0).stdout_has("audit chain verifies");
}

fn drop_update_trigger(env: &Env) {
    let sql = if env.is_postgres() {
        "DROP TRIGGER audit_log_no_update_delete ON opsgate_audit_log"
    } else {
        "DROP TRIGGER opsgate_audit_log_no_update; DROP TRIGGER opsgate_audit_log_no_delete"
    };
    env.sql(sql).unwrap();
}

#[test]
fn an_entry_altered_behind_the_triggers_back_is_named_by_verify() {
    let env = Env::new().seeded();
    env.run(["audit", "verify"]).exit(0);
    drop_update_trigger(&env);
    assert_eq!(
        env.sql("UPDATE opsgate_audit_log SET payload = '{\"role\":\"super_admin\"}' WHERE id = 3").unwrap(),
        1
    );
    env.run(["audit", "verify"]).exit(1).stderr_has("audit chain broken at entry 3").stderr_has("altered");
    let json = env.run(["audit", "verify", "-o", "json"]).exit(1).json();
    assert_eq!(json["error"]["code"], "audit_broken");
    assert!(json["error"]["message"].as_str().unwrap().contains("entry 3"));
}

#[test]
fn a_deleted_entry_is_named_by_verify() {
    let env = Env::new().seeded();
    drop_update_trigger(&env);
    env.sql("DELETE FROM opsgate_audit_log WHERE id = 4").unwrap();
    env.run(["audit", "verify"]).exit(1).stderr_has("entry 4");
}

#[test]
fn verify_reports_the_number_of_entries() {
    let env = Env::new().seeded();
    let report = env.run(["audit", "verify", "-o", "json"]).exit(0).json();
    assert_eq!(report["ok"], true);
    assert_eq!(report["entries"], 9, "8 staff.add + 1 seed.rbac");
    assert_eq!(report["head"].as_str().unwrap().len(), 64);
}

#[test]
fn query_filters_narrow_the_entries() {
    let env = Env::new().seeded();
    env.run_as(
        "admin@example.com",
        ["staff", "add", "new.agent@example.com", "--name", "New Agent", "--role", "agent"],
    )
    .exit(0);

    let all = env.run(["audit", "query", "-o", "json"]).exit(0).json();
    // The add, and the enrolment code it issued.
    assert_eq!(all.as_array().unwrap().len(), 11);
    let ids: Vec<i64> = all.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first: {ids:?}");

    let adds = env.run(["audit", "query", "--event", "staff.add", "-o", "json"]).exit(0).json();
    assert_eq!(adds.as_array().unwrap().len(), 9);
    let staff_events = env.run(["audit", "query", "--event", "staff.*", "-o", "json"]).exit(0).json();
    assert_eq!(staff_events.as_array().unwrap().len(), 10);

    let by_admin = env.run(["audit", "query", "--actor", "admin@example.com", "-o", "json"]).exit(0).json();
    let by_admin = by_admin.as_array().unwrap();
    assert_eq!(by_admin.len(), 2);
    assert_eq!(by_admin[1]["event"], "staff.invited");
    let last = &by_admin[0];
    assert_eq!(last["actor"]["kind"], "person");
    assert_eq!(last["actor"]["id"], "admin@example.com");
    assert_eq!(last["subject"], "new.agent@example.com");
    assert_eq!(last["payload"]["role"], "agent");

    let about_kim =
        env.run(["audit", "query", "--subject", "new.agent@example.com", "-o", "json"]).exit(0).json();
    assert_eq!(about_kim.as_array().unwrap().len(), 2);

    let newest = env.run(["audit", "query", "--limit", "3", "-o", "json"]).exit(0).json();
    let newest: Vec<i64> = newest.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(newest, vec![9, 10, 11]);

    let future = env.run(["audit", "query", "--since", "2999-01-01", "-o", "json"]).exit(0).json();
    assert_eq!(future.as_array().unwrap().len(), 0);
    let past = env.run(["audit", "query", "--until", "2000-01-01", "-o", "json"]).exit(0).json();
    assert_eq!(past.as_array().unwrap().len(), 0);
    let recent =
        env.run(["audit", "query", "--since", "1h", "--status", "succeeded", "-o", "json"]).exit(0).json();
    assert_eq!(recent.as_array().unwrap().len(), 11);
    let none =
        env.run(["audit", "query", "--status", "denied", "--action", "1", "-o", "json"]).exit(0).json();
    assert_eq!(none.as_array().unwrap().len(), 0);

    env.run(["audit", "query", "--since", "last tuesday"])
        .exit(2)
        .stderr_has("cannot read `last tuesday` as a time");
    for command in ["audit query", "history"] {
        let args = command.split(' ').chain(["--since", "999999999d"]);
        let run = env.run_as("admin@example.com", args).exit(2).stderr_has("more than 36500d");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
}

#[test]
fn jsonl_export_is_one_entry_per_line() {
    let env = Env::new().seeded();
    let run = env.run(["audit", "query", "--format", "jsonl"]).exit(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 9);
    for (i, line) in lines.iter().enumerate() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(entry["id"], i as i64 + 1);
        assert_eq!(entry["hash"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn yaml_output_is_one_document() {
    let env = Env::new().seeded();
    let run = env.run(["audit", "query", "--limit", "1", "-o", "yaml"]).exit(0);
    assert!(run.stdout.contains("event: seed.rbac"), "{}", run.stdout);
}

#[test]
fn reading_the_trail_as_a_person_needs_audit_view() {
    let env = Env::new().seeded();
    env.run_as("viewer@example.com", ["audit", "query"]).exit(3).stderr_has("ops.audit.view");
    env.run_as("analyst@example.com", ["audit", "query"]).exit(0);
}

#[test]
fn an_operation_whose_audit_entry_cannot_be_written_does_not_happen() {
    let env = Env::new().seeded();
    // Stand in for an audit outage: the database refuses new audit rows.
    let block = if env.is_postgres() {
        "CREATE FUNCTION block_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$; \
         CREATE TRIGGER block_audit BEFORE INSERT ON opsgate_audit_log FOR EACH ROW EXECUTE FUNCTION block_audit();"
    } else {
        "CREATE TRIGGER block_audit BEFORE INSERT ON opsgate_audit_log BEGIN SELECT RAISE(ABORT, 'audit storage unavailable'); END;"
    };
    env.sql(block).unwrap();
    env.run_as(
        "admin@example.com",
        ["staff", "add", "ghost@example.com", "--name", "Ghost", "--role", "agent"],
    )
    .exit(1)
    .stderr_has("audit log write failed, nothing was done");
    assert_eq!(env.scalar("SELECT COUNT(*) FROM staff WHERE email = 'ghost@example.com'"), 0);
}

#[test]
fn verify_reads_a_chain_of_several_chunks_and_finds_a_break_past_the_first() {
    use opsgate::audit::{Actor, Event, NewAuditEntry, Outcome};
    let env = Env::new().seeded();
    // Verify reads 10,000 entries per round trip while hashing the previous
    // chunk: 35,000 entries give several overlapping fetches.
    crate::support::block_on(async {
        let store = env.store().await;
        let entries: Vec<NewAuditEntry> = (0..35_000)
            .map(|i| {
                NewAuditEntry::new(Actor::agent("bulk"), Event::LlmRequest, Outcome::Succeeded)
                    .payload(serde_json::json!({"i": i}))
            })
            .collect();
        for batch in entries.chunks(5_000) {
            store.append_audit(batch).await.unwrap();
        }
        store.close().await;
    });
    let report = env.run(["audit", "verify", "-o", "json"]).exit(0).json();
    assert_eq!(report["entries"], 35_009);
    drop_update_trigger(&env);
    env.sql("UPDATE opsgate_audit_log SET status = 'failed' WHERE id = 23456").unwrap();
    let report = env.run(["audit", "verify", "-o", "json"]).exit(1).json();
    assert_eq!(report["error"]["code"], "audit_broken", "{report}");
    assert!(report["error"]["message"].as_str().unwrap().contains("23456"), "{report}");
}
