// make e2e: the guest boots (test/e2e/*.e2e.ts), apart from make test.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@solstice/std": fileURLToPath(new URL("../../src/std/index.ts", import.meta.url)) },
  },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    // Building the images (mmdebstrap) and booting them under TCG.
    hookTimeout: 60 * 60_000,
  },
});
