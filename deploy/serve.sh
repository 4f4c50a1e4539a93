#!/usr/bin/env bash
# Builds and runs the embedded Querent (`querent serve`): every service in one process on
# :8080, SQLite metadata under QUERENT_HOME (default ./.querent), the bundled sample
# database registered and trained on first start. No Postgres or Redis needed.
#
#   bash deploy/serve.sh [querent serve options, e.g. --port 9090]
#
# QUERENT_BUILD=debug builds faster (slower at run time); the default is release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v swift >/dev/null 2>&1 || { echo "deploy/serve.sh: Swift 6 is required (https://swift.org/install)" >&2; exit 1; }

packages=(pkg-config libpq-dev libhiredis-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev libmariadb-dev)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "deploy/serve.sh: installing ${missing[*]}" >&2
    ${sudo[@]+"${sudo[@]}"} apt-get update
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

configuration=${QUERENT_BUILD:-release}
swift build -c "$configuration" --product querent
exec ".build/$configuration/querent" serve "$@"
