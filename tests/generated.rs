//! `completions/` and `man/` are generated from the clap definition, and
//! `catalog/ops.json` from `catalog/ops.yaml`; all are committed.
//! This test fails when they are stale; `OPSGATE_BLESS=1 cargo nextest run generated`
//! rewrites them.

use crate::support::repo_root;

#[test]
fn committed_completions_and_man_pages_are_current() {
    let bless = std::env::var_os("OPSGATE_BLESS").is_some();
    let mut stale = Vec::new();
    let mut artifacts = opsgate::cli::generated::artifacts();
    artifacts.push((
        "catalog/ops.json".into(),
        opsgate::catalog::Catalog::builtin_pack_json().unwrap().into_bytes(),
    ));
    for (path, contents) in &artifacts {
        let full = repo_root().join(path);
        if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
            if bless {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, contents).unwrap();
            } else {
                stale.push(path.clone());
            }
        }
    }
    if !bless {
        assert_eq!(
            opsgate::catalog::Catalog::committed_builtin_pack_json(),
            String::from_utf8_lossy(&artifacts.iter().find(|(p, _)| p == "catalog/ops.json").unwrap().1),
            "the binary embeds a stale catalog/ops.json"
        );
    }
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(repo_root().join(dir)).into_iter().flatten().flatten() {
            let relative = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !artifacts.iter().any(|(path, _)| *path == relative) {
                if bless {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(format!("{relative} (no longer generated)"));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; run `OPSGATE_BLESS=1 cargo nextest run generated` and commit"
    );
}
