//! Confirmation: a person's interactive yes on a terminal, or a signed,
//! single-use, expiring token printed by `plan`. No terminal and no token
//! means no: nothing ever assumes yes.

mod presented;
mod prompt;
mod token;

pub use presented::check_presented;
pub use prompt::{TerminalAnswer, ask_on_terminal, is_interactive};
pub use token::{ParsedToken, TOKEN_SECRET, mint, parse, verify_mac};
