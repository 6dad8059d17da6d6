// The sender's thread: the Node build runs the gRPC side of log streaming
// here (node-stream.ts starts it, from its code built into the runner:
// scripts/stream-worker-code.mjs), so the job's lines reach the console
// without waiting behind the sending. It reads the spool's file as far as
// the runner says it is written.
import { parentPort, workerData } from "node:worker_threads";
import { Sender, type JobStatusMessage, type SenderOptions } from "./stream-sender";
import { SpoolMirror, type SpoolState } from "./stream-spool";

const start = workerData as { state: SpoolState; options: Omit<SenderOptions, "warn"> };
const mirror = new SpoolMirror(start.state.file);
mirror.update(start.state);
const sender = new Sender(mirror, { ...start.options, warn: (message) => parentPort!.postMessage({ warn: message }) });

parentPort!.on("message", (message: { update?: SpoolState; finish?: JobStatusMessage; ask?: boolean }) => {
  if (message.ask) parentPort!.postMessage({ delivered: sender.acked });
  if (message.update) {
    mirror.update(message.update);
    sender.notify();
  }
  if (message.finish) {
    void sender.finish(message.finish).then((delivered) => {
      mirror.close();
      parentPort!.postMessage({ done: delivered });
    });
  }
});
