// The default command: the runner itself (src/runner/main.ts), the same
// portable code the sh build is compiled from. An exception escaping it is a
// bug in the runner: exit 70 (contract section 7), saying so.
import { fromNodeString } from "../std/bytes";
import { main } from "../runner/main";
import { finishStreaming } from "../std/node-stream";
import { EXIT_SOFTWARE } from "../runner/exit-codes";
import { writeFailure } from "../std/node-io";

/** sysexits EX_IOERR: an output error. */
const EXIT_IOERR = 74;

export async function runJob(args: string[]): Promise<never> {
  let code: number;
  try {
    code = await main(args.map(fromNodeString));
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`solstice-runner: internal error (a bug in the runner, please report it): ${detail}\n`);
    code = EXIT_SOFTWARE;
  }
  // --version or --help whose output was lost (a full disk, a closed pipe): say so, not success.
  const lost = writeFailure(1);
  if (code === 0 && args.length > 0 && lost !== "") {
    process.stderr.write(`solstice-runner: cannot write to standard output (${lost}); free space or fix the redirection\n`);
    code = EXIT_IOERR;
  }
  // A stop signal while the log is being delivered ends the wait: 128+N.
  code = await finishStreaming(code);
  process.exit(code);
}
