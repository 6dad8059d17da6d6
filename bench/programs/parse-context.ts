// Benchmark program: with "parse", build the job context from a job file and
// a secrets file as the runner does (reading them, the YAML subset, the
// checks, the secrets merge) and print the counts. "start" only prints the
// file names: the baseline, so parse − start is the whole cost of the parse.
import { print } from "@solstice/std";
import { readContextFrom } from "../../src/runner/context";

export async function main(args: string[]): Promise<number> {
  if (args[0] !== "parse") {
    print(`${args[1]} ${args[2]}`);
    return 0;
  }
  const ctx = readContextFrom([
    { name: "SOLSTICE_JOB_FILE", value: args[1] },
    { name: "SOLSTICE_SECRETS_FILE", value: args[2] },
  ]);
  if (!ctx.ok) {
    print(`error ${ctx.exitCode}: ${ctx.error}`);
    // A secret over Linux's 128 KiB for one variable is refused once the
    // whole context has been read (the 500 KB one of the 1 MB file): 3.
    return ctx.error.startsWith("secret DEPLOY_KEY is ") ? 3 : 1;
  }
  print(`${ctx.env.length} env, ${ctx.secrets.length} secrets`);
  return 0;
}
