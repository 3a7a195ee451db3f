//! How many refused requests each client address gets audited per minute.
//! A refusal is an audit entry (a write under the chain's lock): without a
//! bound, anyone who can reach the server could fill the log and stall it.
//! Past the bound, refusals from that address get 429 and are only counted.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::serve::IncomingStream;

/// Refused requests audited per address per minute.
pub const AUDITED_PER_MINUTE: u32 = 30;

const WINDOW: Duration = Duration::from_secs(60);

/// Addresses tracked at most; older windows are dropped first.
const TRACKED: usize = 10_000;

#[derive(Default)]
pub struct Refusals {
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Refusals {
    /// Counts one refusal from `ip`; `false` when it is over the bound.
    pub fn admit(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= TRACKED {
            windows.retain(|_, (started, _)| now.duration_since(*started) < WINDOW);
        }
        let (started, count) = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(*started) >= WINDOW {
            *started = now;
            *count = 0;
        }
        *count += 1;
        *count <= AUDITED_PER_MINUTE
    }

    /// Whether `ip` is over the bound now (without counting).
    pub fn exhausted(&self, ip: IpAddr) -> bool {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        windows
            .get(&ip)
            .is_some_and(|(started, count)| started.elapsed() < WINDOW && *count >= AUDITED_PER_MINUTE)
    }
}

/// The client address of a connection, for handlers and middleware.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

impl axum::extract::connect_info::Connected<IncomingStream<'_, super::listen::Plain>> for Peer {
    fn connect_info(stream: IncomingStream<'_, super::listen::Plain>) -> Self {
        Peer(*stream.remote_addr())
    }
}

impl axum::extract::connect_info::Connected<IncomingStream<'_, super::listen::Tls>> for Peer {
    fn connect_info(stream: IncomingStream<'_, super::listen::Tls>) -> Self {
        Peer(*stream.remote_addr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_own_bound() {
        let refusals = Refusals::default();
        let (a, b): (IpAddr, IpAddr) = ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
        for _ in 0..AUDITED_PER_MINUTE {
            assert!(refusals.admit(a));
        }
        assert!(refusals.exhausted(a));
        assert!(!refusals.admit(a));
        assert!(refusals.admit(b) && !refusals.exhausted(b));
    }
}
