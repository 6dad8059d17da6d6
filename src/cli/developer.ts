// The developer commands (compile, exec), loaded by src/cli/main.ts only
// when the first argument names one, so a job run never loads commander,
// ts-morph or esbuild.
import { chmodSync, renameSync, writeFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_USAGE as EX_USAGE } from "../runner/exit-codes";

async function reportCompileError(error: unknown): Promise<never> {
  const { PortableError } = await import("../compiler/diagnostics");
  const { CrossTomlError } = await import("../compiler/targets");
  if (error instanceof PortableError || error instanceof CrossTomlError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
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
    .description("Run a Solstice CI job in this machine (the default: solstice-runner [--help | --version]); developer commands below.")
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
      const { compileFile } = await import("../compiler/compile");
      let script: string;
      try {
        const target = opts.target === undefined ? undefined : await crossTarget(opts.target);
        script = compileFile(entry, { compact: opts.compact ?? false, ...(target ? { target } : {}) });
      } catch (error) {
        return await reportCompileError(error);
      }
      if (opts.output) {
        // Written beside and renamed over: a shell still running the old
        // script keeps reading the old file, never a mix of both.
        const partial = `${opts.output}.${process.pid}.tmp`;
        writeFileSync(partial, script);
        chmodSync(partial, 0o755);
        renameSync(partial, opts.output);
      } else process.stdout.write(script);
    });

  program
    .command("exec")
    .description("run a portable TypeScript program under Node")
    .argument("<entry>", "the program's entry module")
    .argument("[args...]", "arguments passed to main")
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (entry: string, args: string[]) => {
      const { execPortable } = await import("./bundle");
      await execPortable(entry, args);
    });

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
