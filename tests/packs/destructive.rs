//! A destructive pack write is confirmed on a terminal by typing the name of
//! its target, as a built-in destructive action is.

use std::io::Write;

use super::{JsonServer, REQUESTER, SECRET, planned, with_billing};
use crate::support::terminal::on_a_terminal;

#[test]
fn a_destructive_pack_write_runs_only_when_its_target_is_typed() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    let (action, _token) = planned(&env, &api.url, "delete invoice INV-8");
    let attempt = |typed: &str| {
        let mut base = env.std_command();
        base.env("BILLING_URL", &api.url).env("BILLING_TOKEN", SECRET);
        let mut terminal = on_a_terminal(base, &["--as", REQUESTER, "execute", &action]);
        let mut stdin = terminal.child().stdin.take().unwrap();
        stdin.write_all(format!("{typed}\r").as_bytes()).unwrap();
        stdin.flush().unwrap();
        terminal.finish()
    };
    let declined = attempt("y");
    assert_eq!(declined.code, 4, "{}\n{}", declined.stdout, declined.stderr);
    assert!(declined.stdout.contains("Type INV-8 to confirm"), "{}", declined.stdout);
    assert_eq!(api.get("/invoices/INV-8")["id"], "INV-8", "a y/n answer deletes nothing");
    let confirmed = attempt("INV-8");
    assert_eq!(confirmed.code, 0, "{}\n{}", confirmed.stdout, confirmed.stderr);
    assert_eq!(api.get("/invoices/INV-8"), serde_json::Value::Null, "deleted");
    assert_eq!(api.get("/invoices/INV-7")["id"], "INV-7", "and nothing else");
    assert!(!confirmed.stdout.contains(SECRET));
}
