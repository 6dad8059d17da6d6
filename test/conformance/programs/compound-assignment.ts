// += -= *= %= and ++/-- on variables, array elements and record fields;
// the place's index and receiver run once, before the right side.
import { print } from "@solstice/std";

interface Stats {
  count: number;
  text: string;
}

function next(log: string[], i: number): number {
  log.push(`i${i}`);
  return i;
}

function value(log: string[], v: number): number {
  log.push(`v${v}`);
  return v;
}

function target(log: string[], s: Stats): Stats {
  log.push("t");
  return s;
}

export async function main(args: string[]): Promise<number> {
  let n = 10;
  n += 5;
  n -= 3;
  n *= -2;
  n %= 7;
  n++;
  n--;
  --n;
  ++n;
  print(String(n));
  let s = "a";
  s += "b";
  s += String(n);
  print(s);
  const log: string[] = [];
  const numbers = [0, 0, 0];
  numbers[next(log, 1)] += value(log, 5);
  numbers[next(log, 2)]++;
  numbers[next(log, 0)] -= value(log, 1);
  print(`${numbers.join(",")} ${log.join(" ")}`);
  const stats: Stats = { count: 0, text: "" };
  target(log, stats).count += value(log, 3);
  target(log, stats).text += "x";
  stats.count *= 4;
  stats.count--;
  print(`${stats.count} ${stats.text} ${log.join(" ")}`);
  const words = ["a", "b"];
  words[0] += "!";
  words[1] += words[0];
  print(words.join(" "));
  return 0;
}
