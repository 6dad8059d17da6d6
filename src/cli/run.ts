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
    process.stderr.write(`solstice-runner: internal error (a bug in the runner, please report it): ${internalErrorDetail(error)}\n`);
    code = EXIT_SOFTWARE;
  }
  // A stop signal while the log is being delivered ends the wait: 128+N.
  code = await finishStreaming(code);
  process.exit(code);
}

/**
 * The error's kind and where it was thrown, not its message: a message can
 * quote the input (a RegExp's quotes its whole pattern, which is made of
 * the secrets), and this line is printed unmasked.
 */
export function internalErrorDetail(error: unknown): string {
  if (!(error instanceof Error)) return "a value that is not an Error was thrown";
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return [`${error.name} (its message is not shown: it may quote secrets)`, ...frames].join("\n");
}
