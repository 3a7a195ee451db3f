//! `metrics.export`: export a metrics report to a CSV file.

use serde_json::json;

use crate::builtin::change::{ops_log, required_text, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;

pub static ACTION: Builtin = Builtin::write("metrics.export", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { action: name, params, requester, .. } = input;
        let metric = required_text(params, "metric")?;
        let from = text(params, "from");
        let to = text(params, "to");
        Ok(Change::new(
            vec![ops_log(
                requester,
                name,
                "metrics",
                None,
                json!({"metric": metric, "from": from, "to": to}),
            )],
            None,
            format!("record an export of {metric} metrics"),
        ))
    })
}
