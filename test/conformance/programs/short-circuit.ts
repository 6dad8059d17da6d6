// && and || evaluate their right side only when it decides: a call there
// that must not run leaves no trace (no output, no push).
import { print } from "@solstice/std";

function note(log: string[], name: string, result: boolean): boolean {
  log.push(name);
  print(`  ran ${name}`);
  return result;
}

export async function main(args: string[]): Promise<number> {
  const log: string[] = [];
  print("false && x");
  if (note(log, "a", false) && note(log, "b", true)) print("  wrong");
  print("true || x");
  if (note(log, "c", true) || note(log, "d", true)) print("  taken");
  print("true && x");
  const v = note(log, "e", true) && note(log, "f", false);
  print(`  value ${v}`);
  print("false || x");
  const w = note(log, "g", false) || note(log, "h", true);
  print(`  value ${w}`);
  print("chains");
  const x = note(log, "i", false) || (note(log, "j", true) && note(log, "k", false)) || note(log, "l", true);
  print(`  value ${x}`);
  const y = (note(log, "m", true) || note(log, "n", true)) && (note(log, "o", false) || note(log, "p", false));
  print(`  value ${y}`);
  print("guards");
  const items = ["a"];
  if (items.length > 5 && items[5] === "x") print("  wrong");
  const i = 3;
  if (i < items.length && items[i] === "a") print("  wrong");
  else print("  guarded");
  const text = "ab";
  if (text.length > 1 && text[1] === "b") print("  second is b");
  let count = 0;
  while (count < 10 && note(log, "w", count < 2)) count++;
  print(`  count ${count}`);
  print(log.join(""));
  return 0;
}
