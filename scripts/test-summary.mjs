// Prints vitest's totals as one plain closing line, `N passed, N failed,
// N skipped`, which CI reads whatever the test runner.
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
const skipped = results.numPendingTests + results.numTodoTests;
process.stdout.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
