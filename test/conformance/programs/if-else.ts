// if / else if / else chains, nested ifs and conditions built from calls.
import { print } from "@solstice/std";

function classify(n: number): string {
  if (n < 0) {
    return "negative";
  } else if (n === 0) {
    return "zero";
  } else if (n < 10) {
    if (n % 2 === 0) return "small even";
    else return "small odd";
  } else {
    return "large";
  }
}

function isVowel(c: string): boolean {
  return "aeiou".includes(c);
}

export async function main(args: string[]): Promise<number> {
  const values = [-4, 0, 3, 8, 10, 99];
  for (const v of values) print(`${v}: ${classify(v)}`);
  const word = "shell";
  let vowels = 0;
  for (const c of word) {
    if (isVowel(c)) vowels++;
  }
  print(`vowels in ${word}: ${vowels}`);
  if (word.startsWith("sh")) print("starts with sh");
  if (!word.endsWith("x")) print("does not end with x");
  if (word === "shell") {
  } else {
    print("never");
  }
  if (vowels > 5) print("many");
  else if (vowels > 0) print("some");
  return 0;
}
