// Prints vitest's totals as one plain closing line, `N passed, N failed,
// N skipped`, which CI reads whatever the test runner; before it, one plain
// line per failed test (file, title, the first line of its error), so the
// end of a CI log says what failed.
// usage: node scripts/test-summary.mjs RESULTS.json
import { readFileSync } from "node:fs";

const file = process.argv[2];
let results;
try {
  results = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  process.stdout.write(`0 passed, 1 failed (no test results in ${file}: ${error.message})\n`);
  process.exit(1);
}
for (const suite of results.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status !== "failed") continue;
    const file = suite.name.replace(/^.*?\/test\//, "test/");
    let why = String(test.failureMessages?.[0] ?? "")
      .split("\n")[0]
      .slice(0, 300);
    // vitest's timeout error keeps the stack of the placeholder it made when
    // the test started, message and all.
    if (why === "Error: STACK_TRACE_ERROR") why = "timed out (vitest's testTimeout, vitest.config.ts)";
    process.stdout.write(`FAILED ${file} > ${test.fullName}: ${why}\n`);
  }
}
const skipped = results.numPendingTests + results.numTodoTests;
process.stdout.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
