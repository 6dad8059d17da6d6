// The std seam: every primitive a portable program may call. Portable code
// imports these from "@solstice/std". Under Node the implementations below
// run; the sh compiler maps each name to a prelude function of the same
// meaning (src/compiler/std-table.ts, templates/prelude/*.sh).
export { env, exit, hasEnv, print, printErr, write, writeErr } from "./node-io";
export { isDirectory, isExecutable, isFile, isReadable, isSymlink, isWritable, makeDirectory, pathExists, readFile, readLines, realPath, writeFile } from "./node-fs";
export { asciiPrefix, byteAt0, charFromByte, hasControlBytes, isDecimalInteger, toInteger } from "./node-text";
export { readClock, sleepSeconds, stderrIsTerminal, type Clock } from "./node-time";
export { runCapture, runStreaming, type CommandResult, type CommandSpec, type JobEnding, type StreamLimits } from "./node-process";
export { processGroupProblem, stopSignal, watchStopSignals } from "./node-stop";
export { maskLine } from "./node-mask";
export { shellProblem } from "./node-shell";
export { streamContext } from "./node-stream";
