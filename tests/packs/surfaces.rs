//! Pack actions on the other surfaces: offered as tools to an MCP client (the
//! official Python SDK over stdio) and to an LLM planner (a scripted
//! OpenAI-shaped provider), and run by playbooks, through the same guard.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::{ADMIN, JsonServer, REQUESTER, SECRET, run, with_billing};
use crate::support::mock_llm::{MockProvider, Reply};
use crate::support::{Env, repo_root};

fn mcp(env: &Env, api: &str, steps: Value) -> Value {
    let mut child = Command::new("python3")
        .arg(repo_root().join("tests/peers/mcp_client.py"))
        .args(["stdio", env!("CARGO_BIN_EXE_opsgate"), "--as", REQUESTER, "mcp", "--agent", "claude"])
        .env("XDG_DATA_HOME", env.data_dir())
        .env("XDG_CONFIG_HOME", env.config_dir())
        .env("OPSGATE_DB", &env.db_url)
        .env("BILLING_URL", api)
        .env("BILLING_TOKEN", SECRET)
        .env_remove("OPSGATE_USER")
        .env_remove("OPSGATE_SERVER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (the MCP peer needs it)");
    child.stdin.take().unwrap().write_all(json!({"steps": steps}).to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the MCP client failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn listed_tool<'a>(listed: &'a Value, name: &str) -> &'a Value {
    let tools = listed["ok"]["tools"].as_array().unwrap();
    tools.iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no tool {name} in {listed}"))
}

#[test]
fn an_mcp_client_is_offered_pack_actions_as_tools_and_a_write_only_waits_for_a_person() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    run(
        &env,
        &api.url,
        Some(ADMIN),
        &["agent", "add", "claude", "--model", "test-model", "--tier", "suggest"],
    )
    .exit(0);
    let session = mcp(
        &env,
        &api.url,
        json!([
            {"op": "list_tools"},
            {"op": "call", "tool": "billing.invoice_get", "arguments": {"invoice_id": "INV-7"}},
            {"op": "call", "tool": "billing.refund", "arguments": {"invoice_id": "INV-7", "amount_cents": 2500}},
            {"op": "call", "tool": "billing.void", "arguments": {"invoice_id": "../../admin"}},
        ]),
    );
    let results = session["results"].as_array().unwrap();
    let refund = listed_tool(&results[0], "billing.refund");
    assert_eq!(refund["annotations"]["destructiveHint"], true);
    assert_eq!(refund["inputSchema"]["required"], json!(["invoice_id", "amount_cents"]));
    assert_eq!(refund["inputSchema"]["properties"]["amount_cents"]["maximum"], 1_000_000);
    assert_eq!(listed_tool(&results[0], "billing.invoice_get")["annotations"]["readOnlyHint"], true);

    let read = &results[1]["ok"]["structuredContent"];
    assert_eq!(read["rows"][0]["customer"], "Ann", "{read}");
    let pending = &results[2]["ok"]["structuredContent"];
    assert_eq!(pending["status"], "pending_approval", "{pending}");
    assert_eq!(pending["second_factor"], true);
    assert_eq!(api.get("/refunds"), json!([]), "an MCP write only stores a pending action");
    // A parameter is one path segment, however it is written: the target read
    // at plan time finds no such invoice, and nothing is stored.
    let odd = &results[3]["ok"];
    assert_eq!(odd["isError"], true, "{odd}");
    let said = odd["content"][0]["text"].as_str().unwrap();
    assert!(
        said.contains("/invoices/..%2F..%2Fadmin") && said.contains("not found (404): (no message)"),
        "{said}"
    );
    assert!(!session.to_string().contains(SECRET), "the secret stays out of what the client sees");
    let history = run(&env, &api.url, Some(REQUESTER), &["history"]).exit(0).stdout;
    assert!(history.contains("billing.refund") && history.contains("pending_approval"), "{history}");
}

#[test]
fn an_llm_planner_is_offered_pack_actions_and_its_call_is_guarded_like_any_other() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    let call = json!({
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "billing__refund",
                "arguments": r#"{"invoice_id": "INV-7", "amount_cents": 1250, "confidence": 0.9}"#}}]}}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30}
    });
    let mock = MockProvider::start(vec![Reply::json(call)]);
    let mut command = env.command();
    command
        .env("BILLING_URL", &api.url)
        .env("BILLING_TOKEN", SECRET)
        .env("OPENAI_BASE_URL", &mock.url)
        .env("OPENAI_API_KEY", "sk-test-0123456789abcdef")
        .args(["--as", REQUESTER, "-o", "json", "plan", "give Ann 12.50 EUR back on INV-7"])
        .args(["--planner", "openai", "--model", "test-model"]);
    let plan = crate::support::Run::from(command.output().unwrap()).exit(0).json();
    let step = &plan["steps"][0];
    assert_eq!(step["action"], "billing.refund", "{plan}");
    assert_eq!(step["params"]["amount_cents"], 1250);
    assert_eq!(step["status"], "pending_approval");
    let offered = &mock.received()[0].body["tools"];
    let tool = offered
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["function"]["name"] == "billing__refund")
        .unwrap_or_else(|| panic!("billing.refund was not offered: {offered}"));
    assert_eq!(tool["function"]["parameters"]["properties"]["amount_cents"]["type"], "integer");
    assert!(!mock.received()[0].body.to_string().contains(SECRET), "the model never sees a secret");
}

#[test]
fn a_playbook_reads_rows_from_a_pack_and_suggests_a_pack_write_for_each() {
    let api = JsonServer::start();
    let env = with_billing(&api.url);
    let dir = tempfile::tempdir().unwrap();
    let playbook = dir.path().join("voids.yaml");
    std::fs::write(
        &playbook,
        "name: open-invoices\nsteps:\n  - id: open\n    ask: list open invoices\n  \
         - id: void\n    for_each: steps.open.rows\n    action: billing.void\n    \
         params: { invoice_id: \"{{ item.id }}\", reason: nightly check }\n",
    )
    .unwrap();
    let path = playbook.to_str().unwrap();
    run(&env, &api.url, Some(REQUESTER), &["playbook", "validate", path]).exit(0).stdout_has("billing.void");
    let report =
        run(&env, &api.url, Some(REQUESTER), &["-o", "json", "playbook", "run", path]).exit(0).json();
    let text = report.to_string();
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(
        steps[0]["answers"][0]["rows"],
        json!([{"id": "INV-8", "customer": "Bo", "status": "open", "total_cents": 5000}]),
        "{report}"
    );
    let voids = &steps[1]["plans"];
    assert_eq!(voids.as_array().map(Vec::len), Some(1), "one suggestion per open invoice: {report}");
    assert_eq!(voids[0]["actions"][0]["action"], "billing.void");
    assert_eq!(voids[0]["actions"][0]["params"], json!({"invoice_id": "INV-8", "reason": "nightly check"}));
    assert_eq!(api.get("/voids"), json!([]), "suggest mode sends nothing");
    assert!(!text.contains(SECRET));
}
