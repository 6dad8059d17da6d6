// charAt and s[i]: in range, out of range, negative, and scans forwards and
// backwards over more than one string and past the end (the sh cursor must
// not lose its place).
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const text = "a*?[\\ \n$";
  let out = "";
  for (let i = 0; i < text.length; i++) out += `<${text[i]}>`;
  print(out);
  out = "";
  for (let i = text.length - 1; i >= 0; i--) out += `<${text.charAt(i)}>`;
  print(out);
  print(`[${text.charAt(-1)}] [${text.charAt(100)}] [${"".charAt(0)}]`);
  const other = "xyz";
  let mixed = "";
  for (let i = 0; i < 3; i++) mixed += `${text[i]}${other[i]}${text[7 - i]}`;
  print(mixed);
  const same1 = "abc";
  const same2 = "abc";
  print(`${same1[2]}${same2[0]}${same1[1]}${same2[2]}`);
  let jumps = "";
  const indexes = [5, 0, 7, 3, 3, 1, 6];
  for (const i of indexes) jumps += text.charAt(i) === "\n" ? "NL" : text.charAt(i);
  print(jumps);
  const abc = "abc";
  let past = "";
  for (let i = 0; i < 6; i++) past += `<${abc.charAt(i)}>`;
  past += abc.charAt(2) + abc.charAt(0) + abc.charAt(1) + abc.charAt(2) + abc.charAt(3);
  print(past);
  return 0;
}
