// The host-side commands of log streaming (contract section 9): `sink`, a
// reference RunnerService, and `relay`, which forwards a framed console to
// one. Registered on the developer command line; their code loads on use.
import { type Command } from "commander";
import { EXIT_USAGE } from "../runner/exit-codes";

function seconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--deadline takes whole seconds, not '${value}'`);
  return Number(value);
}

export function hostCommands(program: Command): void {
  program
    .command("sink")
    .description("a reference RunnerService: store each run's log and status under DIR")
    .requiredOption("--listen <addr>", "host:port to listen on (port 0: any free port, printed)")
    .requiredOption("--dir <dir>", "where each run's files go (DIR/RUN_ID/log, events.jsonl, status.json)")
    .option("--token <token>", "accept only calls with authorization: Bearer TOKEN (default: $SOLSTICE_RUNNER_TOKEN, if set)")
    .option("--tls-cert <file>", "serve TLS with this PEM certificate chain")
    .option("--tls-key <file>", "the PEM private key of --tls-cert")
    .action(async (opts: { listen: string; dir: string; token?: string; tlsCert?: string; tlsKey?: string }) => {
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
        process.stderr.write("solstice-runner sink: --tls-cert and --tls-key go together\n");
        process.exit(EXIT_USAGE);
      }
      const { startSink } = await import("./sink");
      const say = (line: string) => process.stdout.write(`${line}\n`);
      let sink;
      try {
        sink = await startSink({
          listen: opts.listen,
          dir: opts.dir,
          token: opts.token ?? process.env.SOLSTICE_RUNNER_TOKEN ?? "",
          tlsCert: opts.tlsCert ?? "",
          tlsKey: opts.tlsKey ?? "",
          say,
        });
      } catch (error) {
        process.stderr.write(`solstice-runner sink: cannot listen on ${opts.listen}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      }
      const host = opts.listen.slice(0, opts.listen.lastIndexOf(":"));
      say(`sink listening on ${host}:${sink.port}, storing under ${opts.dir}`);
      const stop = () => void sink.close().then(() => process.exit(0));
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    });

  program
    .command("relay")
    .description("forward a framed console capture (SOLSTICE_CONSOLE_FRAMING=1) to a RunnerService")
    .requiredOption("--orchestrator <addr>", "host:port of the RunnerService")
    .option("--from <file>", "the console capture to follow as it grows, or - for stdin", "-")
    .option("--token <token>", "sent as authorization: Bearer (default: $SOLSTICE_RUNNER_TOKEN)")
    .option("--ca <file>", "PEM CA for TLS (default: $SOLSTICE_ORCHESTRATOR_CA)")
    .option("--insecure", "plaintext to a non-loopback address (default: $SOLSTICE_ORCHESTRATOR_INSECURE=1)")
    .option("--deadline <seconds>", "after a run's end, how long to deliver its log and status", seconds, 120)
    .action(async (opts: { orchestrator: string; from: string; token?: string; ca?: string; insecure?: boolean; deadline: number }) => {
      const { relay } = await import("./relay");
      const code = await relay({
        orchestrator: opts.orchestrator,
        from: opts.from,
        token: opts.token ?? process.env.SOLSTICE_RUNNER_TOKEN ?? "",
        caFile: opts.ca ?? process.env.SOLSTICE_ORCHESTRATOR_CA ?? "",
        insecure: opts.insecure === true || process.env.SOLSTICE_ORCHESTRATOR_INSECURE === "1",
        deadlineSeconds: opts.deadline,
        say: (line) => process.stderr.write(`${line}\n`),
      });
      process.exit(code);
    });
}
