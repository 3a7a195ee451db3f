#!/usr/bin/env bash
# Cold process wall time of opsgate commands on the demo database (created
# once, before timing), next to a bare `--help` for scale. Median over RUNS
# (default 50) runs; hyperfine is used when installed.
#
#     benches/cold.sh                      # the README's set: plan and ask
#     benches/cold.sh "ask 'sla report'"   # any commands, each one argument
#
# Targets: `plan` median ≤ 10 ms (issue 3), `ask` on a metrics question ≤ 30 ms (issue 5).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/opsgate"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
"$bin" --demo staff list >/dev/null   # build the demo database once

if [ $# -eq 0 ]; then
    set -- "plan 'refund booking 142' --output json" \
        "ask 'revenue in the last 30 days' --output json" \
        "ask 'which complaints are about to breach sla' --output json" \
        "ask 'what does our refund policy say about no-shows' --output json"
fi
runs=${RUNS:-50}
commands=("--help")
for args in "$@"; do commands+=("--demo $args"); done
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 5 --runs "$runs" -N "${commands[@]/#/$bin }"
    exit
fi
for args in "${commands[@]}"; do
    times=()
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        eval "\"\$bin\" $args" >/dev/null
        times+=($(( ($(date +%s%N) - start) / 1000 )))
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' <<<"$sorted")
    p95=$(awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i]}' <<<"$sorted")
    echo "opsgate $args: median ${median} µs, p95 ${p95} µs over $runs runs"
done
