//! A scripted model provider on 127.0.0.1: each request gets the next canned
//! reply (status, content type, body) and is recorded for assertions. It serves
//! at most its script plus a few unexpected requests, then stops; every read
//! has a timeout, so a test can never hang on it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn json(body: serde_json::Value) -> Reply {
        Reply { status: 200, content_type: "application/json", body: body.to_string(), headers: vec![] }
    }

    pub fn sse(body: &str) -> Reply {
        Reply { status: 200, content_type: "text/event-stream", body: body.to_owned(), headers: vec![] }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: body.to_owned(),
            headers: vec![("retry-after", "0".into())],
        }
    }
}

/// What the provider received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub struct MockProvider {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

/// Extra requests answered (with HTTP 500) before the server gives up.
const SPARE: usize = 4;

impl MockProvider {
    pub fn start(script: Vec<Reply>) -> MockProvider {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let handle = std::thread::spawn(move || {
            let mut replies = script.into_iter();
            for _ in 0..(replies.len() + SPARE) {
                let Ok((stream, _)) = accept_with_timeout(&listener, Duration::from_secs(30), &stopped)
                else {
                    return;
                };
                let reply = replies
                    .next()
                    .unwrap_or(Reply::status(500, r#"{"error":{"message":"unexpected request"}}"#));
                if let Some(request) = serve(stream, &reply) {
                    log.lock().unwrap().push(request);
                }
            }
        });
        MockProvider { url, received, stop, handle: Some(handle) }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for MockProvider {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn accept_with_timeout(
    listener: &TcpListener,
    timeout: Duration,
    stop: &AtomicBool,
) -> std::io::Result<(TcpStream, std::net::SocketAddr)> {
    listener.set_nonblocking(true)?;
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        match listener.accept() {
            Ok(pair) => {
                pair.0.set_nonblocking(false)?;
                return Ok(pair);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

fn serve(stream: TcpStream, reply: &Reply) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let path = request_line.split_whitespace().nth(1)?.to_owned();
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    let mut stream = stream;
    let extra: String = reply.headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect();
    let response = format!(
        "HTTP/1.1 {} X\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{}",
        reply.status,
        reply.content_type,
        reply.body.len(),
        reply.body
    );
    stream.write_all(response.as_bytes()).ok()?;
    stream.flush().ok()?;
    Some(Received { path, headers, body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null) })
}
