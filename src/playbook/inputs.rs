//! What a run is given besides the file: the execute gate and `--var` values.

use serde_json::{Map, Value};

use super::format::{Mode, Playbook};
use crate::error::{Error, Result};

/// The mode a run gets. `execute` needs the file (`mode: execute` and
/// `allow_execute: true`) and the command line (`--allow-execute`); one without
/// the other is refused before anything is written.
pub fn resolve_mode(playbook: &Playbook, allow_execute: bool) -> Result<Mode> {
    let file = playbook.file_name();
    match (playbook.mode == Mode::Execute, playbook.allow_execute, allow_execute) {
        (true, true, true) => Ok(Mode::Execute),
        (true, true, false) => Err(Error::Usage(format!(
            "{file} asks for mode `execute`, which also needs --allow-execute on the command line (a scheduled run stays suggest-only); nothing was run"
        ))),
        (true, false, _) => Err(Error::Usage(format!(
            "{file} says `mode: execute` without `allow_execute: true`: the file and --allow-execute must both allow it; nothing was run"
        ))),
        (false, _, true) => Err(Error::Usage(format!(
            "--allow-execute was given, but {file} does not ask for `mode: execute` (with `allow_execute: true`); nothing was run"
        ))),
        (false, _, false) => Ok(playbook.mode),
    }
}

/// The file's variables with `--var` overrides, each typed like its default.
pub fn resolve_vars(playbook: &Playbook, overrides: &[(String, String)]) -> Result<Map<String, Value>> {
    let mut vars: Map<String, Value> =
        playbook.vars.iter().map(|(k, v)| (k.clone(), v.default.clone())).collect();
    for (key, text) in overrides {
        let spec = playbook.vars.get(key).ok_or_else(|| {
            let declared: Vec<String> = playbook.vars.keys().map(|k| format!("`{k}`")).collect();
            Error::Usage(format!(
                "--var {key}: {} declares no variable `{key}` (declared: {})",
                playbook.file_name(),
                if declared.is_empty() { "none".into() } else { declared.join(", ") }
            ))
        })?;
        let bad = |what: &str| {
            Error::Usage(format!(
                "--var {key}={text}: `{text}` is not {what} (the default is {})",
                spec.default
            ))
        };
        let value = match &spec.default {
            Value::Bool(_) => match text.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(bad("true or false")),
            },
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                text.trim().parse::<i64>().map(Value::from).map_err(|_| bad("an integer"))?
            }
            Value::Number(_) => text
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
                .ok_or_else(|| bad("a number"))?,
            Value::Array(_) | Value::Object(_) => serde_json::from_str(text).map_err(|_| bad("JSON"))?,
            Value::String(_) | Value::Null => Value::String(text.clone()),
        };
        vars.insert(key.clone(), value);
    }
    Ok(vars)
}
