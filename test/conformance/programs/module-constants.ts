// Module-level constants: literals, expressions of other constants, values
// from function calls, arrays and records; read from several functions.
import { print } from "@solstice/std";

const NAME = "solstice";
const VERSION = 3;
const NEXT = VERSION + 1;
const TITLE = `${NAME} v${NEXT}`;
const ODD = "it's $1 `x` \\ * ?";
const EMPTY = "";
const LIST = ["x", "y"];
const SHOUT = shout(NAME);
const LIMITS: Limits = { low: -1, high: NEXT * 10 };

interface Limits {
  low: number;
  high: number;
}

function shout(s: string): string {
  return s + "!";
}

function within(n: number): boolean {
  return n >= LIMITS.low && n <= LIMITS.high;
}

export async function main(args: string[]): Promise<number> {
  print(TITLE);
  print(ODD);
  print(`[${EMPTY}]`);
  print(SHOUT);
  LIST.push("z");
  print(LIST.join(""));
  print(`${within(-2)} ${within(0)} ${within(40)} ${within(41)}`);
  return VERSION - 3;
}
