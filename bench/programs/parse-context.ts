// Benchmark program: read a job file and a secrets file as the runner does
// and, with "parse", build the job context from them (the YAML subset, the
// checks, the secrets merge); prints the counts. "read" alone is the
// baseline, so parse − read is the parser's own time.
import { print, readLines } from "@solstice/std";
import { readContextFrom } from "../../src/runner/context";

export async function main(args: string[]): Promise<number> {
  if (args[0] !== "parse") {
    const job = readLines(args[1]);
    const secrets = readLines(args[2]);
    print(`${job.length + secrets.length} lines`);
    return 0;
  }
  const ctx = readContextFrom([
    { name: "SOLSTICE_JOB_FILE", value: args[1] },
    { name: "SOLSTICE_SECRETS_FILE", value: args[2] },
  ]);
  if (!ctx.ok) {
    print(`error ${ctx.exitCode}: ${ctx.error}`);
    return 1;
  }
  print(`${ctx.env.length} env, ${ctx.secrets.length} secrets`);
  return 0;
}
