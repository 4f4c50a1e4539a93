#!/usr/bin/env bash
# The web console end to end: headless Chromium (Selenium, from PyPI in a private venv) drives a
# fresh `querent serve` through sign-in, a new SQLite source, training, questions, a chart and a
# corrected answer; then a MySQL source (when QUERENT_TEST_MYSQL_URL names a server).
# Screenshots of each step land in .build/console-screenshots/.
#
#   bash Tests/Console/run.sh          # after `swift build` (uses .build/debug/querent)
#
# QUERENT_BIN (default .build/debug): the directory of the querent binary.
# QUERENT_CONSOLE_DIR, when set, is passed on (the console's files read from disk).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN="${QUERENT_BIN:-.build/debug}/querent"
VENV=.build/console-venv
SHOTS=.build/console-screenshots
[ -x "$BIN" ] || { echo "Tests/Console/run.sh: no querent binary at $BIN (run swift build first)" >&2; exit 1; }

# Chromium and its driver, from Debian.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    if ! $SUDO apt-get install -y chromium chromium-driver; then
        $SUDO apt-get update
        $SUDO apt-get install -y chromium chromium-driver
    fi
fi

# Selenium and pytest, in a private venv.
if ! "$VENV/bin/python" -c 'import selenium, pytest' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet selenium pytest
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/querent-console.XXXXXX")
source Tests/querent-serve.sh
cleanup() {
    stop_querent_serve
    rm -rf -- "$WORK"
}
trap cleanup EXIT

# A fresh home with the trained sample database.
start_querent_serve "$BIN" "$WORK/home" "$WORK/serve.log"
curl -sf "$URL/" | grep -q 'Querent console' || { echo "Tests/Console/run.sh: $URL/ does not serve the console" >&2; exit 1; }

rm -rf "$SHOTS"
mkdir -p "$SHOTS" "$WORK/data"
status=0
QUERENT_CONSOLE_URL="$URL/" QUERENT_E2E_WORK="$WORK/data" QUERENT_SCREENSHOTS="$SHOTS" \
    QUERENT_E2E_MYSQL_URL="${QUERENT_TEST_MYSQL_URL:-}" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/Console/console_e2e.py "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- querent serve log (last 60 lines) ---" >&2
    tail -60 "$WORK/serve.log" >&2
fi
echo "Screenshots: $SHOTS/"
exit "$status"
