#!/usr/bin/env bash
# Cold `plan` and `execute` (one process each, wall time) on the demo and
# against a team's back office on MariaDB and on PostgreSQL (the fixture of
# tests/fixtures/backoffice through its binding; opsgate's state in SQLite).
# Median and p95 over RUNS (default 30) runs of each.
#
#     OPSGATE_BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306 \
#     OPSGATE_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres benches/targets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/opsgate"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
fixtures="$PWD/tests/fixtures/backoffice"
runs=${RUNS:-30}
name="bench_$$"

"$bin" --demo staff list >/dev/null
state="$home/state.db"
"$bin" --db "$state" seed rbac --test-staff >/dev/null

setups=("demo|--demo")
if [ -n "${OPSGATE_BENCH_MYSQL_URL:-}" ]; then
    hostport="${OPSGATE_BENCH_MYSQL_URL#mysql://}"; user="${hostport%@*}"; hostport="${hostport#*@}"
    mariadb -h"${hostport%:*}" -P"${hostport#*:}" -u"$user" -e "CREATE DATABASE $name"
    mariadb -h"${hostport%:*}" -P"${hostport#*:}" -u"$user" "$name" <"$fixtures/mariadb.sql"
    setups+=("mariadb|--db $state --target ${OPSGATE_BENCH_MYSQL_URL%/}/$name --binding $fixtures/binding.yaml")
fi
if [ -n "${OPSGATE_BENCH_PG_URL:-}" ]; then
    psql -q "$OPSGATE_BENCH_PG_URL" -c "CREATE DATABASE $name"
    pg="${OPSGATE_BENCH_PG_URL%/*}/$name"
    psql -q -v ON_ERROR_STOP=1 "$pg" <"$fixtures/postgres.sql" >/dev/null
    setups+=("postgres|--db $state --target $pg --binding $fixtures/binding.yaml")
fi

micros() { echo $(( $(date +%s%N) / 1000 )); }
report() {
    sorted=$(printf '%s\n' "$@" | sort -n)
    median=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' <<<"$sorted")
    p95=$(awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i]}' <<<"$sorted")
    printf 'median %.1f ms, p95 %.1f ms' "$(bc -l <<<"$median/1000")" "$(bc -l <<<"$p95/1000")"
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d['steps'][0]['$1'])"; }

for setup in "${setups[@]}"; do
    label="${setup%%|*}"; read -r -a flags <<<"${setup#*|}"
    booking=1
    [ "$label" = demo ] && booking=$("$bin" --demo ask "list confirmed bookings" -o json \
        | python3 -c "import json,sys; print(json.load(sys.stdin)['rows'][0]['id'])" 2>/dev/null || echo 12)
    plans=(); executes=()
    for i in $(seq "$runs"); do
        prompt="reschedule booking $booking to 2027-01-$(printf '%02d' $(( i % 28 + 1 ))) 1$(( i % 10 )):00"
        start=$(micros)
        out=$("$bin" "${flags[@]}" --as admin@example.com plan "$prompt" -o json)
        plans+=($(( $(micros) - start )))
        action=$(field action_id <<<"$out"); token=$(field confirmation_token <<<"$out")
        start=$(micros)
        "$bin" "${flags[@]}" --as admin@example.com execute "$action" --token "$token" >/dev/null
        executes+=($(( $(micros) - start )))
    done
    echo "$label: plan $(report "${plans[@]}") · execute $(report "${executes[@]}") over $runs runs"
done
