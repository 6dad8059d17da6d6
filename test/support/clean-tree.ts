// vitest's global setup: the whole suite must leave the tree and the temp
// directory as it found them (results go under dist/ only).
//
// The suite runs with TMPDIR set to a directory of its own, made here before
// any test worker starts (workers inherit it, and every process a test
// starts does unless the test sets TMPDIR itself): what is left in it at the
// end was left by this run alone, whatever other runs on the machine do in
// the system's temp directory. Caches meant to outlive a run go to
// SOLSTICE_TEST_CACHE (the system's temp directory). The tree is compared
// through git, ignored files included (dist/ and node_modules/ aside: builds
// and vitest's cache).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./root";

const EXEMPT = /^(dist|node_modules)\//;

/** `git status` of the tree, one entry a line, ignored files included. */
function treeStatus(): string[] {
  const out = execFileSync("git", ["status", "--porcelain", "--ignored", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\n").filter((line) => line !== "" && !EXEMPT.test(line.slice(3)));
}

function difference(before: string[], after: string[]): string[] {
  const had = new Set(before);
  return after.filter((line) => !had.has(line));
}

export default function setup(): () => void {
  const systemTmp = tmpdir();
  const suiteTmp = mkdtempSync(join(systemTmp, "solstice-suite-"));
  const statusBefore = treeStatus();
  process.env.TMPDIR = suiteTmp;
  // What is meant to outlive the run (the guest test's rootfs, test/guest/rootfs.ts) is cached here.
  process.env.SOLSTICE_TEST_CACHE ??= systemTmp;
  return () => {
    process.env.TMPDIR = systemTmp;
    const leftInTmp = readdirSync(suiteTmp);
    rmSync(suiteTmp, { recursive: true, force: true });
    const changed = difference(statusBefore, treeStatus());
    const problems: string[] = [];
    if (leftInTmp.length > 0) problems.push(`the tests left these in the temp directory (TMPDIR): ${leftInTmp.join(", ")}`);
    if (changed.length > 0) problems.push(`the tests changed the tree (git status, beyond dist/): ${changed.join("; ")}`);
    if (problems.length > 0) {
      // vitest reports an error thrown here but still exits 0: set the status too.
      process.exitCode = 1;
      throw new Error(problems.join("\n"));
    }
  };
}
