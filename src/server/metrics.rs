//! `/metrics` in the Prometheus text format: requests and their latency by
//! route and status, refused authentications by reason, and — read from the
//! database at scrape time, so every server reports the same — pending
//! approvals and the worker's queue.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use crate::error::Result;
use crate::store::Store;

/// Latency bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// (route, method, status) → count.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → (bucket counts, sum of seconds, count).
    latency: BTreeMap<String, ([u64; BUCKETS.len()], f64, u64)>,
    /// reason → count.
    auth_rejected: BTreeMap<String, u64>,
    /// route → count of answers that said "denied".
    denied: BTreeMap<String, u64>,
}

impl Metrics {
    pub fn observe(&self, route: &str, method: &str, status: u16, denied: bool, took: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *inner.requests.entry((route.to_owned(), method.to_owned(), status)).or_default() += 1;
        if denied {
            *inner.denied.entry(route.to_owned()).or_default() += 1;
        }
        let seconds = took.as_secs_f64();
        let (buckets, sum, count) = inner.latency.entry(route.to_owned()).or_default();
        for (bucket, bound) in buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        *sum += seconds;
        *count += 1;
    }

    pub fn auth_rejected(&self, reason: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *inner.auth_rejected.entry(reason.to_owned()).or_default() += 1;
    }

    /// The exposition text; `in_flight` is the requests being handled now.
    pub async fn render(&self, store: &Store, in_flight: usize) -> Result<String> {
        let pending = store.pending_approval().await?.len();
        let queued = store.queued_count().await?;
        let mut out = String::new();
        {
            let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            family(
                &mut out,
                "opsgate_http_requests_total",
                "counter",
                "Requests by route, method and status.",
            );
            for ((route, method, status), count) in &inner.requests {
                let _ = writeln!(
                    out,
                    "opsgate_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {count}",
                    escape(route)
                );
            }
            family(
                &mut out,
                "opsgate_http_request_duration_seconds",
                "histogram",
                "Request latency by route.",
            );
            for (route, (buckets, sum, count)) in &inner.latency {
                let route = escape(route);
                for (bucket, bound) in buckets.iter().zip(BUCKETS) {
                    let _ = writeln!(
                        out,
                        "opsgate_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {bucket}"
                    );
                }
                let _ = writeln!(
                    out,
                    "opsgate_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
                );
                let _ = writeln!(out, "opsgate_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
                let _ =
                    writeln!(out, "opsgate_http_request_duration_seconds_count{{route=\"{route}\"}} {count}");
            }
            family(
                &mut out,
                "opsgate_denied_total",
                "counter",
                "Answers that denied a step or a request, by route.",
            );
            for (route, count) in &inner.denied {
                let _ = writeln!(out, "opsgate_denied_total{{route=\"{}\"}} {count}", escape(route));
            }
            family(
                &mut out,
                "opsgate_auth_rejected_total",
                "counter",
                "Requests refused authentication, by reason.",
            );
            for (reason, count) in &inner.auth_rejected {
                let _ = writeln!(out, "opsgate_auth_rejected_total{{reason=\"{reason}\"}} {count}");
            }
        }
        family(&mut out, "opsgate_pending_approvals", "gauge", "Actions waiting for a second person.");
        let _ = writeln!(out, "opsgate_pending_approvals {pending}");
        family(&mut out, "opsgate_queue_depth", "gauge", "Approved actions queued for the worker.");
        let _ = writeln!(out, "opsgate_queue_depth {queued}");
        family(&mut out, "opsgate_http_in_flight", "gauge", "Requests being handled.");
        let _ = writeln!(out, "opsgate_http_in_flight {in_flight}");
        Ok(out)
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// Label values escape backslash, quote and newline.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latency_lands_in_its_bucket_and_every_larger_one() {
        let metrics = Metrics::default();
        metrics.observe("/v1/plans", "POST", 200, false, Duration::from_millis(3));
        let inner = metrics.inner.lock().unwrap();
        let (buckets, _, count) = inner.latency["/v1/plans"];
        assert_eq!(buckets, [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
        assert_eq!(count, 1);
    }
}
