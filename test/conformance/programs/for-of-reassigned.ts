// for-of walks the array the loop started with, even when the body gives
// the variable another array (found by the fuzzer: the sh loop switched to
// the new one), and sees elements pushed to the first one meanwhile.
// args: ["one", "two words", ""]
import { print } from "@solstice/std";

function walk(items: string[]): string {
  let out = "";
  for (const x of items) {
    out += x;
    items = ["new"];
  }
  return `${out} then ${items.join(",")}`;
}

export async function main(args: string[]): Promise<number> {
  let xs = ["a", "b", "c"];
  const first = xs;
  for (const x of xs) {
    print(x);
    if (x === "a") first.push("d");
    xs = ["z"];
  }
  print(`${xs.join(",")} ${first.join(",")}`);
  print(walk(["p", "q"]));
  let n = 0;
  for (const a of args) {
    n++;
    args = [];
    print(`${n} ${a} ${args.length}`);
  }
  return 0;
}
