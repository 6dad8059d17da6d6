// Two steps through the step runner, as a workflow runs them: a value the
// first adds with ::add-mask:: is masked in the second, and in the runner's
// own lines after the first.
import { runStep } from "../../../src/runner/job";
import { logInfo, makeLogger, str } from "../../../src/runner/log";

export async function main(args: string[]): Promise<number> {
  const log = makeLogger("text", "info", []);
  const first = 'echo "::add-mask::carried-value-9"; echo "one carried-value-9"';
  const second = 'echo "two carried-value-9"; echo "two carried-value-9 $(printf %s carried-value-9 | base64)" >&2';
  await runStep("one", 1, ["/bin/sh", "-c", first], "", [], log.masks, 0, log);
  await runStep("two", 2, ["/bin/sh", "-c", second], "", [], log.masks, 0, log);
  logInfo(log, "after the steps", [str("value", "carried-value-9")]);
  return 0;
}
