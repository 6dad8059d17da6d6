// Where the Node build keeps its own temporary files (the stream spool):
// the directory the runner chose at start (useScratchBase), else the
// system's temporary directory (the developer commands, which choose none).
import { tmpdir } from "node:os";

let chosen = "";

export function setScratchBase(dir: string): void {
  chosen = dir;
}

export function scratchBase(): string {
  return chosen !== "" ? chosen : tmpdir();
}
