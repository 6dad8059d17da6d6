// Scanning a line a byte at a time with s[i] and charAt, forwards and
// backwards, the way a small parser does: on a few hundred bytes this must
// stay fast on every shell (the sh side keeps a cursor into the string).
import { print } from "@solstice/std";

function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " ") inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

function lastWord(text: string): string {
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === " ") end--;
  let start = end;
  while (start > 0 && text.charAt(start - 1) !== " ") start--;
  return text.slice(start, end);
}

function quoted(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) break;
      out.push(text.slice(i + 1, close));
      i = close + 1;
    } else i++;
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  let line = "";
  for (let i = 0; i < 40; i++) line += `word${i} "q${i}" `;
  print(`${line.length} bytes`);
  print(`${countWords(line)} words, last ${lastWord(line)}`);
  const q = quoted(line);
  print(`${q.length} quoted, ${q[0]} .. ${q[q.length - 1]}`);
  return 0;
}
