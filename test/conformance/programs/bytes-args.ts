// Arguments holding UTF-8 arrive as their bytes.
// args: ["caf\u00e9", "\u20ac", "\u00e9\u00e9", "a\u00a0b"]
// bytes: non-ascii
// exit: 4
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  for (const a of args) print(`[${a}] ${a.length} [${a.trim()}] ${a.indexOf("\xA9")}`);
  print(`${args[0].slice(3)} ${args[0].slice(0, 4)}${args[2].slice(2)}`);
  return args.length;
}
