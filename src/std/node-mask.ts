// The masker's step for one line the runner prints: every occurrence of a
// value in `masks` replaced by *** (overlapping ones as one). The job's
// output streams through the same masker (node-masker.ts); the sh side is
// templates/prelude/mask.sh. Also the set of values to mask, built in bulk.
import { encodedForms, MIN_MASK_LENGTH } from "../runner/mask-forms";
import { MaskSet, MaskStream } from "./node-masker";

// The last list seen, and its compiled set: the runner masks many lines with one list.
let cachedList: string[] | undefined;
let cachedKey = "";
let cachedSet = new MaskSet([]);

export function maskLine(line: string, masks: string[]): string {
  if (masks.length === 0 || line === "") return line;
  const key = masks.join("\n");
  if (masks !== cachedList || key !== cachedKey) {
    cachedList = masks;
    cachedKey = key;
    cachedSet = new MaskSet(masks);
  }
  return new MaskStream(cachedSet).all(line);
}

/**
 * Every value to mask for the secrets `values` (secretMasks of each, in
 * order), without repeats: one call for a whole list, which the sh side
 * builds in one awk (templates/prelude/mask.sh) where a loop per value and
 * per character would take minutes for a large multi-line secret. Sets,
 * not secretMasks' list lookups: a 500 KB secret has some 40,000 masks.
 */
export function secretMasksOf(values: string[]): string[] {
  const all = new Set<string>();
  for (const value of values) {
    const parts = value.includes("\n") ? [value, ...value.split("\n")] : [value];
    // secretMasks' own list: a part already in it is skipped with its forms.
    const mine = new Set<string>();
    for (const part of parts) {
      if (part.length < MIN_MASK_LENGTH || mine.has(part)) continue;
      mine.add(part);
      all.add(part);
      for (const form of encodedForms(part)) {
        if (mine.has(form)) continue;
        mine.add(form);
        all.add(form);
      }
    }
  }
  return [...all];
}

/**
 * `masks` (longest first) with `values` added: no empty value, no repeat,
 * longest first, and among values of one length the order they came in
 * (masks first), so a secret inside another never splits it and the list
 * is the same on every backend.
 */
export function withMasks(masks: string[], values: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of [...masks, ...values]) {
    if (value === "" || seen.has(value)) continue;
    seen.add(value);
    kept.push(value);
  }
  // Array.prototype.sort is stable.
  return kept.sort((a, b) => b.length - a.length);
}
