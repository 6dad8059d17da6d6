// Arrays: literals, length, reading and writing elements, push (and its
// result), includes, writing at the end, arrays of numbers and booleans.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const words = ["zero", "one", "two"];
  print(`${words.length} ${words[0]} ${words[2]}`);
  words[1] = "ONE";
  const n = words.push("three");
  print(`${n} ${words.join(" ")}`);
  words[words.length] = "four";
  print(`${words.length} ${words[4]}`);
  print(`${words.includes("two")} ${words.includes("one")} ${words.includes("")} ${[""].includes("")}`);
  const numbers = [3, -1, 4];
  numbers[0] = numbers[1] + numbers[2];
  let sum = 0;
  for (let i = 0; i < numbers.length; i++) sum += numbers[i];
  print(`${numbers.join("+")}=${sum}`);
  const flags = [true, false];
  flags.push(flags[0] && flags[1]);
  print(`${flags.join(",")} ${flags.includes(true)}`);
  const empty: string[] = [];
  print(`[${empty.join(",")}] ${empty.length} ${empty.includes("")}`);
  const odd = ["*", "?", "-n", "a b", "\\", "$x", ""];
  print(`${odd.includes("*")} ${odd.includes("x")} ${odd.includes("a")} ${odd.includes("$x")}`);
  const i = 1;
  odd[i + 1] = odd[i] + odd[i - 1];
  print(odd.join("|"));
  return 0;
}
