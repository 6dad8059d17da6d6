// The default command: the runner itself (src/runner/main.ts), the same
// portable code the sh build is compiled from. An exception escaping it is a
// bug in the runner: exit 70 (contract section 7), saying so.
import { fromNodeString } from "../std/bytes";
import { main } from "../runner/main";
import { finishStreaming } from "../std/node-stream";
import { EXIT_SOFTWARE } from "../runner/exit-codes";

export async function runJob(args: string[]): Promise<never> {
  let code: number;
  try {
    code = await main(args.map(fromNodeString));
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`solstice-runner: internal error (a bug in the runner, please report it): ${detail}\n`);
    code = EXIT_SOFTWARE;
  }
  // A stop signal while the log is being delivered ends the wait: 128+N.
  code = await finishStreaming(code);
  process.exit(code);
}
