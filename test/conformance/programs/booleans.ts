// Boolean variables, negation, && and || as values, comparisons of booleans.
import { print } from "@solstice/std";

function show(label: string, b: boolean): void {
  print(`${label}: ${b ? "yes" : "no"}`);
}

function yes(): boolean {
  return true;
}

export async function main(args: string[]): Promise<number> {
  const t = yes();
  const f = !t;
  show("t", t);
  show("f", f);
  show("!t", !t);
  show("!!f", !!f);
  show("t && f", t && f);
  show("t || f", t || f);
  show("f || f", f || f);
  show("!(t && f)", !(t && f));
  show("t === f", t === f);
  show("t !== f", t !== f);
  show("t === !f", t === !f);
  let flag = false;
  for (let i = 0; i < 3; i++) flag = !flag;
  show("flipped 3 times", flag);
  const a = "a";
  const mixed = 1 < 2 && a !== String(f) && !(3 > 4);
  show("mixed", mixed);
  const bools = [t, f, !f];
  let text = "";
  for (const b of bools) text += b ? "1" : "0";
  print(text);
  const both: boolean = t && (f || !f);
  print(String(both));
  return 0;
}
