#!/usr/bin/env bash
# Load and soak through the nginx gateway on the native stack (wrk from Debian):
#   `POST …/sql` and `POST …/query` at 1, 8 and 64 connections for --duration seconds each,
#   then a soak of --soak seconds at 8 connections (half /sql, half /query), printing
#   requests/s, p50/p99, errors (socket errors and non-2xx) and the RSS of every service,
#   sampled every 30 s during the soak. It asserts nothing; it prints numbers.
#
#   bash Benchmarks/load.sh [--duration 60] [--soak 600] [--bin .build/release]
#
# It starts its own stack (its own ports and run directory, so a running dev stack is left
# alone; its data is deleted at the end), registers the bundled sample database as a source, trains its tables, and stops
# the stack at the end. The per-tenant rate limits are off: one tenant makes every request.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=60
SOAK=600
BIN=.build/release
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --soak) SOAK=$2; shift 2 ;;
        --bin) BIN=$2; shift 2 ;;
        *) echo "usage: bash Benchmarks/load.sh [--duration 60] [--soak 600] [--bin .build/release]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
for exe in schema-service trainer-service query-service querent; do
    [ -x "$BIN/$exe" ] || { echo "$BIN/$exe not found: swift build -c release (or --bin .build/debug)" >&2; exit 1; }
done

export QUERENT_RUN_DIR=${QUERENT_LOAD_RUN_DIR:-/tmp/querent-load-run}
export QUERENT_PG_PORT=55632 QUERENT_REDIS_PORT=56579 QUERENT_GATEWAY_PORT=18180
export QUERENT_SCHEMA_PORT=18181 QUERENT_TRAINER_PORT=18182 QUERENT_QUERY_PORT=18183
export QUERENT_BIN=$BIN LOG_LEVEL=warning
export QUERENT_RATE_QUERIES_PER_MINUTE=0 QUERENT_RATE_TRAINING_PER_MINUTE=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/querent-load.XXXXXX")
trap 'bash deploy/local-stack.sh clean >/dev/null 2>&1 || true; rm -rf -- "$WORK"' EXIT
bash deploy/local-stack.sh clean >/dev/null 2>&1 || true

bash deploy/local-stack.sh start >"$WORK/stack.log" 2>&1 || { cat "$WORK/stack.log" >&2; exit 1; }
eval "$(bash deploy/local-stack.sh env)"
GATEWAY="http://127.0.0.1:$QUERENT_GATEWAY_PORT"
API="$GATEWAY/api/v1/sources/database"

# The bundled sample database, written by a throwaway embedded home.
"$BIN/querent" serve --home "$WORK/home" --port 0 >"$WORK/serve.log" 2>&1 &
SERVE=$!
for _ in $(seq 1 120); do [ -s "$WORK/home/sample.sqlite" ] && grep -q TOKEN= "$WORK/serve.log" && break; sleep 0.5; done
kill "$SERVE" && wait "$SERVE" 2>/dev/null || true
cp "$WORK/home/sample.sqlite" "$WORK/sample.sqlite"

TOKEN=$(QUERENT_JWT_SECRET=$QUERENT_JWT_SECRET "$BIN/querent" token --user load --agent bench --home "$WORK/home")
AUTH="Authorization: Bearer $TOKEN"
SOURCE=$(curl -sf -H "$AUTH" "$API" -d "{\"name\":\"sample\",\"dialect\":\"sqlite\",\"connection\":\"$WORK/sample.sqlite\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
TABLES=$(curl -sf -H "$AUTH" "$API/$SOURCE/tables" | python3 -c 'import json, sys; print(json.dumps([t["name"] for t in json.load(sys.stdin)["tables"]]))')
curl -sf -H "$AUTH" "$API/$SOURCE/train" -d "{\"tables\":$TABLES}" >/dev/null
for _ in $(seq 1 240); do
    [ "$(curl -sf -H "$AUTH" "$API/$SOURCE/trained-tables" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["trained_tables"]))')" = \
        "$(python3 -c "import json; print(len($TABLES))")" ] && break
    sleep 0.5
done

cat >"$WORK/sql.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"sql":"SELECT status, count(*) AS orders FROM orders GROUP BY status"}'
LUA
cat >"$WORK/query.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"question":"How many orders were cancelled?"}'
LUA
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
    io.write(string.format("REPORT %d %.1f %.2f %.2f %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
LUA
cat "$WORK/report.lua" >>"$WORK/sql.lua"
cat "$WORK/report.lua" >>"$WORK/query.lua"

rss() {
    local name pid out=""
    for name in schema-service trainer-service-1 trainer-service-2 query-service; do
        pid=$(cat "$QUERENT_RUN_DIR/pids/$name.pid" 2>/dev/null || true)
        out+=" $name $(( $(ps -o rss= -p "$pid" 2>/dev/null || echo 0) / 1024 )) MiB;"
    done
    echo "${out% ;}"
}

run() { # route connections seconds
    local line
    line=$(wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${3}s" --timeout 10s -s "$WORK/$1.lua" "$API/$SOURCE/$1" | grep '^REPORT')
    read -r _ requests rate p50 p99 errors <<<"$line"
    printf '%-6s %5s conns %5ss  %8s req  %7s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$1" "$2" "$3" "$requests" "$rate" "$p50" "$p99" "$errors"
}

echo "Querent load through the gateway ($GATEWAY), $(nproc) cores, binaries $BIN"
echo "RSS after training:$(rss)"
for route in sql query; do
    for connections in 1 8 64; do run "$route" "$connections" "$DURATION"; done
done
echo "RSS after the load runs:$(rss)"
if [ "$SOAK" -gt 0 ]; then
    echo "soak: $SOAK s at 8 connections (4 /sql + 4 /query), RSS every 30 s"
    wrk -t 1 -c 4 -d "${SOAK}s" --timeout 10s -s "$WORK/sql.lua" "$API/$SOURCE/sql" >"$WORK/soak-sql.txt" &
    SQL_PID=$!
    wrk -t 1 -c 4 -d "${SOAK}s" --timeout 10s -s "$WORK/query.lua" "$API/$SOURCE/query" >"$WORK/soak-query.txt" &
    QUERY_PID=$!
    for ((t = 0; t < SOAK; t += 30)); do
        sleep $(( SOAK - t < 30 ? SOAK - t : 30 ))
        echo "  t=$(( t + 30 < SOAK ? t + 30 : SOAK ))s:$(rss)"
    done
    wait "$SQL_PID" "$QUERY_PID"
    for route in sql query; do
        read -r _ requests rate p50 p99 errors <<<"$(grep '^REPORT' "$WORK/soak-$route.txt")"
        printf 'soak %-6s 4 conns %5ss  %8s req  %7s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$route" "$SOAK" "$requests" "$rate" "$p50" "$p99" "$errors"
    done
fi
