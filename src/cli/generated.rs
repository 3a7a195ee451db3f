//! Files generated from the clap definition and committed: shell completions
//! under `completions/` and man pages under `man/`. A test compares them with
//! what the current definition produces, so they never go stale.

use clap_complete::Shell;

use super::completions::completion_script;

/// Every generated file as (path relative to the repository root, contents).
pub fn artifacts() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "opsgate.bash"),
        (Shell::Zsh, "_opsgate"),
        (Shell::Fish, "opsgate.fish"),
        (Shell::Elvish, "opsgate.elv"),
        (Shell::PowerShell, "_opsgate.ps1"),
    ] {
        files.push((format!("completions/{name}"), completion_script(shell).into_bytes()));
    }
    let mut command = super::command().disable_help_subcommand(true);
    command.build();
    man_pages(command, &mut files);
    files.sort();
    files
}

fn man_pages(command: clap::Command, files: &mut Vec<(String, Vec<u8>)>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        man_pages(sub, files);
    }
    let man = clap_mangen::Man::new(command);
    let mut page = Vec::new();
    // Rendering into memory cannot fail.
    let _ = man.render(&mut page);
    files.push((format!("man/{}", man.get_filename()), page));
}
