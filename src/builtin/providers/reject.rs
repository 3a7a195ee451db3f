//! `providers.reject`: decides a pending provider application.

use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;

pub static ACTION: Builtin = Builtin::write("providers.reject", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(super::application::decide(input, false))
}
