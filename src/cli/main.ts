// The solstice-runner command line. Running the job is the default: unless
// the first argument names a developer command, every argument goes to the
// runner itself (src/runner/main.ts), which answers --help, --version and
// unknown options exactly as the sh build does (contract section 8).
// The developer commands, and what they load (commander, ts-morph, esbuild),
// live in their own chunk (scripts/build.mjs), so a job run starts without them.
import { runJob } from "./run";

/** `help` lists the developer commands; `run` is the job, spelt out. */
const DEVELOPER_COMMANDS = ["compile", "exec", "sink", "relay", "help"];

export async function cli(argv: string[]): Promise<void> {
  const first = argv[0];
  if (first !== undefined && DEVELOPER_COMMANDS.includes(first)) {
    const { runDeveloperCommand } = await import("./developer");
    await runDeveloperCommand(argv);
    return;
  }
  await runJob(first === "run" ? argv.slice(1) : argv);
}
