//! Views of indexed runbooks: what `docs add` did, `docs list`, and passages found by `docs search`.

use serde::Serialize;

use super::{Tabular, table};
use crate::runbooks::{IndexStatus, Indexed, Passage};
use crate::sanitize::{for_terminal, one_line};
use crate::store::RunbookRow;

/// `docs add`: one row per document.
#[derive(Serialize)]
#[serde(transparent)]
pub struct DocsAdded(pub Vec<Indexed>);

impl Tabular for DocsAdded {
    fn human(&self) -> String {
        let rows = self.0.iter().map(|d| {
            let status = match d.status {
                IndexStatus::Added => "added",
                IndexStatus::Updated => "updated",
                IndexStatus::Unchanged => "unchanged",
            };
            vec![d.path.clone(), status.into(), d.title.clone(), d.lines.to_string(), d.chunks.to_string()]
        });
        table(&["PATH", "STATUS", "TITLE", "LINES", "PASSAGES"], rows)
    }
}

/// `docs list`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct DocsList(pub Vec<RunbookRow>);

impl Tabular for DocsList {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no runbooks indexed yet: run `opsgate docs add PATH…`".into();
        }
        let rows = self.0.iter().map(|d| {
            vec![
                d.path.clone(),
                d.title.clone(),
                d.lines.to_string(),
                d.chunks.to_string(),
                d.indexed_at.format("%Y-%m-%d %H:%M").to_string(),
                d.indexed_by.clone(),
            ]
        });
        table(&["PATH", "TITLE", "LINES", "PASSAGES", "INDEXED", "BY"], rows)
    }
}

/// `docs search`: the query and the passages found, best first.
#[derive(Serialize)]
pub struct SearchView {
    pub query: String,
    pub passages: Vec<Passage>,
}

impl Tabular for SearchView {
    fn human(&self) -> String {
        if self.passages.is_empty() {
            return format!(
                "no passage matches `{}`; `opsgate docs list` shows what is indexed",
                one_line(&self.query)
            );
        }
        let mut text = String::new();
        for passage in &self.passages {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{}  (score {})\n", one_line(&passage.citation()), score(passage.score)));
            text.push_str(&format!("  {}\n", one_line(&passage.heading)));
            if !passage.snippet.is_empty() {
                text.push_str(&format!("  {}\n", one_line(&passage.snippet)));
            }
        }
        for_terminal(&text)
    }
}

/// Three decimals, or two significant digits for the tiny scores of words
/// that appear almost everywhere.
fn score(value: f64) -> String {
    if value == 0.0 || value.abs() >= 0.001 { format!("{value:.3}") } else { format!("{value:.1e}") }
}
