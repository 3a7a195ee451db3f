//! Pauses at the points where a crash matters, so that tests can kill the
//! process exactly there. Debug builds only: a release build has no such hook.
//! `OPSGATE_FAILPOINT=NAME` stops at the point of that name, after writing the
//! name to the file `OPSGATE_FAILPOINT_MARKER` (when set) so the test knows.

/// Stops here for a minute when the failpoint `name` is armed.
pub fn pause(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("OPSGATE_FAILPOINT").as_deref() == Ok(name) {
        if let Ok(marker) = std::env::var("OPSGATE_FAILPOINT_MARKER") {
            let _ = std::fs::write(marker, name);
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
