// pathExists, isFile, isDirectory, isReadable, isExecutable and hasNulByte
// on files, directories, a dangling symbolic link, missing paths, the empty
// path and names with spaces or a leading dash.
import { hasNulByte, isDirectory, isExecutable, isFile, isReadable, pathExists, print } from "@solstice/std";

function show(path: string): void {
  const marks = [pathExists(path), isFile(path), isDirectory(path), isReadable(path), isExecutable(path), hasNulByte(path)];
  let line = `[${path}]:`;
  for (const m of marks) line += m ? " y" : " n";
  print(line);
}

export async function main(args: string[]): Promise<number> {
  const paths = [
    "test/conformance/data/mixed.txt",
    "test/conformance/data/with space.txt",
    "test/conformance/data",
    "test/conformance/data/",
    "test/conformance/data/missing.txt",
    "test/conformance/data/dangling-link",
    "test/conformance/data/nul.txt",
    "test/conformance/data/only-nul.txt",
    "test/conformance/data/bytes.txt",
    "test/conformance/data/empty.txt",
    "",
    "-n",
    "-e",
    "!",
    "(",
    "=",
    "*",
    "bin/solstice-runner.mjs",
  ];
  for (const p of paths) show(p);
  return 0;
}
