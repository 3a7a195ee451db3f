//! Team mode's client: requests to an `opsgate serve`, signed with the
//! person's own key (RFC 9421, [`crate::httpsig`]), and the server's answers
//! turned back into what the same command prints and exits with locally.

use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::keys::KeyPair;
use crate::render::OutputFormat;
use crate::server::EXIT_CODE_HEADER;

/// A server, and the key requests to it are signed with.
pub struct Remote {
    base: url::Url,
    client: reqwest::Client,
    key: KeyPair,
    /// The key id sent: the public key in hex, which the server looks up.
    key_id: String,
    /// The e-mail the key belongs to (its file's name), or the person an agent acts for.
    pub email: String,
    /// Whether the key is an agent's credential: its requests name the person they act for.
    agent: bool,
}

/// One request: the route, its query pairs and its JSON body.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl Call {
    pub fn get(path: impl Into<String>) -> Call {
        Call { method: Method::GET, path: path.into(), query: Vec::new(), body: None }
    }

    pub fn post(path: impl Into<String>, body: Value) -> Call {
        Call { method: Method::POST, path: path.into(), query: Vec::new(), body: Some(body) }
    }

    /// Adds `name=value` to the query when there is a value.
    pub fn query(mut self, name: &str, value: Option<impl ToString>) -> Call {
        if let Some(value) = value {
            self.query.push((name.to_owned(), value.to_string()));
        }
        self
    }

    pub fn flag(self, name: &str, on: bool) -> Call {
        self.query(name, on.then_some("true"))
    }
}

/// What the server answered.
#[derive(Debug)]
pub struct Answer {
    /// The command's output (in the format asked for), or what it printed before failing.
    pub output: String,
    /// Lines the command wrote for the person beside its output (stderr locally).
    pub notes: Vec<String>,
    pub result: Result<ExitCode>,
}

impl Answer {
    /// The JSON document of a successful answer.
    pub fn document(self) -> Result<Value> {
        self.result?;
        serde_json::from_str(&self.output)
            .map_err(|e| Error::Internal(format!("the server's answer is not JSON: {e}")))
    }
}

impl Remote {
    pub fn new(
        base: &str,
        key: KeyPair,
        email: String,
        extra_root: Option<&std::path::Path>,
    ) -> Result<Remote> {
        let base = url::Url::parse(base)
            .map_err(|e| Error::Usage(format!("--server `{base}` is not a URL: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(Error::Usage(format!("--server `{base}` is not an http(s) URL")));
        }
        if base.scheme() == "http" && !is_loopback(&base) {
            return Err(Error::Usage(format!(
                "--server `{base}` is plain HTTP off this machine: responses carry customer data and tokens; use https://"
            )));
        }
        let client = client(extra_root)?;
        let key_id = key.public_hex();
        Ok(Remote { base, client, key, key_id, email, agent: false })
    }

    /// The same server, signed with an agent's credential, acting for `self.email`.
    pub fn as_agent(mut self) -> Remote {
        self.agent = true;
        self
    }

    /// This person's signature of an approval or rejection.
    pub fn sign_decision(&self, decision: &crate::approval::SignedDecision<'_>) -> String {
        crate::approval::sign(&self.key, decision)
    }

    /// A request to `path` (with `query`) carrying `body`, signed: the
    /// caller adds what else it needs and sends it.
    pub fn signed(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Vec<u8>,
    ) -> Result<reqwest::RequestBuilder> {
        let mut url = self.base.clone();
        let path = format!("{}{}", self.base.path().trim_end_matches('/'), path);
        url.set_path(&path);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter());
        }
        if self.agent {
            url.query_pairs_mut().append_pair(crate::server::ACTING_FOR, &self.email);
        }
        let created = chrono::Utc::now().timestamp();
        let headers = crate::httpsig::sign(
            self.key.signing_key(),
            &self.key_id,
            &crate::httpsig::Request { method: method.as_str(), target_uri: url.as_str(), body: &body },
            created,
            &nonce()?,
        );
        let mut request = self
            .client
            .request(method, url)
            .header("content-digest", headers.content_digest)
            .header("signature-input", headers.signature_input)
            .header("signature", headers.signature);
        if !body.is_empty() {
            request = request.header("content-type", "application/json").body(body);
        }
        Ok(request)
    }

    /// The server, for messages (without credentials).
    pub fn server(&self) -> String {
        redacted(&self.base)
    }

    /// Sends a signed request asking for `format`.
    pub async fn send(&self, call: &Call, format: OutputFormat) -> Result<Answer> {
        let body = match &call.body {
            Some(value) => serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))?,
            None => Vec::new(),
        };
        let request = self
            .signed(call.method.clone(), &call.path, &call.query, body)?
            .header("accept", format.media_type());
        let response = request.send().await.map_err(|e| {
            Error::Config(format!("cannot reach the server {}: {}", redacted(&self.base), causes(&e)))
        })?;
        let status = response.status();
        let exit: Option<u8> = response
            .headers()
            .get(EXIT_CODE_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let notes: Vec<String> = response
            .headers()
            .get(crate::server::NOTES_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default();
        let text = response
            .text()
            .await
            .map_err(|e| Error::Config(format!("the server's answer was cut off: {e}")))?;
        if status.is_success() {
            return Ok(Answer { output: text, notes, result: Ok(ExitCode::from_code(exit.unwrap_or(0))) });
        }
        let envelope: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let (Some(code), Some(message)) =
            (envelope["error"]["code"].as_str(), envelope["error"]["message"].as_str())
        else {
            return Err(Error::Config(format!(
                "the server answered {status} without opsgate's error envelope: is {} an opsgate server?",
                redacted(&self.base)
            )));
        };
        Ok(Answer {
            output: envelope["output"].as_str().unwrap_or_default().to_owned(),
            notes,
            result: Err(Error::remote(code, message)),
        })
    }
}

/// An error and what caused it, innermost last (a TLS refusal hides two levels down).
fn causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    crate::error::one_line(&text)
}

fn nonce() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("no randomness for a nonce: {e}")))?;
    Ok(crate::canonical::hex(&bytes))
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

/// The server URL without any credentials in it, for messages.
fn redacted(url: &url::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url.to_string()
}

fn client(extra_root: Option<&std::path::Path>) -> Result<reqwest::Client> {
    // The same client setup as the model providers' (ring as the TLS provider).
    let mut builder = crate::planner::llm::http::builder(Duration::from_secs(120));
    if let Some(path) = extra_root {
        let pem = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let certificate = reqwest::Certificate::from_pem(&pem)
            .map_err(|e| Error::Config(format!("{} is not a PEM certificate: {e}", path.display())))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))
}
