// The job side of the command line, shared by both builds so they answer
// every argument alike (GNU and commander conventions): `--` ends the
// options, -h/--help and -V/--version win wherever they stand (the first of
// them), and anything else unknown is a usage error of one line. The Node
// executable takes its developer commands (compile, exec) before this sees
// the arguments (src/cli/main.ts); this build's help says where they are.
import { RUNNER_VARIABLES } from "./variables";

export interface CommandLine {
  /** "job" (run the job), "help", "version" or "error". */
  action: string;
  /** For "error": what is wrong, for the one line printed. */
  error: string;
}

/** Commands only the Node executable has. */
export const DEVELOPER_COMMANDS = ["compile", "exec", "cloud-init", "sink", "relay"];

/** Where the developer commands are, for messages and the help. */
const NODE_EXECUTABLE = "the Node executable (bin/solstice-runner.mjs)";

function action(name: string): CommandLine {
  return { action: name, error: "" };
}

function usageError(error: string): CommandLine {
  return { action: "error", error: error };
}

/** "help", "version" or "" for an option word (not "--", not "-"). */
function optionAction(arg: string): string {
  if (arg === "--help") return "help";
  if (arg === "--version") return "version";
  if (arg.startsWith("--")) return "";
  // A cluster of short flags, as commander reads "-hV": the first decides.
  const first = arg[1];
  if (first === "h") return "help";
  if (first === "V") return "version";
  return "";
}

/** The commands this build knows, or an error naming the unknown one. */
function commandProblem(name: string): string {
  if (name === "run" || name === "help") return "";
  if (DEVELOPER_COMMANDS.includes(name)) return `'${name}' is a developer command of ${NODE_EXECUTABLE}, not of this build`;
  return `unknown command '${name}'`;
}

/** What the arguments ask for. */
export function parseCommandLine(args: string[]): CommandLine {
  const operands: string[] = [];
  let firstError = "";
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && arg === "--") {
      optionsEnded = true;
    } else if (!optionsEnded && arg.startsWith("-") && arg !== "-") {
      const asked = optionAction(arg);
      if (asked !== "") return action(asked);
      if (firstError === "") firstError = `unknown option '${arg}'`;
    } else {
      operands.push(arg);
    }
  }
  if (firstError !== "") return usageError(firstError);
  if (operands.length === 0) return action("job");
  const command = operands[0];
  const problem = commandProblem(command);
  if (problem !== "") return usageError(problem);
  if (command === "help" && operands.length > 1) {
    const topic = commandProblem(operands[1]);
    if (topic !== "") return usageError(topic);
  }
  const allowed = command === "help" ? 2 : 1;
  if (operands.length > allowed) return usageError(`unexpected argument '${operands[allowed]}' after '${command}'`);
  return action(command === "run" ? "job" : "help");
}

/** The usage error's one line. */
export function usageLine(error: string): string {
  return `solstice-runner: ${error}; run solstice-runner --help for usage`;
}

function padded(text: string, width: number): string {
  let out = text;
  while (out.length < width) out += " ";
  return out;
}

function variableLines(): string {
  let width = 0;
  for (const variable of RUNNER_VARIABLES) {
    if (variable.name.length > width) width = variable.name.length;
  }
  const lines: string[] = [];
  for (const variable of RUNNER_VARIABLES) {
    const fallback = variable.fallback === "" ? "" : ` (default ${variable.fallback})`;
    lines.push(`  ${padded(variable.name, width)}  ${variable.meaning}${fallback}`);
  }
  return lines.join("\n");
}

/** --help: the same text on both builds. */
export function usageText(): string {
  return `usage: solstice-runner [run] [-h | --help] [-V | --version]
       solstice-runner help [COMMAND]

Runs one Solstice CI job: reads the job context, fetches the repository at
one exact commit with git, runs the chosen job of .solstice/workflow.kdl
(or else .solstice/job.sh) in the checkout, streams its output, and exits
with the job's status.

Commands:
  run             run the job (the default)
  help [COMMAND]  show this help

Options:
  -h, --help      show this help and exit, whatever else is given
  -V, --version   print the version and exit
  --              end of options

Developer commands (compile, exec) are in ${NODE_EXECUTABLE};
there, solstice-runner help compile describes one.

Inputs (environment variables, over the job file's keys):
${variableLines()}

Job file keys: repo_url, commit_sha, job_id, run_id, timeout, submodules,
env (a map), secrets (a map).

Exit status: the job's own (128+N if killed by signal N); 64 usage;
65 invalid job context; 66 missing input or nothing to run; 69 fetch
failed; 70 internal error or a shell that cannot run the runner (yash);
73 workspace not writable; 124 the job's timeout expired; 128+N the
runner got signal N (TERM, INT, HUP) and stopped the job.`;
}
