// isDecimalInteger and toInteger: signs, leading zeros (never octal),
// spaces, empty text and other near misses.
import { isDecimalInteger, print, toInteger } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const texts = ["0", "7", "-7", "42", "007", "-007", "-0", "000", "2147483647", "-2147483647", "08", "09", "", "-", "+5", " 5", "5 ", "1e3", "0x10", "1.5", "--1", "12a", "a12"];
  for (const t of texts) print(`[${t}] ${isDecimalInteger(t)} ${toInteger(t)} ${Math.trunc(toInteger(t) / 2) - 1}`);
  return 0;
}
