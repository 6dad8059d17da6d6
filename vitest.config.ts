import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@solstice/std": fileURLToPath(new URL("./src/std/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Fails the run when the suite leaves files in the tree or the temp directory.
    globalSetup: ["test/support/clean-tree.ts"],
    // Room for several runs of a scenario on a loaded two-core machine, and
    // for the harness's own hang check (HANG_MS in test/runner/run-once.ts)
    // to fire first and say what hung.
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
