// Masks a step added with ::add-mask:: lines (contract section 5) join the
// runner's set once the step ends: its own log lines and every later step
// mask them, with their encoded forms, as they mask configured secrets.
import type { JobEnding } from "@solstice/std";
import { secretMasksOf } from "@solstice/std";
import { addMasks, logWarn, num, type Logger } from "./log";
import { MIN_MASK_LENGTH } from "./mask-forms";

export function takeAddedMasks(log: Logger, ending: JobEnding): void {
  addMasks(log, secretMasksOf(ending.addedMasks));
  if (ending.refusedMasks > 0) {
    logWarn(log, `::add-mask:: values shorter than ${MIN_MASK_LENGTH} characters (or longer than 64 KiB) are not masked`, [num("refused", ending.refusedMasks)]);
  }
}
