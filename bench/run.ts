// make bench: every benchmark, each measured against its baseline in the
// same run. Prints the figures; exits 1 when a target is missed.
import { benchCheckout } from "./checkout";
import { benchScan } from "./scan";

const results = [await benchScan(), await benchCheckout()];
process.exit(results.every(Boolean) ? 0 : 1);
