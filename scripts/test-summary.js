// Reads the jest JSON reports of the test command's runs, prints the slowest
// suites (so a slow suite is seen before it times out on a busy machine) and
// ends with the one line CI reads: "N passed, N failed". Fails on a missing
// report, a suite that could not run, or any skipped or todo test.
const { readFileSync, existsSync } = require('node:fs');
const { relative } = require('node:path');

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
const suites = [];
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`jest wrote no report ${file}`);
    failed += 1;
    ok = false;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  skipped += report.numPendingTests + report.numTodoTests;
  ok &&= report.success;
  for (const suite of report.testResults) {
    suites.push({
      name: relative(process.cwd(), suite.name),
      seconds: (suite.endTime - suite.startTime) / 1000,
      tests: suite.assertionResults.length,
    });
  }
}

suites.sort((a, b) => b.seconds - a.seconds);
console.log('\nSlowest suites (seconds, tests, file):');
for (const suite of suites.slice(0, 15)) {
  console.log(
    `${suite.seconds.toFixed(1).padStart(7)} ${String(suite.tests).padStart(
      4,
    )}  ${suite.name}`,
  );
}
if (skipped > 0) {
  console.error(`${skipped} test(s) skipped or todo: every test must run`);
}
console.log(`${passed} passed, ${failed} failed`);
if (passed + failed === 0) console.error('no test ran');
process.exit(ok && skipped === 0 && failed === 0 && passed > 0 ? 0 : 1);
