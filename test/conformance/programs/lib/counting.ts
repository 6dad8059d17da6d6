// A second helper module for imports.ts; it imports from the first one and
// declares its own `describe` and `bracket`.
import { label } from "./text";

export interface Tally {
  name: string;
  count: number;
}

function bracket(n: number): string {
  return `<${n}>`;
}

export function describe(t: Tally): string {
  return `${label(t.name)}${bracket(t.count)}`;
}

export function tally(name: string): Tally {
  return { name, count: 0 };
}
