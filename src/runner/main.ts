// solstice-runner: runs one CI job in this machine (contract: docs/contract.md).
import { print, printErr } from "@solstice/std";
import { VERSION } from "./version";

const USAGE = `usage: solstice-runner [--help | --version]

Runs the Solstice CI job described by the SOLSTICE_* environment variables
and the job file (SOLSTICE_JOB_FILE, default /etc/solstice/job.yaml).`;

export async function main(args: string[]): Promise<number> {
  if (args.length === 1 && args[0] === "--version") {
    print(`solstice-runner ${VERSION}`);
    return 0;
  }
  if (args.length === 1 && args[0] === "--help") {
    print(USAGE);
    return 0;
  }
  if (args.length > 0) {
    printErr(`solstice-runner: unknown argument '${args[0]}'`);
    printErr(USAGE);
    return 64;
  }
  printErr("solstice-runner: running jobs arrives with the next release");
  return 70;
}
