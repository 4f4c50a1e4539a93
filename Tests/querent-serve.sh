# Sourced by the test scripts that drive a fresh `querent serve` (Tests/Contract/run.sh,
# Tests/Console/run.sh); needs curl and python3.
#
#   start_querent_serve BIN HOME LOG
#       starts `BIN serve --home HOME` on a free port of 127.0.0.1 with the per-tenant rate
#       limits off (the callers' hundreds of requests must reach the routes; the limiter has its
#       own tests), logging to LOG; waits until it is ready and has printed its banner. Sets
#       PORT, URL, SERVER_PID, TOKEN (the demo token) and SOURCE (the sample's id); exits with
#       the log when the server dies or is not ready in 60 s.
#   stop_querent_serve
#       stops it, if it was started (for an EXIT trap).

SERVER_PID=

start_querent_serve() {
    local bin=$1 home=$2 log=$3 caller=${0}
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    URL="http://127.0.0.1:$PORT"
    QUERENT_RATE_QUERIES_PER_MINUTE=0 QUERENT_RATE_TRAINING_PER_MINUTE=0 \
        "$bin" serve --home "$home" --port "$PORT" >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q 'TOKEN=' "$log" && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; echo "$caller: querent serve exited" >&2; exit 1; }
        sleep 0.5
    done
    TOKEN=$(grep -o 'TOKEN=[^ ]*' "$log" | head -1 | cut -d= -f2 | tr -d "'\"")
    SOURCE=$(grep -o 'database/[0-9a-f-]\{36\}' "$log" | head -1 | cut -d/ -f2)
    [ -n "$TOKEN" ] && [ -n "$SOURCE" ] || { cat "$log" >&2; echo "$caller: querent serve is not ready (no token or sample source)" >&2; exit 1; }
}

stop_querent_serve() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
