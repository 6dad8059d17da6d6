// The conditional operator: only the chosen branch runs, nested and in
// every position.
import { print } from "@solstice/std";

function say(log: string[], text: string): string {
  log.push(text);
  return text;
}

function sign(n: number): string {
  return n < 0 ? "negative" : n === 0 ? "zero" : "positive";
}

export async function main(args: string[]): Promise<number> {
  const log: string[] = [];
  const a = 1 > 0 ? say(log, "yes") : say(log, "no");
  const b = 1 < 0 ? say(log, "yes2") : say(log, "no2");
  print(`${a} ${b} ${log.join(",")}`);
  print(`${sign(-3)} ${sign(0)} ${sign(9)}`);
  const n = 4;
  print(`${n % 2 === 0 ? "even" : "odd"} ${(n > 2 ? 10 : 20) + 1}`);
  const picked = n > 2 ? ["x", "y"] : ["z"];
  print(picked.join("+"));
  const flag = n > 2 ? n < 10 : false;
  print(String(flag));
  const nested = n > 0 ? (n > 3 ? (n > 5 ? "big" : "medium") : "small") : "none";
  print(nested);
  print(log.length > 1 ? `${log.length} calls` : "one call");
  return 0;
}
