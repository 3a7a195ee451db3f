//! Turning library values into what a person or a program reads: tables,
//! JSON or YAML. Values are serialized as they are, never hand-assembled.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::pii::Audience;

mod agents;
mod alerts;
mod answer;
mod approval;
mod escaped;
mod plan;
mod playbook;
mod policy;
mod runbooks;

pub use agents::{AgentChange, AgentList, CredentialIssued};
pub use alerts::EvaluationView;
pub use answer::AnswerView;
pub use approval::{
    ActionView, ApprovalLine, ApprovalReviewView, DecisionView, KeysView, PendingView, RecoveryView,
    TotpEnrollment, WorkerView, approval_review_text,
};
pub use escaped::json_line;
pub use plan::{DryRunView, ExecutionsView, PlanView, StepView, payload_lines, review_text};
pub use playbook::{PlaybookOutlineView, PlaybookRunView};
pub use policy::PolicyView;
pub use runbooks::{DocsAdded, DocsList, SearchView};

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable tables and text.
    #[default]
    Table,
    /// One JSON document on stdout.
    Json,
    /// One YAML document on stdout.
    Yaml,
    /// Markdown: a report to mail or post (playbooks), else the text in a fenced block.
    Md,
}

impl OutputFormat {
    /// The media type of this format over HTTP (`Accept`, `Content-Type`).
    pub fn media_type(self) -> &'static str {
        match self {
            OutputFormat::Json => "application/json",
            OutputFormat::Yaml => "application/yaml",
            OutputFormat::Table => "text/plain; charset=utf-8",
            OutputFormat::Md => "text/markdown; charset=utf-8",
        }
    }
}

/// A value that also knows how to show itself to a person.
pub trait Tabular: Serialize {
    fn human(&self) -> String;

    /// Markdown: the human text in a fenced block, unless a view writes real Markdown.
    fn markdown(&self) -> String {
        let human = self.human();
        let fence = if human.contains("```") { "````" } else { "```" };
        format!("{fence}text\n{}\n{fence}\n", human.trim_end_matches('\n'))
    }
}

/// Prints a value in the chosen format, masked for `audience`: the one place
/// where output leaves the library, so the one place masking is applied.
pub fn emit<T: Tabular>(value: &T, format: OutputFormat, audience: &Audience) -> Result<()> {
    print_stdout(&rendered(value, format, audience)?)
}

/// What [`emit`] prints.
pub fn rendered<T: Tabular>(value: &T, format: OutputFormat, audience: &Audience) -> Result<String> {
    let structured = || -> Result<serde_json::Value> {
        let mut document = serde_json::to_value(value)
            .map_err(|e| Error::Internal(format!("cannot render the output: {e}")))?;
        audience.value(&mut document);
        Ok(document)
    };
    Ok(match format {
        OutputFormat::Table => audience.text(&value.human()),
        OutputFormat::Json => json(&structured()?)?,
        OutputFormat::Yaml => escaped::yaml(&structured()?)?,
        OutputFormat::Md => audience.text(&value.markdown()),
    })
}

/// Pretty JSON with hidden characters escaped (see [`escaped`]).
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    escaped::json_pretty(value)
}

/// Writes text (plus a newline when missing) to stdout. A reader that went
/// away (`opsgate audit query | head`) is not an error.
pub fn print_stdout(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    let result = out
        .write_all(text.as_bytes())
        .and_then(|_| if text.ends_with('\n') { Ok(()) } else { out.write_all(b"\n") })
        .and_then(|_| out.flush());
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("cannot write to stdout", e)),
        _ => Ok(()),
    }
}

/// Prints an error: the JSON envelope on stdout in JSON mode, one line on stderr otherwise.
pub fn error(error: &Error, format: OutputFormat) {
    match format {
        OutputFormat::Json => {
            let envelope = serde_json::json!({"error": {"code": error.code(), "message": error.to_string()}});
            let _ = print_stdout(&json_line(&envelope).unwrap_or_else(|_| envelope.to_string()));
        }
        OutputFormat::Yaml | OutputFormat::Table | OutputFormat::Md => {
            let _ = writeln!(io::stderr(), "error: {}", crate::sanitize::one_line(&error.to_string()));
        }
    }
}

/// A table with opsgate's look; every cell is sanitized for the terminal.
pub fn table<I, R, C>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = C>,
    C: ToString,
{
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row.into_iter().map(|c| crate::sanitize::one_line(&c.to_string())));
    }
    table.to_string()
}
