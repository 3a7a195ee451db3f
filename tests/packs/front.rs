//! A fault-injecting front for json-server: every request arrives on its own
//! connection (the front answers `Connection: close`), and requests of one
//! method meet the next scripted fault in turn. Everything else is passed
//! through unchanged, so what json-server stores is what got past the front.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the front does with one request of the scripted method.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Answers 500 itself; json-server never sees it.
    ServerError,
    /// Reads the request and closes the connection without a word.
    Drop,
    /// Reads the request, closes the connection, and stops listening: every
    /// later connection is refused.
    DropAndClose,
    /// Waits, then passes the request on.
    Slow(Duration),
    /// Passes the request on.
    Forward,
}

/// One request as the front received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub head: String,
    pub body: String,
}

pub struct Front {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Front {
    /// Starts a front for `upstream`; `method`'s requests meet `script` in
    /// order, and pass through once it is used up. It serves a bounded number
    /// of connections and then stops by itself.
    pub fn start(upstream: &str, method: &str, script: &[Fault]) -> Front {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let method = method.to_owned();
        let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<_>>()));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(64) {
                let Ok(mut client) = stream else { continue };
                client.set_read_timeout(Some(Duration::from_secs(10))).ok();
                let Some(request) = read_request(&mut client) else { continue };
                let fault = if request.method == method {
                    script.lock().unwrap().pop_front().unwrap_or(Fault::Forward)
                } else {
                    Fault::Forward
                };
                log.lock().unwrap().push(request.clone().into());
                match fault {
                    Fault::ServerError => {
                        let body = r#"{"message":"injected failure"}"#;
                        let _ = write!(
                            client,
                            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n\
                             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        );
                    }
                    Fault::Drop => {}
                    Fault::DropAndClose => {
                        let _ = client.shutdown(Shutdown::Both);
                        return;
                    }
                    Fault::Slow(wait) => {
                        let upstream = upstream.clone();
                        std::thread::spawn(move || {
                            std::thread::sleep(wait);
                            forward(&upstream, &request, &mut client);
                        });
                        continue;
                    }
                    Fault::Forward => forward(&upstream, &request, &mut client),
                }
                let _ = client.shutdown(Shutdown::Both);
            }
        });
        Front { url, seen }
    }

    /// The requests of `method` the front received, in order.
    pub fn seen(&self, method: &str) -> Vec<Seen> {
        self.seen.lock().unwrap().iter().filter(|s| s.method == method).cloned().collect()
    }
}

#[derive(Clone)]
struct Request {
    method: String,
    head: String,
    body: Vec<u8>,
}

impl From<Request> for Seen {
    fn from(request: Request) -> Seen {
        Seen {
            method: request.method,
            head: request.head,
            body: String::from_utf8_lossy(&request.body).into_owned(),
        }
    }
}

impl Request {
    /// The request as sent upstream, asking for the connection to close.
    fn bytes(&self) -> Vec<u8> {
        let mut head: Vec<&str> = self
            .head
            .split("\r\n")
            .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
            .collect();
        head.push("Connection: close");
        let mut bytes = format!("{}\r\n\r\n", head.join("\r\n")).into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// One HTTP/1.1 request: the head up to the blank line and a Content-Length body.
fn read_request(client: &mut TcpStream) -> Option<Request> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let end = loop {
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = client.read(&mut buffer).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = data[end + 4..].to_vec();
    while body.len() < length {
        let n = client.read(&mut buffer).ok().filter(|n| *n > 0)?;
        body.extend_from_slice(&buffer[..n]);
    }
    let method = head.split(' ').next().unwrap_or_default().to_owned();
    Some(Request { method, head, body })
}

fn forward(upstream: &str, request: &Request, client: &mut TcpStream) {
    let Ok(mut server) = TcpStream::connect(upstream) else { return };
    server.set_read_timeout(Some(Duration::from_secs(10))).ok();
    if server.write_all(&request.bytes()).is_err() {
        return;
    }
    let mut response = Vec::new();
    let _ = server.read_to_end(&mut response);
    let _ = client.write_all(&response);
    let _ = client.shutdown(Shutdown::Both);
}
