//! `opsgate completions SHELL`: print a completion script generated from the clap definition.

use clap::Args;
use clap_complete::Shell;

use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::render::print_stdout;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

impl CompletionsArgs {
    pub fn run(self) -> Result<ExitCode> {
        print_stdout(&completion_script(self.shell))?;
        Ok(ExitCode::Success)
    }
}

/// The completion script for one shell, as committed under `completions/`.
pub fn completion_script(shell: Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "opsgate", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}
