#!/usr/bin/env bash
# Cold process wall time of `opsgate --demo plan "refund booking 142" --output json`
# once the demo database exists (issue 3 target: median ≤ 10 ms), next to a bare
# `--help` for scale. Uses hyperfine when installed, else a plain loop.
#
#     benches/plan_cold.sh            # builds the release binary first
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/opsgate"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
"$bin" --demo staff list >/dev/null   # build the demo database once

runs=${RUNS:-50}
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 5 --runs "$runs" -N \
        "$bin --help" \
        "$bin --demo plan 'refund booking 142' --output json"
else
    for cmd in "--help" "plan"; do
        times=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            if [ "$cmd" = plan ]; then "$bin" --demo plan 'refund booking 142' --output json >/dev/null; else "$bin" --help >/dev/null; fi
            times+=($(( ($(date +%s%N) - start) / 1000 )))
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        echo "$cmd: median ${median} µs over $runs runs"
    done
fi
