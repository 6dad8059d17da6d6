// make bench: every benchmark, each measured against its baseline in the
// same run. Prints the figures; exits 1 when a target is missed.
import { benchScan } from "./scan";

const results = [await benchScan()];
process.exit(results.every(Boolean) ? 0 : 1);
