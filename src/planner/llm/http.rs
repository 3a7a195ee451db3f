//! Talking to a provider: one HTTPS client (rustls with ring), timeouts,
//! retries with backoff on 429 and 5xx, and errors that fit on one line and
//! never contain a key.

use std::sync::Once;
use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result};

/// Attempts per request (the first one plus retries on 429 / 5xx).
const ATTEMPTS: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// A `Retry-After` longer than this is not waited for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

/// A provider request: where, with which headers (the key among them), what.
pub struct HttpRequest {
    pub provider: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
}

/// The body of a successful reply and its content type.
pub struct HttpReply {
    pub content_type: String,
    pub text: String,
}

static CRYPTO: Once = Once::new();

pub fn client(timeout: Duration) -> Result<reqwest::Client> {
    builder(timeout).build().map_err(|e| Error::Provider(format!("cannot build the HTTP client: {e}")))
}

/// opsgate's HTTPS client setup, to add to before building.
pub fn builder(timeout: Duration) -> reqwest::ClientBuilder {
    CRYPTO.call_once(|| {
        // Several providers could be installed by dependencies; ring is the one this build carries.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(timeout)
        .user_agent(concat!("opsgate/", env!("CARGO_PKG_VERSION")))
}

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let seconds: u64 = response.headers().get("retry-after")?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds)).filter(|d| *d <= MAX_RETRY_AFTER)
}

/// Called with each line of a streamed (server-sent events) reply as it arrives.
pub type LineSink<'a> = &'a (dyn Fn(&str) + Send + Sync);

/// Sends the request, retrying 429 and 5xx with exponential backoff. With
/// `lines`, an event-stream reply is read incrementally and each line handed
/// over as it arrives; the whole text is returned either way.
pub async fn send(
    client: &reqwest::Client,
    request: &HttpRequest,
    lines: Option<LineSink<'_>>,
) -> Result<HttpReply> {
    let mut backoff = FIRST_BACKOFF;
    let mut last_error = String::new();
    for attempt in 1..=ATTEMPTS {
        let mut builder = client.post(&request.url).json(&request.body);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        match builder.send().await {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    let content_type = response
                        .headers()
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    let cut_off = |e: reqwest::Error| {
                        Error::Provider(format!(
                            "{}: the reply was cut off: {}",
                            request.provider,
                            root_cause(&e)
                        ))
                    };
                    let text = match lines.filter(|_| content_type.contains("text/event-stream")) {
                        Some(sink) => read_lines(response, sink).await.map_err(cut_off)?,
                        None => response.text().await.map_err(cut_off)?,
                    };
                    return Ok(HttpReply { content_type, text });
                }
                let wait = retry_after(&response).unwrap_or(backoff);
                let body = response.text().await.unwrap_or_default();
                last_error = format!(
                    "{} answered HTTP {}: {}",
                    request.provider,
                    status.as_u16(),
                    crate::error::one_line(&super::reply::truncate(&body, 200))
                );
                let retryable = status.as_u16() == 429 || status.is_server_error();
                if !retryable || attempt == ATTEMPTS {
                    break;
                }
                tokio::time::sleep(wait).await;
            }
            Err(error) => {
                last_error = if error.is_timeout() {
                    format!("{} did not answer in time ({})", request.provider, endpoint(&request.url))
                } else if error.is_connect() {
                    format!(
                        "cannot reach {} at {}: {}",
                        request.provider,
                        endpoint(&request.url),
                        root_cause(&error)
                    )
                } else {
                    format!("{} request failed: {}", request.provider, root_cause(&error))
                };
                // Connection failures are not retried: an endpoint that is down stays down for the next 250 ms.
                break;
            }
        }
        backoff *= 4;
    }
    Err(Error::Provider(last_error))
}

/// Reads a streamed body chunk by chunk, handing each complete line to `sink`.
async fn read_lines(
    mut response: reqwest::Response,
    sink: LineSink<'_>,
) -> std::result::Result<String, reqwest::Error> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut consumed = 0;
    while let Some(chunk) = response.chunk().await? {
        bytes.extend_from_slice(&chunk);
        while let Some(end) = bytes[consumed..].iter().position(|b| *b == b'\n') {
            sink(String::from_utf8_lossy(&bytes[consumed..consumed + end]).trim_end_matches('\r'));
            consumed += end + 1;
        }
    }
    if consumed < bytes.len() {
        sink(&String::from_utf8_lossy(&bytes[consumed..]));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Scheme, host and port only (paths can carry model names; queries could carry keys).
fn endpoint(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(parsed) => format!(
            "{}://{}{}",
            parsed.scheme(),
            parsed.host_str().unwrap_or("?"),
            parsed.port().map(|p| format!(":{p}")).unwrap_or_default()
        ),
        Err(_) => "an invalid URL".into(),
    }
}

pub fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    crate::error::one_line(&cause.to_string())
}
