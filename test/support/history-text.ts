// Deterministic, text-like file contents for the history fixture: source-ish
// lines made of pseudo-words (Zipf-distributed, so they compress like real
// text, not like zeros and not like noise), edited hunk by hunk.

import { prng } from "./random";

export { prng };

/** Mixes two integers into a seed, so each file gets its own independent stream. */
export function subSeed(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

export type Rng = () => number;

export const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "gr", "pl", "qu", "sh", "st", "th", "tr"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
const CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "ck", "st", "x"];

export class Vocabulary {
  readonly words: string[] = [];

  constructor(rng: Rng, size = 3000) {
    const seen = new Set<string>();
    while (this.words.length < size) {
      let w = "";
      for (let s = int(rng, 1, 3); s > 0; s--) w += pick(rng, ONSETS) + pick(rng, VOWELS) + pick(rng, CODAS);
      if (!seen.has(w)) {
        seen.add(w);
        this.words.push(w);
      }
    }
  }

  /** Common words often, rare words rarely, as in real text. */
  word(rng: Rng): string {
    return this.words[Math.floor(this.words.length * rng() ** 2.6)]!;
  }
}

const TYPES = ["u32", "usize", "String", "&str", "bool", "Vec<u8>", "Option<Self>", "Result<(), Error>"];

/** One source-like line. */
export function line(rng: Rng, v: Vocabulary): string {
  const w = () => v.word(rng);
  const indent = "    ".repeat(int(rng, 0, 3));
  switch (int(rng, 0, 9)) {
    case 0:
      return "";
    case 1:
      return `${indent}// ${w()} ${w()} ${w()} ${w()} ${w()} ${w()}`;
    case 2:
      return `${indent}let ${w()}_${w()} = ${w()}(${w()}, ${int(rng, 0, 4096)});`;
    case 3:
      return `${indent}if ${w()}.${w()}() > ${int(rng, 0, 999)} {`;
    case 4:
      return `${indent}}`;
    case 5:
      return `${indent}pub fn ${w()}_${w()}(&self, ${w()}: ${pick(rng, TYPES)}) -> ${pick(rng, TYPES)} {`;
    case 6:
      return `${indent}const ${w().toUpperCase()}_${w().toUpperCase()}: u64 = 0x${Math.floor(rng() * 2 ** 32).toString(16)};`;
    case 7:
      return `${indent}self.${w()}.push(${w()}::${w()}(${w()}.${w()}()));`;
    case 8:
      return `${indent}return Err(Error::${w()}(format!("${w()} ${w()} {}", ${w()})));`;
    default:
      return `${indent}${w()}_${w()}.${w()}(${w()}, ${w()}, &${w()});`;
  }
}

export function lines(rng: Rng, v: Vocabulary, bytes: number): string[] {
  const out: string[] = [];
  for (let n = 0; n < bytes;) {
    const l = line(rng, v);
    out.push(l);
    n += l.length + 1;
  }
  return out;
}

/**
 * Edits `text` in place: a few hunks that together insert about
 * `insertBytes` of new lines and delete about as much, so a file's size
 * wanders around `targetBytes` instead of growing without bound.
 */
export function edit(rng: Rng, v: Vocabulary, text: string[], insertBytes: number, targetBytes: number): void {
  const size = text.reduce((n, l) => n + l.length + 1, 0);
  const hunks = int(rng, 1, 3);
  const deleteBias = size > targetBytes ? 1.4 : 0.6;
  for (let h = 0; h < hunks; h++) {
    const ins = lines(rng, v, (insertBytes / hunks) * (0.5 + rng()));
    const del = Math.min(text.length, Math.round(ins.length * deleteBias * rng() * 2));
    const at = int(rng, 0, Math.max(0, text.length - del));
    text.splice(at, del, ...ins);
  }
}
