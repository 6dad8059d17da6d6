// make bench: every benchmark, each measured against its baseline in the
// same run. Prints the figures; exits 1 when a target is missed.
// `node scripts/run-ts.mjs bench/run.ts NAME…` runs only the named ones.
import { benchCheckout } from "./checkout";
import { benchContext } from "./context";
import { benchKdl } from "./kdl";
import { benchMask } from "./mask";
import { benchCompact } from "./compact";
import { benchScan } from "./scan";
import { benchStream } from "./stream";

const benchmarks: Record<string, () => Promise<boolean>> = {
  scan: benchScan,
  checkout: benchCheckout,
  kdl: benchKdl,
  context: benchContext,
  stream: benchStream,
  mask: benchMask,
  compact: benchCompact,
};
const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : Object.keys(benchmarks);
const results: boolean[] = [];
for (const name of names) {
  const bench = benchmarks[name];
  if (!bench) throw new Error(`no benchmark named ${name}; there are: ${Object.keys(benchmarks).join(", ")}`);
  results.push(await bench());
}
process.exit(results.every(Boolean) ? 0 : 1);
