// The solstice-runner command line. Running the job is the default; the
// developer commands (compile, exec) are subcommands.
import { writeFileSync, chmodSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { compileFile } from "../compiler/compile";
import { PortableError } from "../compiler/diagnostics";
import { execPortable } from "./bundle";
import { runJob } from "./run";

const EX_USAGE = 64;

function reportCompileError(error: unknown): never {
  if (error instanceof PortableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

export async function cli(argv: string[]): Promise<void> {
  const program = new Command("solstice-runner")
    .description("Run a Solstice CI job in this machine; developer commands below.")
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command("run", { isDefault: true, hidden: true })
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .action(async (_opts: unknown, command: Command) => {
      await runJob(command.args);
    });

  program
    .command("compile")
    .description("compile a portable TypeScript program to one POSIX sh script")
    .argument("<entry>", "the program's entry module (exports async function main(args: string[]): Promise<number>)")
    .option("-o, --output <file>", "write the script here (made executable) instead of stdout")
    .action((entry: string, opts: { output?: string }) => {
      let script: string;
      try {
        script = compileFile(entry);
      } catch (error) {
        reportCompileError(error);
      }
      if (opts.output) {
        writeFileSync(opts.output, script);
        chmodSync(opts.output, 0o755);
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
      await execPortable(entry, args);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 1 ? EX_USAGE : error.exitCode);
    throw error;
  }
}
