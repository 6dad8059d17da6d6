// A ternary between two record literals has a union of their own types in
// TypeScript ({ b: true, … } | { b: false, … }), and so has one between two
// arrays of them; it is still one record (found by the fuzzer: the compiler
// refused both).
// args: ["a", "b"]
import { print } from "@solstice/std";

interface Rec {
  s: string;
  n: number;
  b: boolean;
  xs: string[];
}

function pick(c: boolean): Rec {
  return c ? { s: "yes", n: 1, b: true, xs: ["y"] } : { b: false, xs: [], n: 0, s: "no" };
}

export async function main(args: string[]): Promise<number> {
  const c = args.length > 0;
  const r: Rec = c ? (args.length > 5 ? { s: "x", n: 2, b: true, xs: args } : { s: "y", n: 3, b: false, xs: [] }) : { n: 4, s: "z", b: true, xs: [] };
  print(`${r.s} ${r.n} ${r.b} ${r.xs.length}`);
  print(`${pick(true).s} ${pick(false).b} ${(c ? { s: "p", n: 5, b: false, xs: ["p"] } : { s: "q", n: 6, b: true, xs: ["q"] }).n}`);
  const rs: Rec[] = c ? [{ s: "a", n: 1, b: true, xs: [] }] : [{ s: "b", n: 2, b: false, xs: [] }, r];
  print(`${rs.length} ${rs[0].s} ${rs[0].b}`);
  return 0;
}
