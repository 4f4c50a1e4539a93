#!/usr/bin/env bash
# Runs every Querent test against real Postgres 15, Redis 7 and MariaDB (and nginx, for the
# end-to-end workflow through the gateway):
#   installs the system packages it needs (apt, when missing), starts the private native
#   stack (deploy/local-stack.sh), builds everything, runs `swift test`, fuzzes the OpenAPI
#   contract with schemathesis (Tests/Contract/run.sh), drives the web console in headless
#   Chromium (Tests/Console/run.sh), stops the stack.
#
#   bash Tests/run.sh [extra swift test arguments, e.g. --filter QuerentPostgresTests]
#
# QUERENT_KEEP_STACK=1 leaves Postgres and Redis running afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v swift >/dev/null 2>&1 || { echo "Tests/run.sh: Swift 6 is required (https://swift.org/install)" >&2; exit 1; }

# Formatting is part of the contract: .swift-format (Hummingbird's settings) must hold.
swift format lint --strict --recursive Package.swift Shared Services Tests Benchmarks \
    || { echo "Tests/run.sh: swift format lint failed; run: swift format format -i -r Package.swift Shared Services Tests Benchmarks" >&2; exit 1; }

QUERENT_INSTALL=1 QUERENT_STACK_MYSQL=1 bash deploy/local-stack.sh up
if [ "${QUERENT_KEEP_STACK:-0}" != "1" ]; then
    trap 'bash deploy/local-stack.sh down >/dev/null 2>&1 || true' EXIT
fi
eval "$(bash deploy/local-stack.sh env)"
# Integration suites must run: a missing server is a failure, never a skip.
export QUERENT_REQUIRE_INTEGRATION=1

# The integration tests launch the service executables, so build them with the tests.
swift build --build-tests
if [ "$#" -eq 0 ]; then
    # The end-to-end workflow and the fault drills each start a whole second stack (Postgres,
    # Redis, the services, nginx): run them on their own, after the other suites, so their
    # start-up load does not skew the others' timing on a small machine.
    swift test --skip-build --skip DatabaseSchemaWorkflowTests --skip StackFaultTests
    swift test --skip-build --filter 'DatabaseSchemaWorkflowTests|StackFaultTests'
    # The OpenAPI contract, fuzzed by schemathesis against `querent serve`: 0 failures.
    bash Tests/Contract/run.sh
    # The web console, driven end to end in headless Chromium against `querent serve`.
    bash Tests/Console/run.sh
else
    swift test --skip-build "$@"
fi
