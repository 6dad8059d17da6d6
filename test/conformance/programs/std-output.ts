// print and write send text exactly: words printf or echo would read as
// options or escapes, no newline from write, empty prints, and stderr
// output that does not mix into stdout.
import { print, printErr, write, writeErr } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("-n");
  print("-e");
  print("-E");
  print("--");
  print("\\c stops echo");
  print("%s %d %% %b");
  print("\\n \\t \\0101");
  print("");
  write("no newline, ");
  write("");
  write("then one\n");
  writeErr("to stderr ");
  printErr("only");
  write("-n");
  write("\n");
  print("trailing newlines\n\n");
  write("end");
  return 0;
}
