// The developer commands (compile, exec, cloud-init), loaded by src/cli/main.ts only
// when the first argument names one, so a job run never loads commander,
// ts-morph or esbuild. A file that cannot be read or written is one line
// on stderr and a sysexits status (66, 73), never a stack trace.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { EXIT_CANTCREAT, EXIT_DATAERR, EXIT_NOINPUT, EXIT_USAGE as EX_USAGE } from "../runner/exit-codes";
import { VERSION } from "../runner/version";

/** One line on stderr and the exit status: the developer commands' way to fail. */
function fail(command: string, message: string, status: number): never {
  process.stderr.write(`solstice-runner ${command}: ${message}\n`);
  process.exit(status);
}

/** What a file-system error means, in words. */
function reason(error: unknown, file: string, writing: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return writing ? `there is no directory ${path.dirname(file)}; create it first` : "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "EROFS") return "read-only file system";
  return error instanceof Error ? error.message : String(error);
}

/** The entry module must be a file we can read: else exit 66. */
function requireInput(command: string, file: string): void {
  try {
    readFileSync(file);
  } catch (error) {
    fail(command, `cannot read ${file}: ${reason(error, file, false)}`, EXIT_NOINPUT);
  }
}
import { hostCommands } from "./host";

async function reportCompileError(error: unknown): Promise<never> {
  const { PortableError } = await import("../compiler/diagnostics");
  const { CrossTomlError } = await import("../compiler/targets");
  if (error instanceof PortableError || error instanceof CrossTomlError) {
    process.stderr.write(`${error.message}\n`);
    // An import naming no file is missing input, as for exec.
    process.exit(error instanceof PortableError && error.detail.startsWith("cannot find the module") ? EXIT_NOINPUT : 1);
  }
  throw error;
}

/**
 * Written beside and renamed over: a shell still running the old script
 * keeps reading the old file, never a mix of both. A failed write leaves
 * nothing behind.
 */
function writeScript(output: string, script: string): void {
  const partial = `${output}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, script);
    chmodSync(partial, 0o755);
    renameSync(partial, output);
  } catch (error) {
    rmSync(partial, { force: true });
    fail("compile", `cannot write ${output}: ${reason(error, output, true)}`, EXIT_CANTCREAT);
  }
}

/** esbuild's first error, as file:line:col: text. */
function bundleProblem(error: unknown): { message: string; missing: boolean } | undefined {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  const first = errors?.[0];
  if (!first) return undefined;
  const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
  return { message: `${where}${first.text}`, missing: first.text.startsWith("Could not resolve") };
}

interface CloudInitCommandOptions {
  job: string;
  secrets?: string;
  embed: string;
  target: string;
  compact: boolean;
  runnerFile?: string;
  runnerUrl?: string;
  runnerSha256?: string;
  env: string[];
  poweroff: boolean;
  output?: string;
}

/** The target `name` of ./Cross.toml; a usage error naming the targets there when it has none such. */
async function crossTarget(name: string) {
  const { readTargets } = await import("../compiler/targets");
  const targets = readTargets("Cross.toml");
  const target = targets.find((t) => t.name === name);
  if (!target) {
    process.stderr.write(`--target ${name}: Cross.toml has no such target; its targets: ${targets.map((t) => t.name).join(", ")}\n`);
    process.exit(EX_USAGE);
  }
  return target;
}

function developerCommands(): Command {
  const program = new Command("solstice-runner")
    .description("Developer commands of the Node executable; the job commands: solstice-runner --help.")
    .version(`solstice-runner ${VERSION}`, "-V, --version")
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command("compile")
    .description("compile a portable TypeScript program to one POSIX sh script")
    .argument("<entry>", "the program's entry module (exports async function main(args: string[]): Promise<number>)")
    .option("-o, --output <file>", "write the script here (made executable) instead of stdout")
    .option("--compact", "no comments, blank lines or indentation, and short names (for cloud-init user-data)")
    .option("--target <triple>", "build for a guest target of ./Cross.toml (its shell, awk and PATH)")
    .action(async (entry: string, opts: { output?: string; compact?: boolean; target?: string }) => {
      requireInput("compile", entry);
      const { compileFile } = await import("../compiler/compile");
      let script: string;
      try {
        const target = opts.target === undefined ? undefined : await crossTarget(opts.target);
        script = compileFile(entry, { compact: opts.compact ?? false, ...(target ? { target } : {}) });
      } catch (error) {
        return await reportCompileError(error);
      }
      if (opts.output) writeScript(opts.output, script);
      else process.stdout.write(script);
    });

  program
    .command("exec")
    .description("run a portable TypeScript program under Node")
    .argument("<entry>", "the program's entry module")
    .argument("[args...]", "arguments passed to main")
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (entry: string, args: string[]) => {
      requireInput("exec", entry);
      const { execPortable } = await import("./bundle");
      try {
        await execPortable(entry, args);
      } catch (error) {
        const problem = bundleProblem(error);
        if (!problem) throw error;
        fail("exec", problem.message, problem.missing ? EXIT_NOINPUT : EXIT_DATAERR);
      }
    });

  program
    .command("cloud-init")
    .description("print cloud-config user-data that starts the runner in a fresh guest (docs/deploy.md)")
    .requiredOption("--job <file>", "the job file, written to /etc/solstice/job.yaml (root, 0600)")
    .option("--secrets <file>", "a secrets file, written to /etc/solstice/secrets.yaml (root, 0600)")
    .option("--embed <runner>", "the runner written to /usr/local/bin/solstice-runner: sh (the target's sh build), node (the Node bundle, make bundle) or none", "sh")
    .option("--target <triple>", "the Cross.toml target whose sh build is embedded", "x86_64-unknown-linux-gnu")
    .option("--compact", "embed the target's compact sh build (compile --compact)", false)
    .option("--runner-file <file>", "embed this file as the runner instead")
    .option("--runner-url <url>", "download the runner from this http(s) URL at boot (falls back to the embedded one)")
    .option("--runner-sha256 <hex>", "the SHA-256 the download must have; a mismatch is never run")
    .option("--env <NAME=VALUE>", "add to the runner's environment (repeatable), e.g. SOLSTICE_LOG_FORMAT=json", (pair: string, all: string[]) => [...all, pair], [] as string[])
    .option("--poweroff", "power the guest off when the runner has finished", false)
    .option("-o, --output <file>", "write the user-data here instead of stdout")
    .action(async (opts: CloudInitCommandOptions) => {
      const { CloudInitError, renderUserData } = await import("./cloud-init");
      const embed = opts.embed;
      if (embed !== "sh" && embed !== "node" && embed !== "none") {
        process.stderr.write(`cloud-init: --embed ${embed}: use sh, node or none (or --runner-file FILE)\n`);
        process.exit(EX_USAGE);
      }
      let text: string;
      try {
        text = renderUserData({
          jobFile: opts.job,
          secretsFile: opts.secrets,
          embed,
          target: opts.target,
          compact: opts.compact,
          runnerFile: opts.runnerFile,
          runnerUrl: opts.runnerUrl,
          runnerSha256: opts.runnerSha256,
          env: opts.env,
          poweroff: opts.poweroff,
        });
      } catch (error) {
        if (!(error instanceof CloudInitError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exit(error.code);
      }
      if (opts.output) writeFileSync(opts.output, text, { mode: 0o600 });
      else process.stdout.write(text);
    });

  hostCommands(program);
  return program;
}

export async function runDeveloperCommand(argv: string[]): Promise<void> {
  const program = developerCommands();
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 1 ? EX_USAGE : error.exitCode);
    throw error;
  }
}
