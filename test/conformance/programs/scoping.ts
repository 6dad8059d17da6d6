// Block scoping: shadowed names in nested blocks and loops, a let declared
// without a value and assigned on every path, and a variable declared in
// a loop body (fresh on every pass in JavaScript).
import { print } from "@solstice/std";

function pick(n: number): string {
  let result: string;
  if (n > 0) result = "positive";
  else result = "not positive";
  return result;
}

export async function main(args: string[]): Promise<number> {
  const x = "outer";
  {
    const x = "inner";
    print(x);
  }
  print(x);
  for (let i = 0; i < 2; i++) {
    const x = `loop ${i}`;
    print(x);
  }
  let i = 100;
  for (let i = 0; i < 1; i++) print(`inner i ${i}`);
  print(`outer i ${i}`);
  i++;
  print(pick(1) + " / " + pick(0));
  let total = 0;
  for (const n of [1, 2, 3]) {
    let doubled = n * 2;
    doubled += 1;
    total += doubled;
  }
  print(String(total));
  if (i > 0) {
    const msg = "then";
    print(msg);
  } else {
    const msg = "else";
    print(msg);
  }
  return 0;
}
