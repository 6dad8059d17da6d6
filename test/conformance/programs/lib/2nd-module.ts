// A helper module for imports.ts whose file name starts with a digit and
// holds a dash: its constants' shell names must still be names.
export const ORDINAL = "second";

export function ordinal(n: number): string {
  return n === 2 ? ORDINAL : `#${n}`;
}
