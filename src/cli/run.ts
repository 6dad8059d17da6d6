// The default command: the runner itself (src/runner/main.ts), the same
// portable code the sh build is compiled from.
import { fromNodeString } from "../std/bytes";
import { main } from "../runner/main";

export async function runJob(args: string[]): Promise<never> {
  const code = await main(args.map(fromNodeString));
  process.exit(code);
}
