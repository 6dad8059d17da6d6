// pathExists, isFile, isDirectory, isReadable and isExecutable on files,
// directories, missing paths, the empty path and names with spaces or a
// leading dash.
import { isDirectory, isExecutable, isFile, isReadable, pathExists, print } from "@solstice/std";

function show(path: string): void {
  const marks = [pathExists(path), isFile(path), isDirectory(path), isReadable(path), isExecutable(path)];
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
