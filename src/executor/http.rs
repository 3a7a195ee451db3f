//! Sending a pack action's requests. A write carries `Idempotency-Key:
//! opsgate-a<ID>` and is sent once: only reads and writes the pack declares
//! idempotent are retried after a 5xx or a lost answer. A write whose answer
//! is lost is `unknown`, never re-sent blindly. Redirects are followed only
//! to the same origin, so nothing a server answers can move a request to
//! another host.

use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result, one_line};
use crate::pack::Timeouts;
use crate::pack::secrets::Secrets;
use crate::payload::{HttpCall, HttpProbe};

/// How often a retryable request is tried, and the first wait between tries.
const ATTEMPTS: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(200);

/// How much of a response is recorded.
const RECORDED_BYTES: usize = 4096;

/// How a write ended.
#[derive(Debug)]
pub enum Sent {
    /// 2xx: the response (JSON when it is, else its text), scrubbed of secrets.
    Succeeded { status: u16, response: Value },
    /// The API refused it (4xx, a redirect elsewhere), or it was never sent.
    Failed { message: String },
    /// Sent, and no answer says whether it was applied.
    Unknown { reason: String },
}

/// One client per pack timeout setting, kept for the process: its
/// connections are reused, and its TLS setup is made once.
fn client(timeout: Timeouts) -> Result<reqwest::Client> {
    static CLIENTS: std::sync::Mutex<Vec<(Timeouts, reqwest::Client)>> = std::sync::Mutex::new(Vec::new());
    let mut clients = CLIENTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, client)) = clients.iter().find(|(t, _)| *t == timeout) {
        return Ok(client.clone());
    }
    let client = new_client(timeout)?;
    clients.push((timeout, client.clone()));
    Ok(client)
}

fn new_client(timeout: Timeouts) -> Result<reqwest::Client> {
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let same_origin =
            attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin || attempt.previous().len() >= 5 { attempt.stop() } else { attempt.follow() }
    });
    crate::planner::llm::http::builder(Duration::from_millis(timeout.request_ms))
        .connect_timeout(Duration::from_millis(timeout.connect_ms))
        // Below the usual 5 s keep-alive of servers (Node's default), so a
        // kept connection is not one the server is closing as a write goes out.
        .pool_idle_timeout(Duration::from_secs(2))
        .redirect(policy)
        .build()
        .map_err(|e| Error::Provider(format!("cannot build the HTTP client: {e}")))
}

/// Scheme, host and port of a URL, for messages.
fn origin(url: &str) -> String {
    url::Url::parse(url).map(|u| u.origin().ascii_serialization()).unwrap_or_else(|_| "the API".into())
}

fn path_of(url: &str) -> String {
    url::Url::parse(url).map(|u| u.path().to_owned()).unwrap_or_default()
}

/// The API's own words from an error response: `message`, `error`,
/// `error.message`, `detail`, or the text itself; one line, bounded.
fn api_message(text: &str) -> String {
    let from_json = serde_json::from_str::<Value>(text).ok().and_then(|json| {
        ["message", "error", "detail", "title"].iter().find_map(|key| match json.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(inner)) => inner.get("message").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        })
    });
    let empty = matches!(serde_json::from_str::<Value>(text), Ok(Value::Object(m)) if m.is_empty());
    let message = from_json.unwrap_or_else(|| if empty { String::new() } else { text.to_owned() });
    let line = one_line(&message);
    if line.is_empty() { "(no message)".into() } else { line.chars().take(300).collect() }
}

fn recorded(text: &str, secrets: &Secrets) -> Value {
    let clean = secrets.scrub(text);
    match serde_json::from_str::<Value>(&clean) {
        Ok(json) if clean.len() <= RECORDED_BYTES => json,
        _ => {
            let cut: String = clean.chars().take(RECORDED_BYTES).collect();
            Value::String(cut)
        }
    }
}

fn request_for(
    client: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &std::collections::BTreeMap<String, String>,
    body: Option<&Value>,
    secrets: &Secrets,
) -> Result<reqwest::RequestBuilder> {
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|_| Error::Internal(format!("`{method}` is not an HTTP method")))?;
    let mut builder = client.request(method, url);
    for (name, value) in headers {
        builder = builder.header(name, secrets.fill(value)?);
    }
    if let Some(body) = body {
        builder = builder.json(body);
    }
    Ok(builder)
}

/// GETs a JSON document (a target or a read), retrying 5xx and lost answers.
pub async fn get_json(
    url: &str,
    headers: &std::collections::BTreeMap<String, String>,
    timeout: Timeouts,
) -> Result<Value> {
    let secrets = Secrets::for_headers(headers.values())?;
    let client = client(timeout)?;
    let mut backoff = FIRST_BACKOFF;
    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        match request_for(&client, "GET", url, headers, None, &secrets)?.send().await {
            Ok(response) => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                if status.is_success() {
                    return serde_json::from_str(&text).map_err(|_| {
                        Error::Provider(format!("GET {} did not answer JSON", secrets.scrub(&path_of(url))))
                    });
                }
                let said = secrets.scrub(&api_message(&text));
                if status.as_u16() == 404 {
                    return Err(Error::NotFound(format!("GET {}: not found (404): {said}", path_of(url))));
                }
                last = format!("GET {} answered HTTP {}: {said}", path_of(url), status.as_u16());
                if !status.is_server_error() {
                    break;
                }
            }
            Err(error) => {
                last = if error.is_connect() {
                    format!("cannot reach {}", origin(url))
                } else if error.is_timeout() {
                    format!("{} did not answer in time", origin(url))
                } else {
                    format!("GET {} failed: {}", path_of(url), crate::planner::llm::http::root_cause(&error))
                };
            }
        }
        if attempt < ATTEMPTS {
            tokio::time::sleep(backoff).await;
            backoff *= 4;
        }
    }
    Err(Error::Provider(last))
}

/// The version of a write's target as the API shows it now.
pub async fn probe_version(probe: &HttpProbe, timeout: Timeouts) -> Result<String> {
    Ok(probe.version_of(&get_json(&probe.url, &probe.headers, timeout).await?))
}

/// Sends a write once (or, when it is idempotent, until it gets an answer).
pub async fn send(call: &HttpCall, timeout: Timeouts, idempotent: bool, key: &str) -> Sent {
    let secrets = match Secrets::for_headers(call.headers.values()) {
        Ok(secrets) => secrets,
        Err(error) => return Sent::Failed { message: format!("{error}; nothing was sent") },
    };
    let client = match client(timeout) {
        Ok(client) => client,
        Err(error) => return Sent::Failed { message: format!("{error}; nothing was sent") },
    };
    let retryable = idempotent || call.method == "GET";
    let what = format!("{} {}", call.method, path_of(&call.url));
    let mut backoff = FIRST_BACKOFF;
    let mut outcome = Sent::Failed { message: format!("{what} was not sent") };
    // Once a try may have been applied, no later answer can say it was not.
    let mut maybe_applied: Option<String> = None;
    for attempt in 1..=ATTEMPTS {
        let request = match request_for(
            &client,
            &call.method,
            &call.url,
            &call.headers,
            call.body.as_ref(),
            &secrets,
        ) {
            Ok(request) => request.header("Idempotency-Key", key),
            Err(error) => return Sent::Failed { message: format!("{error}; nothing was sent") },
        };
        outcome = match request.send().await {
            Ok(response) => {
                let status = response.status();
                let text = response.text().await;
                match (status.as_u16(), text) {
                    (200..=299, Ok(text)) => {
                        return Sent::Succeeded {
                            status: status.as_u16(),
                            response: recorded(&text, &secrets),
                        };
                    }
                    // The status says it was applied, even if the body was cut off.
                    (200..=299, Err(_)) => {
                        return Sent::Succeeded { status: status.as_u16(), response: Value::Null };
                    }
                    (300..=399, _) => {
                        return Sent::Failed {
                            message: format!(
                                "{what} answered HTTP {} redirecting to another host; not followed",
                                status.as_u16()
                            ),
                        };
                    }
                    (400..=499, text) => {
                        let said = secrets.scrub(&api_message(&text.unwrap_or_default()));
                        let message =
                            format!("{what} was refused by the API (HTTP {}): {said}", status.as_u16());
                        return after_earlier_tries(maybe_applied, Sent::Failed { message });
                    }
                    (code, text) => Sent::Unknown {
                        reason: format!(
                            "{what} answered HTTP {code}: {}",
                            secrets.scrub(&api_message(&text.unwrap_or_default()))
                        ),
                    },
                }
            }
            // Not connected: the request never left.
            Err(error) if error.is_connect() => {
                Sent::Failed { message: format!("cannot reach {}; nothing was sent", origin(&call.url)) }
            }
            Err(error) if error.is_timeout() => {
                Sent::Unknown { reason: format!("{what} got no answer within {} ms", timeout.request_ms) }
            }
            Err(error) => Sent::Unknown {
                reason: format!("{what} lost its answer: {}", crate::planner::llm::http::root_cause(&error)),
            },
        };
        let again = match &outcome {
            Sent::Unknown { reason } => {
                maybe_applied.get_or_insert_with(|| reason.clone());
                retryable
            }
            // Nothing was sent: trying again cannot apply it twice.
            Sent::Failed { .. } => true,
            Sent::Succeeded { .. } => false,
        };
        if !again || attempt == ATTEMPTS {
            break;
        }
        tokio::time::sleep(backoff).await;
        backoff *= 4;
    }
    after_earlier_tries(maybe_applied, outcome)
}

/// A retried write's outcome: a refusal or a refused connection after a try
/// whose answer was lost does not show that nothing was applied.
fn after_earlier_tries(maybe_applied: Option<String>, outcome: Sent) -> Sent {
    match (maybe_applied, outcome) {
        (Some(first), Sent::Failed { message }) => {
            Sent::Unknown { reason: format!("{first}; a later try: {message}") }
        }
        (_, outcome) => outcome,
    }
}

/// A pack write's dry-run: its target read for the values it has now, and
/// the pack's `dry_run` request sent if it declares one. Nothing is sent to
/// the write path.
pub async fn simulate(payload: &crate::payload::Payload) -> super::Simulated {
    let crate::payload::Payload::Http { target, dry_run, timeout, summary, .. } = payload else {
        unreachable!("only HTTP writes are simulated here")
    };
    let mut failure = None;
    let mut shown = None;
    if let Some(probe) = target {
        match get_json(&probe.url, &probe.headers, *timeout).await {
            Ok(document) => {
                let now: Vec<String> = probe
                    .watch
                    .iter()
                    .map(|field| {
                        let value = probe.watched(&document).get(field).cloned().unwrap_or(Value::Null);
                        format!("{field}={value}")
                    })
                    .collect();
                shown = Some(format!("{} (now {})", probe.label(), now.join(", ")));
            }
            Err(error) => failure = Some(error),
        }
    }
    if failure.is_none()
        && let Some(call) = dry_run
    {
        match send(call, *timeout, true, "opsgate-dry-run").await {
            Sent::Succeeded { .. } => {}
            Sent::Failed { message } => failure = Some(Error::Conflict(message)),
            Sent::Unknown { reason } => failure = Some(Error::Provider(reason)),
        }
    }
    super::Simulated {
        report: super::DryRunReport {
            summary: summary.clone(),
            rows_affected: Vec::new(),
            target: shown.or_else(|| target.as_ref().map(HttpProbe::label)),
            changes: Vec::new(),
            would_fail: failure.as_ref().map(Error::to_string),
        },
        failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apis_own_words_are_kept_on_one_line() {
        assert_eq!(api_message(r#"{"message":"invoice is closed"}"#), "invoice is closed");
        assert_eq!(api_message(r#"{"error":{"message":"no such\ninvoice"}}"#), "no such invoice");
        assert_eq!(api_message("plain text"), "plain text");
        assert_eq!(api_message(""), "(no message)");
        assert_eq!(api_message("{}"), "(no message)");
    }
}
