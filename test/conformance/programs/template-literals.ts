// Template literals: text, numbers, booleans and call results spliced in.
import { print } from "@solstice/std";

function twice(s: string): string {
  return `${s}${s}`;
}

function count(items: string[]): number {
  return items.length;
}

export async function main(args: string[]): Promise<number> {
  const name = "w o$rld";
  const n = -42;
  const yes = true;
  const no = 3 > 4;
  print(`hello ${name}!`);
  print(`n=${n} n+1=${n + 1} n*2=${n * 2}`);
  print(`${yes} ${no} ${!yes}`);
  print(`${twice("ab")}-${twice("")}-${twice(`[${name}]`)}`);
  print(`${count(["a", "b", "c"])} items`);
  print(`${""}${""}`);
  print(`adjacent:${n}${name}${yes}`);
  print(`nested ${`inner ${`innermost ${n}`}`}`);
  print(`backslash \\ backtick \` dollar \$ brace \${name}`);
  print(`multi
line
  template`);
  print(`${name.length}:${name.slice(1, 3)}:${name.indexOf("$")}`);
  const a = 7;
  const b = 2;
  print(`${a}${b} ${a + b} ${a}-${b}`);
  return 0;
}
