// Prints the masks of each line of the file named by args[0] (secretMasks,
// one a line), then "--": the sh build's forms compared with Node's.
import { print, readLines } from "@solstice/std";
import { secretMasks } from "../../../src/runner/mask-forms";

export async function main(args: string[]): Promise<number> {
  for (const value of readLines(args[0])) {
    for (const mask of secretMasks(value)) print(mask);
    print("--");
  }
  return 0;
}
