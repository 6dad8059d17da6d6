// A call's result handed straight to what reads it (the compiler's
// peephole: no temporary): in a test whose other side calls again, in a
// call's arguments beside other results, in a record's field, in
// arithmetic, in a case subject; and loops whose update or test ends each
// pass, with a continue only in a loop inside them.
import { print } from "@solstice/std";

interface Pair {
  left: string;
  count: number;
  flag: boolean;
}

interface Counter {
  calls: number;
}

const counter: Counter = { calls: 0 };

function next(label: string): string {
  counter.calls++;
  return `${label}${counter.calls}`;
}

function size(text: string): number {
  counter.calls++;
  return text.length;
}

function joined(a: string, b: string, c: string): string {
  return `${a}|${b}|${c}`;
}

function pair(text: string): Pair {
  return { left: next(text), count: size(text) + 1, flag: size(text) > 2 };
}

function kind(n: number): string {
  switch (size(String(n))) {
    case 1:
      return "one digit";
    case 2:
      return "two digits";
    default:
      return "more";
  }
}

export async function main(args: string[]): Promise<number> {
  if (next("a") === "a1" && next("b") === "b2") print(`both: calls=${counter.calls}`);
  if (size("xyz") > 5 || next("c") !== "") print(`either: calls=${counter.calls}`);
  print(joined(next("p"), next("q"), next("r")));
  const p = pair("word");
  print(`${p.left} ${p.count} ${p.flag}`);
  const q = pair("ab");
  print(`${q.left} ${q.count} ${q.flag}`);
  const total = size("four") * 2 + size("xy") - 1;
  print(`total ${total}`);
  print(`${kind(7)}, ${kind(42)}, ${kind(1234)}`);
  let out = "";
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      if (j === i) continue;
      out += `${i}${j} `;
    }
    out += "/ ";
  }
  print(out);
  let n = 0;
  out = "";
  do {
    n++;
    for (const word of ["x", "skip", "y"]) {
      if (word === "skip") continue;
      out += `${word}${n}`;
    }
  } while (n < 3);
  print(out);
  let m = 0;
  for (let i = 0; i < 20; i += 3) {
    if (i > 10) break;
    m += i;
  }
  print(`m ${m}`);
  return 0;
}
