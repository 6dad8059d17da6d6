// Arrays and records live in variables named _h<N>_… (the heap); a
// function called _h1 or _h2, whose locals would be _h1_n, _h2_0, …, must
// not overwrite them (found by the fuzzer: a function _h2 with a parameter n
// changed the length of an array).
// args: ["-n", "*"]
import { print } from "@solstice/std";

interface Rec {
  s: string;
  n: number;
}

function _h1(n: string, s: string): string {
  const x = `${n}/${s}`;
  return x;
}

function _h2(n: number, _0: string): number {
  let _1 = n + 1;
  _1 += _0.length;
  return _1;
}

function _h3_n(): string {
  return "f";
}

export async function main(args: string[]): Promise<number> {
  const first = ["a", "b"];
  const second = [1, 2, 3];
  const r: Rec = { s: "rec", n: 4 };
  print(_h1("changed", "s"));
  print(String(_h2(41, "ab")));
  print(_h3_n());
  print(`${first.length} ${first.join(",")} ${second.length} ${second.join(",")} ${r.s} ${r.n}`);
  print(`${args.length} ${args.join(",")}`);
  return 0;
}
