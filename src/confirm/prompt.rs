//! The interactive confirmation: shows exactly what will run and asks. For
//! destructive actions the person types the target's id.

use std::io::IsTerminal;

use dialoguer::{Confirm, Input};

use crate::error::{Error, Result};
use crate::sanitize::for_terminal;

/// Whether a person is there to answer: stdin and stderr are terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalAnswer {
    Yes,
    No,
}

/// Prints `review` (sanitized) to stderr and asks. With `type_to_confirm`, the
/// person must type that text (the target's id) instead of answering y/n.
pub fn ask_on_terminal(
    review: &str,
    question: &str,
    type_to_confirm: Option<&str>,
) -> Result<TerminalAnswer> {
    eprintln!("{}", for_terminal(review));
    let failed = |e: dialoguer::Error| Error::Internal(format!("cannot read the answer: {e}"));
    match type_to_confirm {
        Some(expected) => {
            let typed: String = Input::new()
                .with_prompt(format!("{question} Type {expected} to confirm"))
                .allow_empty(true)
                .interact_text()
                .map_err(failed)?;
            Ok(if typed.trim() == expected { TerminalAnswer::Yes } else { TerminalAnswer::No })
        }
        None => {
            let yes = Confirm::new().with_prompt(question).default(false).interact().map_err(failed)?;
            Ok(if yes { TerminalAnswer::Yes } else { TerminalAnswer::No })
        }
    }
}
