#!/usr/bin/env node
// The Node executable: the bundled command line (built by `make build`).
import { cli } from "../dist/cli.mjs";

await cli(process.argv.slice(2));
