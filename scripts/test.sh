#!/usr/bin/env bash
# Runs every check once and exits: typecheck, lint and formatting, then every jest suite of
# every workspace: plugins, packages and the top-level test/ workspace with
# the browser, MCP client and replica tests against real backends, Chromium
# and PostgreSQL. Ends with "N passed, N failed" from jest's JSON report.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
source scripts/services.sh

echo "== typecheck"
tsc --noEmit -p tsconfig.json

echo "== lint"
backstage-cli repo lint
prettier --check --loglevel warn .

echo "== build the app the browser tests drive"
(cd packages/app && backstage-cli package build >/dev/null)

echo "== tests"
# Two runs: the unit suites of every plugin and package first, then the
# cross-package suites of test/, which start real backends, Chromium and
# PostgreSQL clients of their own. Run together, those processes starve the
# unit suites' workers on a small machine; run apart, neither waits on the other.
mkdir -p .test-results
rm -f .test-results/unit.json .test-results/integration.json
status=0
CI=1 backstage-cli repo test --watchAll=false --passWithNoTests --ignoreProjects @internal/tests \
  --json --outputFile=.test-results/unit.json "$@" || status=$?
CI=1 backstage-cli repo test --watchAll=false --passWithNoTests --selectProjects @internal/tests \
  --json --outputFile=.test-results/integration.json "$@" || status=$?

node scripts/test-summary.js .test-results/unit.json .test-results/integration.json || status=1
exit $status
