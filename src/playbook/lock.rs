//! The lock that keeps two runs of one playbook apart: an unfinished row in
//! `playbook_runs` (one per playbook name, by a unique partial index). A run
//! whose process is gone holds nothing, so a crashed cron job never blocks the
//! next one: on this host the holder's process is looked up in `/proc`; a
//! holder on another host counts as dead after the playbook's `lock_timeout`.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::format::{Mode, Playbook};
use super::report::{RecoveredLock, RunId, RunStatus};
use crate::audit::{Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::{NewPlaybookRun, PlaybookRunRow, Store};
use crate::time::now_micros;

/// A process may start this long after the run row it claims (clock granularity).
const START_SLACK_SECONDS: i64 = 5;

/// The lock, held by this process until [`finish`].
pub struct Lock {
    pub run_id: RunId,
    pub started_at: DateTime<Utc>,
    pub recovered: Option<RecoveredLock>,
}

/// Takes the playbook's lock and records the start (`playbook.started`, and
/// `playbook.lock_recovered` when a dead run's lock was taken over) in one
/// transaction. When a live run holds it: audited as `playbook.locked`, and a
/// [`Error::Conflict`] naming the holder; nothing else is written.
pub async fn acquire(
    store: &Store,
    playbook: &Playbook,
    person: &StaffMember,
    mode: Mode,
    vars: &serde_json::Map<String, Value>,
    holder: &str,
) -> Result<Lock> {
    let this_host = crate::pipeline::host_name();
    let mut tx = store.begin().await?;
    let mut recovered = None;
    let current = tx.unfinished_playbook_run(&playbook.name).await?;
    // Read after the look at the lock: a run that starts after another finished
    // starts after its recorded end.
    let now = now_micros();
    if let Some(current) = current {
        match dead(&current, &this_host, now, playbook.lock_timeout) {
            Some(reason) => {
                tx.abandon_playbook_run(current.id, now).await?;
                recovered = Some(RecoveredLock {
                    run_id: RunId(current.id),
                    holder: current.holder.clone(),
                    started_at: current.started_at,
                    reason,
                });
            }
            None => {
                drop(tx);
                return Err(refuse(store, playbook, person, &current, now).await);
            }
        }
    }
    let run = NewPlaybookRun {
        playbook: &playbook.name,
        file: &playbook.file_name(),
        file_sha256: &playbook.sha256,
        mode: mode.as_str(),
        staff_id: person.id,
        holder,
        started_at: now,
    };
    let Some(id) = tx.start_playbook_run(&run).await? else {
        // Another run started between our look and our insert (PostgreSQL).
        drop(tx);
        let mut tx = store.begin().await?;
        let current = tx.unfinished_playbook_run(&playbook.name).await?;
        drop(tx);
        return Err(match current {
            Some(current) => refuse(store, playbook, person, &current, now).await,
            None => Error::Conflict(format!(
                "playbook `{}` was started by someone else at the same moment; nothing was done",
                playbook.name
            )),
        });
    };
    let run_id = RunId(id);
    let mut entries = Vec::new();
    if let Some(lock) = &recovered {
        entries.push(NewAuditEntry::by_person(
            person,
            Event::PlaybookLockRecovered,
            Outcome::Succeeded,
            json!({"playbook": playbook.name, "run_id": run_id, "abandoned_run_id": lock.run_id, "holder": lock.holder, "reason": lock.reason}),
        ));
    }
    entries.push(NewAuditEntry::by_person(
        person,
        Event::PlaybookStarted,
        Outcome::Running,
        json!({
            "playbook": playbook.name,
            "run_id": run_id,
            "file": playbook.file_name(),
            "file_sha256": playbook.sha256,
            "mode": mode.as_str(),
            "vars": vars,
            "steps": playbook.steps.len(),
            "holder": holder,
        }),
    ));
    tx.append_audit(&entries).await?;
    tx.commit().await?;
    Ok(Lock { run_id, started_at: now, recovered })
}

/// Records the end of a run and releases the lock, with `playbook.finished`, in one transaction.
pub async fn finish(
    store: &Store,
    person: &StaffMember,
    playbook: &Playbook,
    run_id: RunId,
    status: RunStatus,
    summary: Value,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let finished = tx
        .finish_playbook_run(
            run_id.0,
            status.as_str(),
            &crate::canonical::to_canonical_string(&summary),
            now_micros(),
        )
        .await?;
    if !finished {
        // Judged dead and taken over while it ran (another host past lock_timeout).
        drop(tx);
        return Err(Error::Conflict(format!(
            "run {run_id} of playbook `{}` lost its lock while running (lock_timeout is too short?); its steps are in the audit log",
            playbook.name
        )));
    }
    let mut payload = json!({"playbook": playbook.name, "run_id": run_id, "status": status.as_str()});
    if let (Some(payload), Some(summary)) = (payload.as_object_mut(), summary.as_object()) {
        payload.extend(summary.clone());
    }
    tx.append_audit(&[NewAuditEntry::by_person(person, Event::PlaybookFinished, status.into(), payload)])
        .await?;
    tx.commit().await
}

/// The refusal of a second run: audited, then returned.
async fn refuse(
    store: &Store,
    playbook: &Playbook,
    person: &StaffMember,
    current: &PlaybookRunRow,
    now: DateTime<Utc>,
) -> Error {
    let since = (now - current.started_at).num_seconds().max(0);
    let error = Error::Conflict(format!(
        "playbook `{}` is already running: run {} as {} (process {}) since {} ({} ago); nothing was done",
        playbook.name,
        RunId(current.id),
        current.acting,
        current.holder,
        crate::store::format_time(current.started_at),
        span(since),
    ));
    let entry = NewAuditEntry::by_person(
        person,
        Event::PlaybookLocked,
        Outcome::Refused,
        json!({
            "playbook": playbook.name,
            "file": playbook.file_name(),
            "held_by_run_id": RunId(current.id),
            "holder": current.holder,
            "acting": current.acting,
            "since": current.started_at,
        }),
    );
    match store.append_audit(&[entry]).await {
        Ok(_) => error,
        Err(audit_error) => audit_error,
    }
}

/// Why an unfinished run holds nothing any more, or `None` while it may still be working.
fn dead(run: &PlaybookRunRow, this_host: &str, now: DateTime<Utc>, timeout: Duration) -> Option<String> {
    match parse_holder(&run.holder) {
        Some((host, pid)) if host == this_host => match process_started_at(pid) {
            None => Some(format!("its process {pid} on {host} is gone")),
            Some(Some(started)) if started > run.started_at + Duration::seconds(START_SLACK_SECONDS) => {
                Some(format!("process {pid} on {host} is a newer process that reused the id"))
            }
            Some(_) => None,
        },
        _ if now - run.started_at >= timeout => Some(format!(
            "it runs on another host and started more than {} ago (lock_timeout)",
            span(timeout.num_seconds())
        )),
        _ => None,
    }
}

/// `45s`, `12m`, `3h 5m`, `2d 4h`.
fn span(seconds: i64) -> String {
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// `who@host:pid` → (host, pid).
fn parse_holder(holder: &str) -> Option<(&str, u32)> {
    let (rest, pid) = holder.rsplit_once(':')?;
    let (_, host) = rest.rsplit_once('@')?;
    Some((host, pid.parse().ok()?))
}

/// `None` when the process is gone (or a zombie); `Some(start)` when it runs,
/// with its start time where the system tells it.
fn process_started_at(pid: u32) -> Option<Option<DateTime<Utc>>> {
    if !cfg!(target_os = "linux") {
        return Some(None);
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    if fields.first() == Some(&"Z") {
        return None;
    }
    // Field 22 of stat (the 20th after the command): start time in clock ticks
    // since boot; /proc reports ticks in USER_HZ, which is 100 on Linux.
    let ticks: i64 = match fields.get(19).and_then(|t| t.parse().ok()) {
        Some(ticks) => ticks,
        None => return Some(None),
    };
    let boot = std::fs::read_to_string("/proc/stat").ok().and_then(|text| {
        text.lines().find_map(|line| line.strip_prefix("btime ").and_then(|s| s.trim().parse::<i64>().ok()))
    });
    Some(boot.and_then(|boot| DateTime::from_timestamp_millis(boot * 1000 + ticks * 10)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(holder: &str, started_at: DateTime<Utc>) -> PlaybookRunRow {
        PlaybookRunRow {
            id: 1,
            playbook: "p".into(),
            file: "p.yaml".into(),
            mode: "suggest".into(),
            acting: "a@example.com".into(),
            holder: holder.into(),
            status: "running".into(),
            started_at,
            finished_at: None,
            summary: None,
        }
    }

    #[test]
    fn spans_read_like_people_write_them() {
        assert_eq!(span(42), "42s");
        assert_eq!(span(125), "2m");
        assert_eq!(span(7_200), "2h");
        assert_eq!(span(11_100), "3h 5m");
        assert_eq!(span(187_200), "2d 4h");
    }

    #[test]
    fn holders_name_their_host_and_process() {
        assert_eq!(parse_holder("admin@example.com@db-1:4242"), Some(("db-1", 4242)));
        assert_eq!(parse_holder("nonsense"), None);
    }

    #[test]
    fn this_process_holds_and_a_gone_one_does_not() {
        let now = now_micros();
        let me = format!("x@example.com@here:{}", std::process::id());
        assert_eq!(dead(&run(&me, now), "here", now, Duration::hours(2)), None);
        // Older than the timeout, but its process is alive on this host: still held.
        let started = process_started_at(std::process::id()).unwrap().unwrap();
        let in_an_hour = started + Duration::hours(1);
        assert_eq!(dead(&run(&me, started), "here", in_an_hour, Duration::minutes(1)), None);
        let gone = format!("x@example.com@here:{}", u32::MAX - 1);
        assert!(dead(&run(&gone, now), "here", now, Duration::hours(2)).unwrap().contains("is gone"));
    }

    #[test]
    fn a_process_younger_than_the_run_is_a_reused_id() {
        let long_ago = now_micros() - Duration::days(3650);
        let me = format!("x@example.com@here:{}", std::process::id());
        assert!(
            dead(&run(&me, long_ago), "here", now_micros(), Duration::days(10_000))
                .unwrap()
                .contains("reused")
        );
    }

    #[test]
    fn other_hosts_hold_until_the_timeout() {
        let now = now_micros();
        let other = "x@example.com@elsewhere:12";
        assert_eq!(dead(&run(other, now - Duration::minutes(30)), "here", now, Duration::hours(2)), None);
        assert!(
            dead(&run(other, now - Duration::hours(3)), "here", now, Duration::hours(2))
                .unwrap()
                .contains("lock_timeout")
        );
    }
}
