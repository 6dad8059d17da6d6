// The std seam: every primitive a portable program may call. Portable code
// imports these from "@solstice/std". Under Node the implementations below
// run; the sh compiler maps each name to a prelude function of the same
// meaning: NAME in src/std/node-X.ts is std_NAME (in snake case) in
// templates/prelude/X.sh (src/compiler/std-table.ts; test/std-seam.test.ts).
export { exit, print, printErr, printChecked, write, writeErr } from "./node-io";
export { env, hasEnv } from "./node-env";
export {
  hasNulByte,
  isDirectory,
  isExecutable,
  isFile,
  isReadable,
  isWritable,
  makeDirectory,
  pathExists,
  readFile,
  readFirstLine,
  readLines,
  realPath,
  isSymlink,
  writeFile,
} from "./node-fs";
export { allBytesIn, asciiPrefix, byteAt0, charFromByte, dropPrefix, hasControlBytes, utf8Lossy } from "./node-bytes";
export { isDecimalInteger, toInteger } from "./node-number";
export { readClock, sleepSeconds, stderrIsTerminal, type Clock } from "./node-time";
export { runCapture, runStreaming, useScratchBase, type CommandResult, type CommandSpec, type JobEnding, type StreamLimits } from "./node-process";
export { processGroupProblem, stopSignal, watchStopSignals } from "./node-stop";
export { firstOccurrences } from "./node-lines";
export { yamlFields, type YamlRead, type YamlReadMap, type YamlReadPair } from "./node-yaml";
export { maskLine, secretMasksOf, withMasks } from "./node-mask";
export { shellProblem } from "./node-shell";
export { streamContext } from "./node-stream";
