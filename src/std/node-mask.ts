// The masker's step for one line the runner prints: every occurrence of a
// value in `masks` replaced by *** (overlapping ones as one). The job's
// output streams through the same masker (node-masker.ts); the sh side is
// templates/prelude/mask.sh.
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
