#!/usr/bin/env bash
# Runs every check once and exits: typecheck, lint, then every jest suite of
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

echo "== build the app the browser tests drive"
(cd packages/app && backstage-cli package build >/dev/null)

echo "== tests"
mkdir -p .test-results
report=.test-results/jest.json
rm -f "$report"
status=0
CI=1 backstage-cli repo test --watchAll=false --json --outputFile="$report" "$@" || status=$?

if [ ! -f "$report" ]; then
  echo "jest wrote no report"
  echo "0 passed, 1 failed"
  exit 1
fi
node -e '
const r = require(process.argv[1]);
const skipped = r.numPendingTests + r.numTodoTests;
if (skipped > 0) console.error(`${skipped} test(s) skipped or todo: every test must run`);
if (r.numRuntimeErrorTestSuites > 0) console.error(`${r.numRuntimeErrorTestSuites} suite(s) failed to run`);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
process.exit(r.success && skipped === 0 ? 0 : 1);
' "$ROOT/$report" || status=1
exit $status
