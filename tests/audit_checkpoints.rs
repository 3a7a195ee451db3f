//! The audit log against checkpoints kept elsewhere: truncation and a
//! rewritten history with a valid chain are caught, an extension passes, and
//! proofs and checkpoints check with an independent implementation
//! (`tlog_tiles`, a port of Go's sumdb/tlog).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::support::{Env, block_on};

fn drop_append_only_triggers(env: &Env) {
    let sql = if env.is_postgres() {
        "DROP TRIGGER audit_log_no_update_delete ON opsgate_audit_log"
    } else {
        "DROP TRIGGER opsgate_audit_log_no_update; DROP TRIGGER opsgate_audit_log_no_delete"
    };
    env.sql(sql).unwrap();
}

/// Adds `n` ordinary entries (plans by the admin) to the log.
fn more_entries(env: &Env, n: usize) {
    for _ in 0..n {
        env.run_as("admin@example.com", ["plan", "list pending bookings"]).exit(0);
    }
}

fn checkpoint(env: &Env) -> std::path::PathBuf {
    let out = env.run(["audit", "checkpoint"]).exit(0);
    let path = env
        .home
        .path()
        .join(format!("checkpoint-{}.txt", env.scalar("SELECT MAX(id) FROM opsgate_audit_log")));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

fn verify_against(env: &Env, checkpoint: &std::path::Path) -> crate::support::Run {
    env.run(["audit", "verify", "--checkpoint", &checkpoint.display().to_string()])
}

#[test]
fn an_untouched_or_extended_log_passes_against_a_kept_checkpoint() {
    let env = Env::new().with_demo_data();
    let kept = checkpoint(&env);
    let note = std::fs::read_to_string(&kept).unwrap();
    let lines: Vec<&str> = note.lines().collect();
    assert!(lines[0].starts_with("opsgate.local/audit/"), "{note}");
    assert_eq!(lines[1], env.scalar("SELECT MAX(id) FROM opsgate_audit_log").to_string());
    assert!(lines[3].starts_with("opsgate-chain-head "));
    assert!(lines[4].is_empty() && lines[5].starts_with("\u{2014} "), "{note}");
    verify_against(&env, &kept).exit(0).stdout_has("consistent with the checkpoint");
    more_entries(&env, 3);
    let report = env
        .run(["audit", "verify", "--checkpoint", &kept.display().to_string(), "-o", "json"])
        .exit(0)
        .json();
    assert!(
        report["consistency"]["size"].as_u64().unwrap()
            > report["consistency"]["checkpoint_size"].as_u64().unwrap()
    );
    // From stdin too, and with the key an auditor pinned.
    let key = env.run(["audit", "key"]).exit(0).stdout.trim().to_owned();
    let mut from_stdin = env.command();
    from_stdin.args(["audit", "verify", "--checkpoint", "-", "--key", &key]).write_stdin(note.clone());
    crate::support::Run::from(from_stdin.output().unwrap()).exit(0);
    // Another instance's key does not vouch for this log's checkpoint.
    let other = Env::new().seeded();
    let foreign = other.run(["audit", "key"]).exit(0).stdout.trim().to_owned();
    env.run(["audit", "verify", "--checkpoint", &kept.display().to_string(), "--key", &foreign])
        .exit(5)
        .stderr_has("no valid signature");
}

#[test]
fn a_truncated_tail_is_caught_that_the_chain_alone_misses() {
    let env = Env::new().with_demo_data();
    more_entries(&env, 3);
    let kept = checkpoint(&env);
    let size = env.scalar("SELECT MAX(id) FROM opsgate_audit_log");
    drop_append_only_triggers(&env);
    env.sql(&format!("DELETE FROM opsgate_audit_log WHERE id > {}", size - 3)).unwrap();
    // The checkpoint recorded here already tells, and nothing more is signed.
    env.run(["audit", "verify"]).exit(1).stderr_has("truncated");
    env.run(["audit", "checkpoint"]).exit(1).stderr_has("truncated");
    // An attacker who also removes those records fools the chain alone, not the checkpoint kept elsewhere.
    env.sql("DELETE FROM opsgate_audit_checkpoints").unwrap();
    env.run(["audit", "verify"]).exit(0);
    verify_against(&env, &kept)
        .exit(1)
        .stderr_has("truncated")
        .stderr_has(&format!("entries {} to {size} are gone", size - 2));
}

#[test]
fn a_history_rewritten_with_a_valid_chain_is_caught() {
    let env = Env::new().with_demo_data();
    more_entries(&env, 2);
    let kept = checkpoint(&env);
    let size = env.scalar("SELECT MAX(id) FROM opsgate_audit_log");
    // The attacker removes the last entries and appends others in their place:
    // the store computes a perfectly valid chain over the new history.
    drop_append_only_triggers(&env);
    env.sql(&format!("DELETE FROM opsgate_audit_log WHERE id > {}", size - 2)).unwrap();
    block_on(async {
        let store = env.store().await;
        let forged: Vec<_> = (0..4)
            .map(|n| {
                opsgate::audit::NewAuditEntry::new(
                    opsgate::audit::Actor::system(),
                    opsgate::audit::Event::SeedRbac,
                    opsgate::audit::Outcome::Succeeded,
                )
                .payload(serde_json::json!({"forged": n}))
            })
            .collect();
        store.append_audit(&forged).await.unwrap();
        store.close().await;
    });
    env.run(["audit", "verify"]).exit(1).stderr_has("rewritten");
    env.run(["audit", "checkpoint"]).exit(1).stderr_has("rewritten");
    env.sql("DELETE FROM opsgate_audit_checkpoints").unwrap();
    env.run(["audit", "verify"]).exit(0).stdout_has("audit chain verifies");
    verify_against(&env, &kept).exit(1).stderr_has("no longer hash to the checkpoint's root");
    env.run(["audit", "verify", "--checkpoint", &kept.display().to_string(), "--since-checkpoint"])
        .exit(1)
        .stderr_has("holds no record matching the checkpoint");
    // An edit in place (no recomputed chain) is still named by the chain.
    env.sql("UPDATE opsgate_audit_log SET status = 'forged' WHERE id = 2").unwrap();
    verify_against(&env, &kept).exit(1).stderr_has("entry 2");
}

#[test]
fn an_edited_checkpoint_is_refused_before_the_log_is_read() {
    let env = Env::new().seeded();
    let kept = checkpoint(&env);
    let note = std::fs::read_to_string(&kept).unwrap();
    let size = note.lines().nth(1).unwrap().to_owned();
    let smaller = note.replacen(&format!("\n{size}\n"), "\n1\n", 1);
    std::fs::write(&kept, smaller).unwrap();
    verify_against(&env, &kept).exit(5).stderr_has("signature is not valid");
    std::fs::write(&kept, "garbage").unwrap();
    verify_against(&env, &kept).exit(2).stderr_has("the checkpoint is malformed");
    // The same note twice signed, once badly: refused, as Go's note.Open does.
    let (body, signature) = note.split_once("\n\n").unwrap();
    let (line_start, blob) = signature.trim_end().rsplit_once(' ').unwrap();
    let mut bytes = STANDARD.decode(blob).unwrap();
    bytes[10] ^= 1;
    let bad = format!("{line_start} {}\n", STANDARD.encode(bytes));
    std::fs::write(&kept, format!("{body}\n\n{bad}{signature}")).unwrap();
    verify_against(&env, &kept).exit(5);
}

fn hash(text: &str) -> tlog_tiles::tlog::Hash {
    tlog_tiles::tlog::Hash(STANDARD.decode(text).unwrap().try_into().unwrap())
}

fn proof(value: &Value) -> Vec<tlog_tiles::tlog::Hash> {
    value["proof"].as_array().unwrap().iter().map(|h| hash(h.as_str().unwrap())).collect()
}

#[test]
fn proofs_and_checkpoints_check_with_an_independent_implementation() {
    let env = Env::new().with_demo_data();
    more_entries(&env, 4);
    let kept = checkpoint(&env);
    let note = std::fs::read_to_string(&kept).unwrap();
    let body = note.split_once("\n\n").unwrap().0.to_owned() + "\n";
    let parsed = tlog_tiles::checkpoint::Checkpoint::from_bytes(body.as_bytes()).unwrap();
    let size = parsed.size();
    assert_eq!(size as i64, env.scalar("SELECT MAX(id) FROM opsgate_audit_log"));
    let root = *parsed.hash();
    for entry in [1, size / 2, size] {
        let included = env.run(["audit", "prove", &entry.to_string(), "-o", "json"]).exit(0).json();
        assert_eq!(hash(included["root"].as_str().unwrap()), root);
        // The leaf is RFC 6962's hash of the entry's chain hash.
        let data = opsgate::canonical::unhex(included["entry_hash"].as_str().unwrap()).unwrap();
        let leaf = tlog_tiles::tlog::record_hash(&data);
        assert_eq!(leaf, hash(included["leaf_hash"].as_str().unwrap()));
        tlog_tiles::tlog::check_record(&proof(&included), size, root, entry - 1, leaf).unwrap();
        let mut tampered = proof(&included);
        if let Some(first) = tampered.first_mut() {
            first.0[0] ^= 1;
            assert!(tlog_tiles::tlog::check_record(&tampered, size, root, entry - 1, leaf).is_err());
        }
    }
    more_entries(&env, 3);
    let consistent =
        env.run(["audit", "prove", "--consistency", &size.to_string(), "-o", "json"]).exit(0).json();
    let new_size = consistent["tree_size"].as_u64().unwrap();
    let new_root = hash(consistent["root"].as_str().unwrap());
    tlog_tiles::tlog::check_tree(&proof(&consistent), new_size, new_root, size, root).unwrap();
    let mut tampered = proof(&consistent);
    tampered[0].0[0] ^= 1;
    assert!(tlog_tiles::tlog::check_tree(&tampered, new_size, new_root, size, root).is_err());
}

#[test]
fn an_auditor_who_cannot_write_verifies_and_queries_the_log() {
    let env = Env::new().with_demo_data();
    let kept = checkpoint(&env);
    let key = env.run(["audit", "key"]).exit(0).stdout.trim().to_owned();
    let url = if env.is_postgres() {
        // A role that may only SELECT (role names are per cluster: one per test database).
        let database = env.db_url.rsplit('/').next().unwrap().to_owned();
        let role = format!("{database}_auditor");
        env.sql(&format!("CREATE ROLE {role} LOGIN")).unwrap();
        env.sql(&format!(
            "GRANT USAGE ON SCHEMA opsgate TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA opsgate, public TO {role}"
        ))
        .unwrap();
        let (scheme_user, rest) = env.db_url.split_once('@').unwrap();
        let scheme = scheme_user.split("//").next().unwrap();
        format!("{scheme}//{role}@{rest}")
    } else {
        format!("sqlite://{}?mode=ro", env.db_url)
    };
    let auditor = |args: &[&str]| {
        let mut command = env.command();
        command.env_remove("OPSGATE_DB").arg("--db").arg(&url).args(args);
        crate::support::Run::from(command.output().unwrap())
    };
    auditor(&["audit", "verify"]).exit(0).stdout_has("audit chain verifies");
    auditor(&["audit", "query", "--limit", "3", "-o", "json"]).exit(0);
    let kept = kept.display().to_string();
    auditor(&["audit", "verify", "--checkpoint", &kept, "--key", &key])
        .exit(0)
        .stdout_has("consistent with the checkpoint");
    // It really cannot write: planning through the same access fails, and nothing was written.
    let before = env.scalar("SELECT COUNT(*) FROM opsgate_audit_log");
    let refused = auditor(&["--as", "admin@example.com", "plan", "cancel booking 12"]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_audit_log"), before);
}

#[test]
fn an_export_ends_with_the_checkpoint_its_entries_hash_to() {
    let env = Env::new().with_demo_data();
    more_entries(&env, 2);
    let jsonl = env.run(["audit", "export"]).exit(0).stdout;
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (last, entries) = lines.split_last().unwrap();
    assert_eq!(entries.len() as u64, last["size"].as_u64().unwrap());
    let mut frontier = opsgate::audit::merkle::Frontier::default();
    for entry in entries {
        let chain_hash = opsgate::canonical::unhex(entry["hash"].as_str().unwrap()).unwrap();
        frontier.push(opsgate::audit::merkle::leaf_hash(&chain_hash));
    }
    let note = last["checkpoint"].as_str().unwrap();
    let root = note.lines().nth(2).unwrap();
    assert_eq!(STANDARD.encode(frontier.root()), root, "the exported entries make the checkpoint's tree");

    let events = env.run(["audit", "export", "--format", "cloudevents"]).exit(0).stdout;
    let events: Vec<Value> = events.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(
        events.iter().all(|e| e["specversion"] == "1.0"
            && e["source"].as_str().unwrap().starts_with("opsgate.local/audit/"))
    );
    assert!(events[0]["type"].as_str().unwrap().starts_with("dev.opsgate.audit."));
    assert_eq!(events.last().unwrap()["type"], "dev.opsgate.audit.checkpoint");
    let ids: std::collections::HashSet<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), events.len(), "every event id is unique");
}

#[test]
fn a_server_records_checkpoints_as_they_fall_due_and_ships_them_to_a_file() {
    let env = Env::new().with_demo_data();
    let sink = env.home.path().join("shipped-checkpoints.txt");
    let server =
        crate::support::server::Server::start_with(&env, &["--checkpoint-file", &sink.display().to_string()]);
    // The first falls due at once: there is none yet.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !std::fs::read_to_string(&sink).is_ok_and(|t| t.contains("\u{2014} ")) {
        assert!(std::time::Instant::now() < deadline, "no checkpoint was shipped within 30 s");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    drop(server);
    let shipped = std::fs::read_to_string(&sink).unwrap();
    let recorded = env.scalar("SELECT COUNT(*) FROM opsgate_audit_checkpoints");
    assert!(recorded >= 1);
    more_entries(&env, 1);
    verify_against(&env, &sink).exit(0).stdout_has("consistent with the checkpoint");
    // The next one starts from the recorded one: only the new entries are read.
    let next = env.run(["audit", "checkpoint", "-o", "json"]).exit(0).json();
    assert!(next["size"].as_u64().unwrap() > shipped.lines().nth(1).unwrap().parse::<u64>().unwrap());
}

#[test]
fn a_deleted_log_key_is_named_and_never_silently_replaced() {
    let env = Env::new().seeded();
    let kept = checkpoint(&env);
    env.sql("DELETE FROM opsgate_instance_secrets WHERE name = 'audit.log_key'").unwrap();
    verify_against(&env, &kept).exit(1).stderr_has("log key is missing");
    env.run(["audit", "checkpoint"]).exit(1).stderr_has("log key is missing");
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM opsgate_instance_secrets WHERE name = 'audit.log_key'"),
        0,
        "verify made a key"
    );
}

#[test]
fn since_a_checkpoint_an_edit_of_its_last_entry_is_caught() {
    let env = Env::new().seeded();
    let kept = checkpoint(&env);
    let size = env.scalar("SELECT MAX(id) FROM opsgate_audit_log");
    drop_append_only_triggers(&env);
    env.sql(&format!("UPDATE opsgate_audit_log SET status = 'forged' WHERE id = {size}")).unwrap();
    env.run(["audit", "verify", "--checkpoint", &kept.display().to_string(), "--since-checkpoint"])
        .exit(1)
        .stderr_has(&format!("entry {size}"));
}
