// The backends a scenario runs: the Node executable, and the generated sh
// script (a snapshot of it) under dash and every other shell that can run
// it; the compact build under a shell. Checks at load that both builds are
// newer than the sources under test.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { ROOT } from "../support/root";
import { availableShells } from "../support/shells";

const GENERATED = join(ROOT, "generated/solstice-runner.sh");
const COMPACT = join(ROOT, "dist/solstice-runner.compact.sh");
const NODE_BIN = join(ROOT, "bin/solstice-runner.mjs");
const NODE_BUNDLE = join(ROOT, "dist/cli.mjs");

// The shells run a copy taken when a test file starts: a shell reads its
// script as it goes, and `make generate` rewriting the file mid-run would
// feed it half of each version.
const snapshotDir = mkdtempSync(join(tmpdir(), "solstice-script-"));
export const SCRIPT = join(snapshotDir, "solstice-runner.sh");
copyFileSync(GENERATED, SCRIPT);
if (!existsSync(COMPACT)) throw new Error("dist/solstice-runner.compact.sh is missing: run `make compact`");
export const COMPACT_SCRIPT = join(snapshotDir, "solstice-runner.compact.sh");
copyFileSync(COMPACT, COMPACT_SCRIPT);
afterAll(() => {
  rmSync(snapshotDir, { recursive: true, force: true });
});

export interface Backend {
  name: string;
  argv: string[];
}

export const NODE: Backend = { name: "node", argv: [process.execPath, NODE_BIN] };
export const DASH: Backend = { name: "dash", argv: ["dash", SCRIPT] };

/** Every scenario on every shell: in CI (.ci/run), or when asked. */
// Not in CI by default: with workflows, masking and streaming the whole
// matrix outgrew CI's time on two cores (the key scenarios still run on
// every shell there).
export const FULL_MATRIX = process.env.SOLSTICE_TEST_ALL_SHELLS === "1";

/**
 * Every installed shell but dash (which every scenario runs anyway), and but
 * the shells that cannot hold bytes (yash), which the runner refuses
 * (test/runner/shells.test.ts).
 */
export function otherShells(): Backend[] {
  return availableShells()
    .filter((s) => s.name !== "dash" && s.byteStrings)
    .map((s) => ({ name: s.name, argv: [...s.argv, SCRIPT] }));
}

function newestMtime(dir: string, suffix: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith(suffix)) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

// Both backends must be built from the sources under test; a stale one
// would make every difference a false alarm (or hide a real one).
if (!existsSync(NODE_BUNDLE)) throw new Error("dist/cli.mjs is missing: run `node scripts/build.mjs` (or make build)");
{
  const sources = Math.max(newestMtime(join(ROOT, "src/runner"), ".ts"), newestMtime(join(ROOT, "src/std"), ".ts"), newestMtime(join(ROOT, "templates/prelude"), ".sh"));
  // A second of slack: a fresh clone writes generated/ before src/.
  if (statSync(NODE_BUNDLE).mtimeMs + 1000 < sources) {
    process.stderr.write("\n*** NOTICE: dist/cli.mjs is older than src/: run `node scripts/build.mjs`\n\n");
  }
  if (statSync(GENERATED).mtimeMs + 1000 < sources) {
    process.stderr.write("\n*** NOTICE: generated/solstice-runner.sh is older than src/: run `make generate`\n\n");
  }
  if (statSync(COMPACT).mtimeMs + 1000 < Math.max(sources, newestMtime(join(ROOT, "src/compiler"), ".ts"))) {
    process.stderr.write("\n*** NOTICE: dist/solstice-runner.compact.sh is older than src/: run `make compact`\n\n");
  }
}

/** A shell's backend running the compact build instead. */
export function compactOf(shell: Backend): Backend {
  return { name: `${shell.name}+compact`, argv: [...shell.argv.slice(0, -1), COMPACT_SCRIPT] };
}
