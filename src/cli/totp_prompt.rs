//! Where a command gets a TOTP code: the flag, else the terminal, else nowhere.

use dialoguer::Input;

use crate::error::{Error, Result};
use crate::second_factor::CodeSource;

pub fn code_source<'a>(
    flag: Option<&'a str>,
    interactive: bool,
    ask: &'a mut (dyn FnMut() -> Result<String> + Send),
) -> CodeSource<'a> {
    match (flag, interactive) {
        (Some(code), _) => CodeSource::Given(code),
        (None, true) => CodeSource::Ask(ask),
        (None, false) => CodeSource::Missing,
    }
}

/// Asks for the current code on the terminal.
pub fn ask_code() -> Result<String> {
    Input::<String>::new()
        .with_prompt("TOTP code")
        .interact_text()
        .map_err(|e| Error::Internal(format!("cannot read the code: {e}")))
}
