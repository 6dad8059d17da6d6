// A helper module for imports.ts: exported functions and constants, a
// private helper, and a name that clashes with a function in another module.
export const SEPARATOR = " | ";
export const WORDS = ["alpha", "beta"];

function bracket(s: string): string {
  return `[${s}]`;
}

export function label(s: string): string {
  return bracket(s);
}

export function describe(items: string[]): string {
  const out: string[] = [];
  for (const item of items) out.push(label(item));
  return out.join(SEPARATOR);
}

export async function slowUpper(s: string): Promise<string> {
  return s === "a" ? "A" : s;
}
