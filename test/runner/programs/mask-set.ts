// The mask set built in bulk (secretMasksOf, withMasks) for the secrets in
// the file args[0], separated by \x1f (which no value holds): the masks of
// all of them, then the runner's list after adding the first args[1]
// secrets' masks and then the others', then lists built from nothing. Each
// value is printed with \x1f after it, and a line ends each list.
import { print, readFile, secretMasksOf, toInteger, withMasks, write } from "@solstice/std";

// A write per 32 KB or so, not per value: mksh and posh have no printf
// builtin (a process per write), and its arguments stop at 128 KB.
function printList(values: string[]): void {
  let chunk = "";
  for (const value of values) {
    chunk += `${value}\x1f`;
    if (chunk.length > 32768) {
      write(chunk);
      chunk = "";
    }
  }
  print(chunk);
}

export async function main(args: string[]): Promise<number> {
  const secrets = readFile(args[0]).split("\x1f");
  const firstCount = toInteger(args[1]);
  const first: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < secrets.length; i++) {
    if (i < firstCount) first.push(secrets[i]);
    else rest.push(secrets[i]);
  }
  printList(secretMasksOf(secrets));
  const masks = withMasks(withMasks([], secretMasksOf(first)), secretMasksOf(rest));
  printList(masks);
  printList(withMasks(masks, ["", "abc", "short", secrets[0]]));
  // Empty lists (a job without secrets: the sh build starts no awk for them).
  printList(secretMasksOf([]));
  printList(withMasks([], []));
  printList(withMasks(secretMasksOf([""]), ["", "abc"]));
  return 0;
}
