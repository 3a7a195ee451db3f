//! What a request gets back: the command's output in the format its `Accept`
//! asks for (JSON by default, the same document as `-o json`), its exit code
//! in [`EXIT_CODE_HEADER`], and errors as the JSON error envelope with the
//! HTTP status of their exit-code class.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::Error;
use crate::exit_code::ExitCode;
use crate::render::{OutputFormat, json_line};

/// The exit code the same command would have ended with on the command line.
pub const EXIT_CODE_HEADER: &str = "opsgate-exit-code";

/// Lines the command wrote for the person beside its output (stderr locally),
/// as a JSON array of strings in ASCII.
pub const NOTES_HEADER: &str = "opsgate-notes";

/// The output format a request asks for; JSON unless it asks for text, YAML or Markdown.
pub fn format_of(headers: &HeaderMap) -> OutputFormat {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let first = accept.split(',').map(|t| t.split(';').next().unwrap_or_default().trim()).next();
    match first {
        Some("text/plain") => OutputFormat::Table,
        Some("application/yaml" | "application/x-yaml" | "text/yaml") => OutputFormat::Yaml,
        Some("text/markdown") => OutputFormat::Md,
        _ => OutputFormat::Json,
    }
}

/// The HTTP status of an error's exit-code class (DESIGN.md, "Exit codes").
pub fn status_of(error: &Error) -> StatusCode {
    match error.code() {
        "usage" => StatusCode::BAD_REQUEST,
        "unauthenticated" | "token_invalid" => StatusCode::UNAUTHORIZED,
        "denied" => StatusCode::FORBIDDEN,
        "not_found" => StatusCode::NOT_FOUND,
        "conflict" | "needs_confirmation" => StatusCode::CONFLICT,
        "unplannable" => StatusCode::UNPROCESSABLE_ENTITY,
        "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "not_available" => StatusCode::NOT_IMPLEMENTED,
        "database" | "provider" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The error envelope, with the status of its class.
pub fn error(error: &Error) -> Response {
    error_with_status(error, status_of(error))
}

pub fn error_with_status(error: &Error, status: StatusCode) -> Response {
    envelope(error, status, None)
}

/// `output` is what the command printed before it failed (a dry-run's view in
/// table form, say): the client prints it before the error, as locally.
fn envelope(error: &Error, status: StatusCode, output: Option<String>) -> Response {
    let mut body = json!({"error": {"code": error.code(), "message": error.to_string()}});
    if let Some(output) = output {
        body["output"] = json!(output);
    }
    let text = json_line(&body).unwrap_or_else(|_| body.to_string());
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], text).into_response();
    response.headers_mut().insert(EXIT_CODE_HEADER, HeaderValue::from(u16::from(error.exit_code().code())));
    response
}

/// The reply to a command run for a request.
pub fn outcome(
    format: OutputFormat,
    (output, notes): (String, Vec<String>),
    result: crate::error::Result<ExitCode>,
) -> Response {
    let mut response = match result {
        Ok(exit) => {
            let mut response =
                (StatusCode::OK, [(header::CONTENT_TYPE, format.media_type())], output).into_response();
            response.headers_mut().insert(EXIT_CODE_HEADER, HeaderValue::from(u16::from(exit.code())));
            response
        }
        Err(failure) => {
            let status = status_of(&failure);
            envelope(&failure, status, (!output.is_empty()).then_some(output))
        }
    };
    if !notes.is_empty()
        && let Ok(value) = HeaderValue::from_str(&ascii_json(&notes))
    {
        response.headers_mut().insert(NOTES_HEADER, value);
    }
    response
}

/// JSON with every character outside printable ASCII escaped (`\uXXXX`), fit for a header.
fn ascii_json(notes: &[String]) -> String {
    let text = serde_json::to_string(notes).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() && !c.is_ascii_control() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A JSON document (not a command's output: an approval review, the OpenAPI document).
pub fn document(value: &serde_json::Value) -> Response {
    let text = crate::render::json(value).unwrap_or_else(|_| value.to_string());
    let mut response = (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], text).into_response();
    response.headers_mut().insert(EXIT_CODE_HEADER, HeaderValue::from(0u16));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_travel_in_a_header_as_ascii_json() {
        let notes = vec!["café ✓".to_owned(), "line\nbreak".to_owned(), "🦀".to_owned()];
        let text = ascii_json(&notes);
        assert!(text.is_ascii() && !text.contains('\n'), "{text}");
        assert!(HeaderValue::from_str(&text).is_ok());
        assert_eq!(serde_json::from_str::<Vec<String>>(&text).unwrap(), notes);
    }
}
