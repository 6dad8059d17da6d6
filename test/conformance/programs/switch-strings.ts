// switch on strings: grouped labels, default in the middle (it is still
// tried last), labels that are glob characters, constants as labels.
import { print } from "@solstice/std";

const SPECIAL = "[x]";

function kind(word: string): string {
  switch (word) {
    case "a":
    case "e":
    case "i":
      return "vowel";
    default:
      return "other";
    case "*":
      return "star";
    case "?":
      return "question";
    case SPECIAL:
      return "special";
    case "":
      return "empty";
    case "b":
      return "bee";
  }
}

function grouped(word: string): string {
  let out = "";
  switch (word) {
    case "x":
    default:
      out = "default or x";
      break;
    case "y":
      out = "y";
      break;
  }
  return out;
}

function defaultFirst(word: string): string {
  switch (word) {
    default:
    case "z":
      return "z or default";
    case "w":
      return "w";
  }
}

export async function main(args: string[]): Promise<number> {
  const words = ["a", "e", "i", "o", "*", "?", "[x]", "x", "", "b", "ab", "-n", "y", "z", "w"];
  for (const w of words) print(`[${w}] ${kind(w)} / ${grouped(w)} / ${defaultFirst(w)}`);
  return 0;
}
