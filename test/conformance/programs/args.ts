// main's arguments arrive as bytes, one argument each, whatever they hold.
// exit: 19
// args: ["plain", "", "two words", " lead", "trail ", "-n", "-e", "--", "*", "?", "[a]", "$HOME", "`id`", "it's", "say \"hi\"", "back\\slash", "line\nbreak", "=", "!"]
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(`${args.length} arguments`);
  for (let i = 0; i < args.length; i++) print(`${i}: [${args[i]}] ${args[i].length}`);
  print(args.join("|"));
  print(`${args.includes("*")} ${args.includes("x")} ${args.includes("")}`);
  const rest = args.slice(2, -2);
  print(`${rest.length} in the middle`);
  let stars = 0;
  for (const a of args) {
    if (a === "*") stars++;
  }
  print(`${stars} star`);
  return args.length;
}
