// Node side of the std's environment primitives (templates/prelude/env.sh).
import { fromNodeString, toNodeString } from "./bytes";

export function env(name: string): string {
  const value = process.env[toNodeString(name)];
  return value === undefined ? "" : fromNodeString(value);
}

export function hasEnv(name: string): boolean {
  return process.env[toNodeString(name)] !== undefined;
}
