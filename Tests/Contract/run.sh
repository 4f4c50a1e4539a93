#!/usr/bin/env bash
# The OpenAPI contract fuzzed: schemathesis (from PyPI, in a private venv) against a fresh
# `querent serve`, every phase (examples, coverage, fuzzing, stateful over the links) and
# every check; fails on any failure. Settings: Tests/Contract/schemathesis.toml.
#
#   bash Tests/Contract/run.sh            # after `swift build` (uses .build/debug/querent)
#
# QUERENT_ST_EXAMPLES (default 25): examples per operation and phase.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VERSION=4.32.5
VENV=.build/contract-venv
WORK=$(mktemp -d "${TMPDIR:-/tmp}/querent-contract.XXXXXX")
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf -- "$WORK"
}
trap cleanup EXIT

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$VERSION"
fi

# A free port, then a fresh home with the trained sample database.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
# Rate limits off: the fuzzer's hundreds of questions should reach the question path (the
# limiter has its own tests, RateLimitTests).
QUERENT_RATE_QUERIES_PER_MINUTE=0 QUERENT_RATE_TRAINING_PER_MINUTE=0 \
    .build/debug/querent serve --home "$WORK/home" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
    curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q 'TOKEN=' "$WORK/serve.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; echo "Tests/Contract/run.sh: querent serve exited" >&2; exit 1; }
    sleep 0.5
done
TOKEN=$(grep -o 'TOKEN=[^ ]*' "$WORK/serve.log" | head -1 | cut -d= -f2 | tr -d "'\"")
SOURCE=$(grep -o 'database/[0-9a-f-]\{36\}' "$WORK/serve.log" | head -1 | cut -d/ -f2)
[ -n "$TOKEN" ] && [ -n "$SOURCE" ] || { cat "$WORK/serve.log" >&2; echo "Tests/Contract/run.sh: no token or sample source" >&2; exit 1; }
# A second source, for deleteSource to delete.
cp "$WORK/home/sample.sqlite" "$WORK/spare.sqlite"
SPARE=$(curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/sources/database" \
    -d "{\"name\":\"spare\",\"dialect\":\"sqlite\",\"connection\":\"$WORK/spare.sqlite\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')

# /health is the gateway's own route, and the training-events stream never ends by itself.
QUERENT_ST_URL=$URL QUERENT_ST_TOKEN=$TOKEN QUERENT_ST_SOURCE=$SOURCE QUERENT_ST_SPARE=$SPARE \
    "$VENV/bin/schemathesis" --config-file Tests/Contract/schemathesis.toml run "$URL/openapi.json" \
    --checks all --max-examples "${QUERENT_ST_EXAMPLES:-25}" --workers 2 --seed "${QUERENT_ST_SEED:-1}" \
    --exclude-path-regex 'training-events$|^/health$' --report junit --report-dir .build/contract-report \
    || { status=$?; echo "--- querent serve log (last 40 lines) ---" >&2; tail -n 40 "$WORK/serve.log" >&2; exit "$status"; }
