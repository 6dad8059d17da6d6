// Node side of the std's shellProblem: Node holds any byte.

/** Why the running backend cannot run the program correctly, or "". */
export function shellProblem(): string {
  return "";
}
