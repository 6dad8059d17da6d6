// Methods called on the results of other methods, calls, array elements
// and record fields.
import { print } from "@solstice/std";

interface Named {
  name: string;
  parts: string[];
}

function line(): string {
  return "  key = a,b,,c  ";
}

export async function main(args: string[]): Promise<number> {
  const value = line().trim().split("=")[1].trim();
  print(`[${value}] ${value.split(",").length} ${value.split(",").join("|")}`);
  print(String(line().slice(2).indexOf("=")));
  const n: Named = { name: " padded ", parts: value.split(",") };
  print(`[${n.name.trim()}] ${n.name.length} ${n.parts[0].length} ${n.parts.slice(1).join("+")}`);
  print(`${n.parts.join("").length} ${n.parts.includes("")} ${line().includes("key")}`);
  const words = ["alpha", "beta"];
  print(`${words[0].slice(-2)} ${words[1].charAt(0)} ${words[1][3]} ${words.join(" ").split(" ")[1]}`);
  print(`${"a-b-c".replaceAll("-", "").length} ${"x".split(",")[0].trim().startsWith("x")}`);
  return 0;
}
