//! `opsgate docs` against the real binary: indexing runbooks, re-indexing,
//! searching with exact citations, hostile queries, bad files, permissions,
//! and the example runbooks of `--demo`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Env, Run, repo_root};

const ADMIN: &str = "admin@example.com";
const VIEWER: &str = "viewer@example.com";

const REFUNDS_MD: &str = "# Refunds

Intro: how refunds work.

## No-shows

A no-show forfeits the booking fee.
The provider keeps the fee.

```sh
# not a heading: a shell comment about refunds
opsgate plan \"refund booking 7\"
```

## Late cancellation

Half of the amount is refunded.
";

const ONCALL_TXT: &str = "On-call rota for the weekend.
Pager duty rotates every Friday.

Escalations go to the shift lead first.
";

/// A working directory inside the test's home, where relative paths resolve.
fn workdir(env: &Env) -> PathBuf {
    let dir = env.home.path().join("work");
    std::fs::create_dir_all(dir.join("kb")).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// `opsgate [--as EMAIL] ARGS…` run from `dir`.
fn docs_in(env: &Env, dir: &Path, email: Option<&str>, args: &[&str]) -> Run {
    let mut command = env.command();
    command.current_dir(dir);
    if let Some(email) = email {
        command.arg("--as").arg(email);
    }
    Run::from(command.args(args).output().unwrap())
}

fn search(env: &Env, dir: &Path, query: &str) -> Vec<Value> {
    let out = docs_in(env, dir, Some(VIEWER), &["docs", "search", query, "--limit", "20", "-o", "json"])
        .exit(0)
        .json();
    assert_eq!(out["query"], query);
    out["passages"].as_array().unwrap().clone()
}

fn statuses(out: &Value) -> Vec<(String, String)> {
    out.as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_owned(), d["status"].as_str().unwrap().to_owned()))
        .collect()
}

/// The lines a citation names, read from the file itself.
fn cited_lines(dir: &Path, passage: &Value) -> String {
    let path = dir.join(passage["path"].as_str().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (start, end) =
        (passage["line_start"].as_u64().unwrap() as usize, passage["line_end"].as_u64().unwrap() as usize);
    assert!(1 <= start && start <= end && end <= lines.len(), "{passage}");
    lines[start - 1..end].join("\n")
}

#[test]
fn add_list_and_search_round_trip_with_citations() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    write(&dir, "kb/refunds.md", REFUNDS_MD);
    write(&dir, "kb/oncall.txt", ONCALL_TXT);
    write(&dir, "kb/image.png", [0x89, b'P', b'N', b'G', 0]);

    let added = docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "./kb", "-o", "json"]).exit(0).json();
    assert_eq!(
        statuses(&added),
        [("kb/oncall.txt".into(), "added".into()), ("kb/refunds.md".into(), "added".into())],
        "a directory adds its .md and .txt files, sorted, paths without ./"
    );

    let list = docs_in(&env, &dir, Some(VIEWER), &["docs", "list", "-o", "json"]).exit(0).json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let refunds = list.iter().find(|d| d["path"] == "kb/refunds.md").unwrap();
    assert_eq!(refunds["title"], "Refunds");
    assert_eq!(refunds["chunks"], 3);
    assert_eq!(refunds["lines"], 17);
    assert_eq!(refunds["indexed_by"], ADMIN);

    let passages = search(&env, &dir, "no-show fee");
    let best = &passages[0];
    assert_eq!(best["citation"], "kb/refunds.md#L5-L13");
    assert_eq!(best["heading"], "Refunds > No-shows");
    assert_eq!(best["snippet"], "A no-show forfeits the booking fee.");
    assert!(best["score"].as_f64().unwrap() > 0.0);
    assert_eq!(best["text"].as_str().unwrap(), cited_lines(&dir, best));

    let passages = search(&env, &dir, "escalations shift lead");
    assert_eq!(passages[0]["citation"], "kb/oncall.txt#L1-L4");

    // Tables for people: citation, heading and snippet.
    docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "late cancellation"])
        .exit(0)
        .stdout_has("kb/refunds.md#L15-L17")
        .stdout_has("Refunds > Late cancellation")
        .stdout_has("Half of the amount is refunded.");
    docs_in(&env, &dir, Some(VIEWER), &["docs", "list"]).exit(0).stdout_has("kb/refunds.md");
    docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "zebra"]).exit(0).stdout_has("no passage matches");

    let audit = env.run(["audit", "query", "--event", "docs.add", "-o", "json"]).exit(0).json();
    let audit = audit.as_array().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["actor"]["id"], ADMIN);
    assert_eq!(audit[0]["payload"]["paths"], serde_json::json!(["kb/oncall.txt", "kb/refunds.md"]));
    env.run(["audit", "verify"]).exit(0);
}

#[test]
fn re_adding_a_path_replaces_its_passages_or_reports_it_unchanged() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    write(&dir, "kb/refunds.md", REFUNDS_MD);
    let add =
        |path: &str| docs_in(&env, &dir, Some(ADMIN), &["docs", "add", path, "-o", "json"]).exit(0).json();

    assert_eq!(statuses(&add("kb/refunds.md")), [("kb/refunds.md".into(), "added".into())]);
    assert_eq!(statuses(&add("./kb/refunds.md")), [("kb/refunds.md".into(), "unchanged".into())]);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_chunks"), 3);

    let changed = REFUNDS_MD.replace(
        "## Late cancellation\n\nHalf of the amount is refunded.\n",
        "## Vouchers\n\nA voucher replaces the refund.\n\n## Disputes\n\nChargebacks go to finance.\n",
    );
    write(&dir, "kb/refunds.md", &changed);
    assert_eq!(statuses(&add("kb/refunds.md")), [("kb/refunds.md".into(), "updated".into())]);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_documents"), 1);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_chunks"), 4);
    assert!(search(&env, &dir, "cancellation").is_empty(), "the old passage is gone");
    let passages = search(&env, &dir, "chargebacks finance");
    assert_eq!(passages[0]["citation"], "kb/refunds.md#L19-L21");
    assert_eq!(passages[0]["text"].as_str().unwrap(), cited_lines(&dir, &passages[0]));

    // An absolute path is stored as such: a different document.
    let absolute = dir.join("kb/refunds.md").display().to_string();
    assert_eq!(statuses(&add(&absolute)), [(absolute.clone(), "added".into())]);

    let audit = env.run(["audit", "query", "--event", "docs.add", "-o", "json"]).exit(0).json();
    assert_eq!(audit.as_array().unwrap().len(), 4, "every add is audited, unchanged ones too");
}

#[test]
fn every_cited_line_range_contains_the_matching_text() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    for entry in std::fs::read_dir(repo_root().join("runbooks")).unwrap() {
        let entry = entry.unwrap();
        write(
            &dir,
            &format!("runbooks/{}", entry.file_name().to_string_lossy()),
            std::fs::read(entry.path()).unwrap(),
        );
    }
    // A long section (split further), fenced code with `#` lines, and CRLF line ends.
    let mut long = String::from("# Long runbook\r\n\r\n## Procedures\r\n\r\n");
    for step in 1..=40 {
        long.push_str(&format!("Step {step}: check queue {step}.\r\n"));
        if step % 7 == 0 {
            long.push_str("\r\n```\r\n# restart the worker\r\nopsgate worker --recover\r\n```\r\n\r\n");
        }
    }
    long.push_str("\r\n## Appendix\r\n\r\nRecover stuck workers with the recover flag.\r\n");
    write(&dir, "runbooks/long.md", long);
    docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "runbooks"]).exit(0);

    let queries = [
        "no-show",
        "refund",
        "escalated breached",
        "insurance",
        "at_risk buffer",
        "recover worker",
        "queue 33",
        "chargeback bank",
        "what does our refund policy say about no-shows?",
    ];
    let mut cited = 0;
    for query in queries {
        let words: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !["what", "does", "our", "say", "about"].contains(w))
            .map(|w| w.to_lowercase().chars().take(4).collect())
            .collect();
        let passages = search(&env, &dir, query);
        assert!(!passages.is_empty(), "{query}: nothing found");
        for passage in passages {
            let lines = cited_lines(&dir, &passage);
            assert_eq!(passage["text"].as_str().unwrap(), lines, "{query}: {}", passage["citation"]);
            let citation = passage["citation"].as_str().unwrap();
            assert!(citation.ends_with(&format!("#L{}-L{}", passage["line_start"], passage["line_end"])));
            let span = passage["line_end"].as_u64().unwrap() - passage["line_start"].as_u64().unwrap() + 1;
            assert!(span <= 60, "{citation}: {span} lines");
            let lower = lines.to_lowercase();
            assert!(
                words.iter().any(|w| lower.contains(w.as_str())),
                "{query}: {citation} lacks {words:?}:\n{lines}"
            );
            cited += 1;
        }
    }
    assert!(cited >= 20, "only {cited} passages checked");

    let no_shows = search(&env, &dir, "no-show");
    assert_eq!(no_shows[0]["path"], "runbooks/refund-policy.md");
    assert_eq!(no_shows[0]["heading"], "Refund policy > No-shows");
}

#[test]
fn search_syntax_in_a_query_is_just_words() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    write(&dir, "kb/refunds.md", REFUNDS_MD);
    docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "kb"]).exit(0);

    for query in [
        "\"foo AND (bar OR\" NEAR*",
        "refund*",
        "NOT refund",
        "-refund",
        "heading:refund",
        "^refund + {fee}",
        "NEAR(refund fee, 2)",
        "'; DROP TABLE opsgate_runbook_chunks; --",
        "refund & | ! <-> :* fee",
        "ümlaut ² ١٢ 😀 refunds",
    ] {
        docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "-o", "json", "--", query]).exit(0).json();
    }
    let found = search(&env, &dir, "refund AND (fee OR");
    assert!(!found.is_empty());
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_chunks"), 3);

    for query in ["", "  \"*()^:- ", "--"] {
        let run = docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "-o", "json", "--", query]).exit(2);
        assert_eq!(run.json()["error"]["code"], "usage", "{query:?}");
    }
    docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "refund", "--limit", "0"]).exit(2);
}

#[test]
fn a_bad_file_means_nothing_is_indexed() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    write(&dir, "kb/good.md", REFUNDS_MD);
    write(&dir, "kb/binary.md", b"# Binary\n\0\x01\x02");
    write(&dir, "kb/latin1.txt", b"caf\xe9 au lait\n");
    write(&dir, "empty/notes.pdf", b"%PDF");

    let cases: [(&[&str], &str); 4] = [
        (&["kb/good.md", "kb/missing.md"], "no such file or directory: kb/missing.md"),
        (&["kb/good.md", "kb/binary.md"], "kb/binary.md: binary file"),
        (&["kb/latin1.txt", "kb/good.md"], "kb/latin1.txt: not UTF-8 text"),
        (&["kb/good.md", "empty"], "empty holds no .md or .txt files"),
    ];
    for (paths, message) in cases {
        let mut args = vec!["docs", "add"];
        args.extend(paths);
        let run = docs_in(&env, &dir, Some(ADMIN), &args).exit(1).stderr_has(message);
        assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    }
    let run = docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "kb/missing.md", "-o", "json"]).exit(1);
    assert_eq!(run.json()["error"]["code"], "not_found");
    // A directory with a bad file is refused as a whole too.
    docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "kb"]).exit(1).stderr_has("kb/binary.md");

    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_documents"), 0);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_chunks"), 0);
    let audit = env.run(["audit", "query", "--event", "docs.add", "-o", "json"]).exit(0).json();
    assert!(audit.as_array().unwrap().is_empty());
}

#[test]
fn adding_needs_config_edit_and_searching_any_staff_member() {
    let env = Env::new().seeded();
    let dir = workdir(&env);
    write(&dir, "kb/refunds.md", REFUNDS_MD);
    for role in ["manager", "senior_agent", "agent", "support", "analyst", "viewer"] {
        docs_in(&env, &dir, Some(&format!("{role}@example.com")), &["docs", "add", "kb"])
            .exit(3)
            .stderr_has("lacks the permission `ops.config.edit`");
    }
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_runbook_documents"), 0);
    docs_in(&env, &dir, Some("super_admin@example.com"), &["docs", "add", "kb"]).exit(0);
    for role in ["admin", "agent", "viewer"] {
        let email = format!("{role}@example.com");
        docs_in(&env, &dir, Some(&email), &["docs", "search", "no-show"])
            .exit(0)
            .stdout_has("kb/refunds.md#L5-L13");
        docs_in(&env, &dir, Some(&email), &["docs", "list"]).exit(0);
    }
    docs_in(&env, &dir, Some("nobody@example.com"), &["docs", "search", "refund"]).exit(3);
    // Passages are free text: PII in them is masked without full access.
    write(&dir, "kb/pager.md", "# Pager\n\nCall the shift lead on +49 151 2345 6789 or lead@corp.example.\n");
    docs_in(&env, &dir, Some(ADMIN), &["docs", "add", "kb/pager.md"]).exit(0);
    let masked = docs_in(&env, &dir, Some(VIEWER), &["docs", "search", "shift lead", "-o", "json"]).exit(0);
    assert!(
        masked.stdout.contains("l***@corp.example") && !masked.stdout.contains("2345 6789"),
        "{}",
        masked.stdout
    );
    let whole =
        docs_in(&env, &dir, Some("manager@example.com"), &["docs", "search", "shift lead", "-o", "json"]);
    assert!(whole.exit(0).stdout.contains("+49 151 2345 6789"));
    // Without --as the database owner acts, audited as the system.
    write(&dir, "kb/more.md", "# More\n\nExtra text.\n");
    docs_in(&env, &dir, None, &["docs", "add", "kb/more.md"]).exit(0);
    let audit = env.run(["audit", "query", "--event", "docs.add", "-o", "json"]).exit(0).json();
    assert_eq!(audit.as_array().unwrap().last().unwrap()["actor"]["id"], "os:ci");
}

#[test]
fn the_demo_indexes_the_example_runbooks() {
    let env = Env::new();
    let out = env.run(["--demo", "docs", "search", "no-show", "-o", "json"]).exit(0).json();
    let best = &out["passages"][0];
    assert_eq!(best["path"], "runbooks/refund-policy.md");
    assert_eq!(best["heading"], "Refund policy > No-shows");
    let lines: Vec<&str> = opsgate::runbooks::EXAMPLES
        .iter()
        .find(|(path, _)| *path == "runbooks/refund-policy.md")
        .unwrap()
        .1
        .lines()
        .collect();
    let (start, end) =
        (best["line_start"].as_u64().unwrap() as usize, best["line_end"].as_u64().unwrap() as usize);
    assert_eq!(best["text"].as_str().unwrap(), lines[start - 1..end].join("\n"));
    assert!(best["text"].as_str().unwrap().to_lowercase().contains("no-show"));

    let list = env.run(["--demo", "docs", "list", "-o", "json"]).exit(0).json();
    let paths: Vec<&str> = list.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["runbooks/provider-onboarding.md", "runbooks/refund-policy.md", "runbooks/sla-escalation.md"]
    );
    let sla = env.run(["--demo", "docs", "search", "at risk buffer", "-o", "json"]).exit(0).json();
    assert_eq!(sla["passages"][0]["path"], "runbooks/sla-escalation.md");
    env.run(["--demo", "audit", "verify"]).exit(0);
}
