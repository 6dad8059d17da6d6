// The solstice-runner command line. Running the job is the default: unless
// the first argument names a developer command, every argument goes to the
// runner itself (src/runner/main.ts), which answers --help, --version and
// unknown options exactly as the sh build does (contract section 8).
// The developer commands load the compiler (ts-morph, esbuild) only when
// used, so a job run starts without them (scripts/build.mjs splits them
// into their own chunks).
import { chmodSync, renameSync, writeFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { runJob } from "./run";

const EX_USAGE = 64;

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

  return program;
}

export async function cli(argv: string[]): Promise<void> {
  const program = developerCommands();
  const first = argv[0];
  // `help` lists the developer commands; `run` is the job, spelt out.
  const developer = first !== undefined && (first === "help" || program.commands.some((c) => c.name() === first));
  if (!developer) {
    await runJob(first === "run" ? argv.slice(1) : argv);
    return;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 1 ? EX_USAGE : error.exitCode);
    throw error;
  }
}
