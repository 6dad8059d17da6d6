// The developer commands (compile, exec), loaded by src/cli/main.ts only
// when the first argument names one, so a job run never loads commander,
// ts-morph or esbuild.
import { chmodSync, renameSync, writeFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_USAGE as EX_USAGE } from "../runner/exit-codes";
import { hostCommands } from "./host";

async function reportCompileError(error: unknown): Promise<never> {
  const { PortableError } = await import("../compiler/diagnostics");
  if (error instanceof PortableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
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
    .action(async (entry: string, opts: { output?: string }) => {
      const { compileFile } = await import("../compiler/compile");
      let script: string;
      try {
        script = compileFile(entry);
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
