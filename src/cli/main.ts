// The solstice-runner command line. Running the job is the default: unless
// the arguments name a developer command (`compile …`, `help compile`),
// every argument goes to the runner itself (src/runner/main.ts), which
// reads them exactly as the sh build does (src/runner/cli-args.ts), help
// included: both builds print the same help.
// The developer commands, and what they load (commander, ts-morph, esbuild),
// live in their own chunk (scripts/build.mjs), so a job run starts without them.
import { DEVELOPER_COMMANDS } from "../runner/cli-args";
import { runJob } from "./run";

function namesDeveloperCommand(argv: string[]): boolean {
  const [first, second] = argv;
  if (first !== undefined && DEVELOPER_COMMANDS.includes(first)) return true;
  return first === "help" && second !== undefined && DEVELOPER_COMMANDS.includes(second);
}

export async function cli(argv: string[]): Promise<void> {
  if (namesDeveloperCommand(argv)) {
    const { runDeveloperCommand } = await import("./developer");
    await runDeveloperCommand(argv);
    return;
  }
  await runJob(argv);
}
