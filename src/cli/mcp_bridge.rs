//! `opsgate --server URL mcp`: an MCP client that speaks stdio (Claude
//! Desktop, Claude Code) reaches a team's server through this bridge. Each
//! JSON-RPC message from stdin is POSTed to `/mcp`, signed with the agent's
//! credential (`OPSGATE_AGENT_CREDENTIAL`, acting for `--as`) or the
//! person's key; each message the server answers with (a JSON body or the
//! events of a stream) goes to stdout as one line. Nothing is decided here:
//! the server's guard decides, as for every other client.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{Mutex, RwLock};

use crate::error::{Error, Result};
use crate::remote::Remote;

/// How long one message may take (an elicitation waits for a person).
const MESSAGE_TIMEOUT: Duration = Duration::from_secs(900);

struct Bridge {
    remote: Remote,
    session: RwLock<Option<String>>,
    protocol: RwLock<Option<String>>,
    stdout: Mutex<tokio::io::Stdout>,
}

pub async fn run(remote: Remote) -> Result<()> {
    let bridge = Arc::new(Bridge {
        remote,
        session: RwLock::new(None),
        protocol: RwLock::new(None),
        stdout: Mutex::new(tokio::io::stdout()),
    });
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut in_flight = tokio::task::JoinSet::new();
    while let Some(line) = lines.next_line().await.map_err(|e| Error::io("cannot read stdin", e))? {
        if line.trim().is_empty() {
            continue;
        }
        let message: Value = match serde_json::from_str(&line) {
            Ok(message) => message,
            // Not JSON: nothing to answer to (as the server itself does on stdio).
            Err(_) => continue,
        };
        if message.get("method").and_then(Value::as_str) == Some("initialize") {
            // Everything after it needs the session it opens.
            bridge.forward(message).await;
        } else {
            let bridge = bridge.clone();
            in_flight.spawn(async move { bridge.forward(message).await });
        }
    }
    while in_flight.join_next().await.is_some() {}
    bridge.close().await;
    Ok(())
}

impl Bridge {
    async fn forward(&self, message: Value) {
        if let Err(error) = self.exchange(&message).await {
            // A request gets its answer; a notification or response has none to get.
            if let Some(id) = message.get("id").filter(|_| message.get("method").is_some()) {
                let code = if matches!(error, Error::Remote { .. }) { -32001 } else { -32603 };
                self.write(&json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": error.to_string()}}))
                    .await;
            }
        }
    }

    async fn exchange(&self, message: &Value) -> Result<()> {
        let body = serde_json::to_vec(message).map_err(|e| Error::Internal(e.to_string()))?;
        let mut request = self
            .remote
            .signed(Method::POST, "/mcp", &[], body)?
            .header("accept", "application/json, text/event-stream")
            .timeout(MESSAGE_TIMEOUT);
        if let Some(session) = self.session.read().await.as_deref() {
            request = request.header("mcp-session-id", session);
        }
        if let Some(protocol) = self.protocol.read().await.as_deref() {
            request = request.header("mcp-protocol-version", protocol);
        }
        let response = request
            .send()
            .await
            .map_err(|e| Error::Config(format!("cannot reach the server {}: {e}", self.remote.server())))?;
        if let Some(session) = response.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()) {
            *self.session.write().await = Some(session.to_owned());
        }
        let status = response.status();
        let streamed = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"));
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            let envelope: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            // The server's own envelope (a refused signature), or the JSON-RPC error MCP answered with.
            if envelope.get("jsonrpc").is_some() {
                self.write(&envelope).await;
                return Ok(());
            }
            let reason = envelope["error"]["message"].as_str().map(str::to_owned).unwrap_or(text);
            return Err(Error::remote(envelope["error"]["code"].as_str().unwrap_or("internal"), &reason));
        }
        if !streamed {
            let text =
                response.text().await.map_err(|e| Error::Config(format!("the answer was cut off: {e}")))?;
            if let Ok(answer) = serde_json::from_str::<Value>(&text) {
                self.note_protocol(&answer).await;
                self.write(&answer).await;
            }
            return Ok(());
        }
        // Server-sent events: each event's data is one JSON-RPC message.
        let mut stream = response.bytes_stream();
        let mut pending = String::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| Error::Config(format!("the event stream was cut off: {e}")))?;
            pending.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = pending.find("\n\n") {
                let event: String = pending.drain(..end + 2).collect();
                let data: Vec<&str> = event
                    .lines()
                    .filter_map(|line| line.strip_prefix("data:"))
                    .map(str::trim_start)
                    .collect();
                if let Ok(answer) = serde_json::from_str::<Value>(&data.join("\n")) {
                    self.note_protocol(&answer).await;
                    self.write(&answer).await;
                }
            }
        }
        Ok(())
    }

    /// The protocol version `initialize` settled on, sent with every later request.
    async fn note_protocol(&self, answer: &Value) {
        if let Some(version) = answer.pointer("/result/protocolVersion").and_then(Value::as_str) {
            *self.protocol.write().await = Some(version.to_owned());
        }
    }

    async fn write(&self, message: &Value) {
        let mut line = message.to_string();
        line.push('\n');
        let mut stdout = self.stdout.lock().await;
        let _ = stdout.write_all(line.as_bytes()).await;
        let _ = stdout.flush().await;
    }

    /// Ends the MCP session on the server when the client closes stdin.
    async fn close(&self) {
        let Some(session) = self.session.read().await.clone() else {
            return;
        };
        if let Ok(request) = self.remote.signed(Method::DELETE, "/mcp", &[], Vec::new()) {
            let _ = request.header("mcp-session-id", session).timeout(Duration::from_secs(5)).send().await;
        }
    }
}
