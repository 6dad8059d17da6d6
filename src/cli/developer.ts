// The developer commands (compile, exec, cloud-init), loaded by src/cli/main.ts only
// when the first argument names one, so a job run never loads commander,
// ts-morph or esbuild.
import { chmodSync, renameSync, writeFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_USAGE as EX_USAGE } from "../runner/exit-codes";

async function reportCompileError(error: unknown): Promise<never> {
  const { PortableError } = await import("../compiler/diagnostics");
  if (error instanceof PortableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
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
