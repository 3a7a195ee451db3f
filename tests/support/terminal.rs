//! Commands on a pseudo-terminal (`script` from util-linux), for the prompts
//! a person answers.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Run;

/// A child process that is killed if the test ends before it does.
pub struct Killed(pub Option<Child>);

impl Killed {
    pub fn child(&mut self) -> &mut Child {
        self.0.as_mut().unwrap()
    }

    pub fn id(&self) -> u32 {
        self.0.as_ref().unwrap().id()
    }

    /// Waits for the end and returns what it printed.
    pub fn finish(mut self) -> Run {
        Run::from(self.0.take().unwrap().wait_with_output().unwrap())
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `opsgate ARGS…` under `script`, so that it has a terminal; returns the child
/// with stdin open for answers.
pub fn on_a_terminal(base: Command, args: &[&str]) -> Killed {
    let program = env!("CARGO_BIN_EXE_opsgate");
    let command_line = std::iter::once(program).chain(args.iter().copied()).collect::<Vec<_>>().join(" ");
    let mut command = Command::new("script");
    command.args(["-qefc", &command_line, "/dev/null"]).env_clear();
    for (key, value) in base.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    command.env("TERM", "xterm").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    Killed(Some(command.spawn().expect("`script` (util-linux) runs the command on a pseudo-terminal")))
}

pub fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
