//! How an answer reads: the paragraph, the rows, the window, the confidence
//! and every source.

use serde::Serialize;
use serde_json::Value;

use super::{Tabular, table};
use crate::answer::Answer;
use crate::sanitize::for_terminal;

/// `ask` output.
#[derive(Debug, Serialize)]
pub struct AnswerView {
    #[serde(flatten)]
    pub answer: Answer,
    /// The answer's words were already shown as they streamed in.
    #[serde(skip)]
    pub streamed: bool,
}

/// Rows wider than this are shown one field per line.
const WIDE: usize = 7;

fn cell(value: &Value) -> String {
    match value {
        Value::Null => "–".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Tabular for AnswerView {
    fn human(&self) -> String {
        let answer = &self.answer;
        let mut out = String::new();
        if !self.streamed {
            out.push_str(&for_terminal(&answer.answer));
            out.push('\n');
        }
        if let Some(draft) = &answer.draft {
            out.push_str("\n─── draft (nothing was sent or stored) ───\n");
            out.push_str(&for_terminal(draft));
            if !draft.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("───\n");
        }
        let set = &answer.table;
        if !set.rows.is_empty() {
            out.push('\n');
            if set.rows.len() == 1 && set.columns.len() > WIDE {
                let fields = set.columns.iter().zip(&set.rows[0]).map(|(c, v)| [c.clone(), cell(v)]);
                out.push_str(&table(&["field", "value"], fields));
            } else {
                let header: Vec<&str> = set.columns.iter().map(String::as_str).collect();
                out.push_str(&table(
                    &header,
                    set.rows.iter().map(|row| row.iter().map(cell).collect::<Vec<_>>()),
                ));
            }
            out.push('\n');
        }
        out.push('\n');
        if let Some(window) = &answer.window {
            out.push_str(&format!("Window:     {} — {}\n", window.label, window.span()));
        }
        out.push_str(&format!("Confidence: {:.2}\n", answer.confidence));
        if answer.masked {
            out.push_str("Masked:     phone numbers and e-mails (you lack ops.priority_queue.full_access)\n");
        }
        if let Some(command) = &answer.suggested_command {
            out.push_str(&format!("Next:       {}\n", for_terminal(command)));
        }
        if !answer.sources.is_empty() {
            out.push_str("Sources:\n");
            for (index, source) in answer.sources.iter().enumerate() {
                out.push_str(&format!("  {}. {}\n", index + 1, for_terminal(&source.line())));
            }
        }
        out
    }
}
