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
source Tests/querent-serve.sh
cleanup() {
    stop_querent_serve
    rm -rf -- "$WORK"
}
trap cleanup EXIT

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$VERSION"
fi

# A fresh home with the trained sample database.
start_querent_serve .build/debug/querent "$WORK/home" "$WORK/serve.log"
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
