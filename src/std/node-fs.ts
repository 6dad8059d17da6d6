// Node side of the std's file primitives.
import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { bytesToPortable, portableToBytes, toNodeString } from "./bytes";

/** The path's status, or undefined when there is none to read (missing, ENOTDIR, EACCES, …). */
function stat(path: string) {
  try {
    return statSync(toNodeString(path), { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Something is at the path: a file, a directory, or a symbolic link, dangling or not. */
export function pathExists(path: string): boolean {
  return path !== "" && (stat(path) !== undefined || isSymlink(path));
}

export function isFile(path: string): boolean {
  return path !== "" && stat(path)?.isFile() === true;
}

export function isDirectory(path: string): boolean {
  return path !== "" && stat(path)?.isDirectory() === true;
}

function hasAccess(path: string, mode: number): boolean {
  if (path === "") return false;
  try {
    accessSync(toNodeString(path), mode);
    return true;
  } catch {
    return false;
  }
}

export function isReadable(path: string): boolean {
  return hasAccess(path, constants.R_OK);
}

export function isExecutable(path: string): boolean {
  return isFile(path) && hasAccess(path, constants.X_OK);
}

/** The whole file, byte for byte. The caller checks isReadable first. */
export function readFile(path: string): string {
  return bytesToPortable(readFileSync(toNodeString(path)));
}

/**
 * The file's first line, without its newline, up to the first 4096 bytes
 * (what a #! line can be, and more); "" when it cannot be read.
 */
export function readFirstLine(path: string): string {
  const buffer = Buffer.alloc(4096);
  let length = 0;
  try {
    const fd = openSync(toNodeString(path), "r");
    try {
      length = readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
  const bytes = buffer.subarray(0, length);
  const end = bytes.indexOf(10);
  return bytesToPortable(end < 0 ? bytes : bytes.subarray(0, end));
}

/** The file's lines without their newlines; a final newline ends the last line. */
export function readLines(path: string): string[] {
  const text = readFile(path);
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** Whether the file holds a NUL byte; false when it cannot be read (its reader says why). Read in pieces: a large file is not held whole. */
export function hasNulByte(path: string): boolean {
  if (path === "") return false;
  const piece = Buffer.alloc(65536);
  try {
    const fd = openSync(toNodeString(path), "r");
    try {
      for (let length = readSync(fd, piece); length > 0; length = readSync(fd, piece)) {
        if (piece.subarray(0, length).includes(0)) return true;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return false;
}

/** mkdir -p; true when the directory exists afterwards. */
export function makeDirectory(path: string): boolean {
  if (path === "") return false;
  try {
    mkdirSync(toNodeString(path), { recursive: true });
  } catch {
    return false;
  }
  return isDirectory(path);
}

export function isWritable(path: string): boolean {
  return hasAccess(path, constants.W_OK);
}

/** Write the whole file (bytes as they are); false when it cannot be written. */
export function writeFile(path: string, text: string): boolean {
  try {
    writeFileSync(toNodeString(path), portableToBytes(text));
    return true;
  } catch {
    return false;
  }
}

/** A symbolic link, dangling or not. */
export function isSymlink(path: string): boolean {
  if (path === "") return false;
  try {
    return lstatSync(toNodeString(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The absolute path with every symbolic link resolved (realpath(3)); "" when it does not resolve. */
export function realPath(path: string): string {
  if (path === "") return "";
  try {
    return bytesToPortable(realpathSync(toNodeString(path), { encoding: "buffer" }));
  } catch {
    return "";
  }
}
