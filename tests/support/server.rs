//! Team mode in tests: an `opsgate serve` on 127.0.0.1 for one Env's
//! database, clients of it through the real binary, and raw signed requests
//! for what a client would never send (forgeries, replays).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{Env, Run};

/// A running server; stopped with SIGTERM when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub addr: String,
}

impl Server {
    /// Starts `opsgate serve` on a free loopback port for `env`'s database.
    pub fn start(env: &Env) -> Server {
        Server::start_with(env, &[])
    }

    pub fn start_with(env: &Env, extra: &[&str]) -> Server {
        let mut child = env
            .std_command()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let Some(url) = line.trim().strip_prefix("opsgate serving on ").map(str::to_owned) else {
            let _ = child.kill();
            let mut stderr = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
            panic!("the server did not start: {line:?}\n{stderr}");
        };
        let addr = url.split("://").nth(1).unwrap().to_owned();
        Server { child, url, addr }
    }

    /// Sends SIGTERM and waits (bounded) for the exit status.
    pub fn stop(mut self) -> Option<i32> {
        self.terminate()
    }

    fn terminate(&mut self) -> Option<i32> {
        let _ = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }

    /// Runs `opsgate --server URL --as EMAIL ARGS…` from a machine without the database.
    pub fn run_as<I, S>(&self, env: &Env, email: &str, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = env.command();
        command.env_remove("OPSGATE_DB").arg("--server").arg(&self.url).arg("--as").arg(email).args(args);
        Run::from(command.output().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}

/// An HTTP response as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A request exactly as it goes on the wire, to send (and send again).
#[derive(Debug, Clone)]
pub struct RawRequest(pub Vec<u8>);

impl RawRequest {
    /// `method path` with `headers` and `body`, `Connection: close`.
    pub fn new(
        addr: &str,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> RawRequest {
        let mut out = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
        for (name, value) in headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            out.push_str(&format!("content-type: application/json\r\ncontent-length: {}\r\n", body.len()));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(body);
        RawRequest(bytes)
    }

    /// A request signed as opsgate's client signs, with `key` under `key_id`, at `created`.
    pub fn signed(
        addr: &str,
        method: &str,
        path: &str,
        body: &[u8],
        key: &ed25519_dalek::SigningKey,
        key_id: &str,
        created: i64,
    ) -> RawRequest {
        let uri = format!("http://{addr}{path}");
        let nonce = format!("{:032x}", rand_u128());
        let request = opsgate::httpsig::Request { method, target_uri: &uri, body };
        let signed = opsgate::httpsig::sign(key, key_id, &request, created, &nonce);
        let headers = [
            ("content-digest".to_owned(), signed.content_digest),
            ("signature-input".to_owned(), signed.signature_input),
            ("signature".to_owned(), signed.signature),
        ];
        RawRequest::new(addr, method, path, &headers, body)
    }

    pub fn send(&self, addr: &str) -> Response {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream.write_all(&self.0).unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Response { status, headers, body: body.to_owned() }
    }
}

fn rand_u128() -> u128 {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).unwrap();
    u128::from_le_bytes(bytes)
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The private key of a test staff member, as `seed --test-staff` wrote it.
pub fn key_of(env: &Env, email: &str) -> ed25519_dalek::SigningKey {
    opsgate::keys::KeyDir::new(env.key_dir()).read(email).unwrap().signing_key().clone()
}

/// The key id opsgate's client sends: the public key in hex.
pub fn key_id(key: &ed25519_dalek::SigningKey) -> String {
    opsgate::canonical::hex(key.verifying_key().as_bytes())
}
