// Node passes a child's environment as UTF-8 strings: a value whose bytes
// are not UTF-8 would reach the job changed (each bad byte as U+FFFD), and a
// secret changed so is no longer masked. Such values go through /bin/sh
// instead: the child starts as a tiny sh program that sets each from its
// bytes (written as printf octal escapes) and execs the real command. The
// names are checked to be shell names; no value is ever evaluated.
import type { CommandSpec } from "./node-process";

const RAW_PREFIX = "__SOLSTICE_RAW_";
const RAW_NAMES = "__SOLSTICE_RAW_NAMES";
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// $__n is a checked shell name; $__f holds only \NNN escapes (printf's format, never input).
const LAUNCHER =
  `for __n in $${RAW_NAMES}; do ` +
  `eval "__f=\\\${${RAW_PREFIX}$__n}"; unset "${RAW_PREFIX}$__n"; ` +
  `__v=$(printf "$__f"; echo x); export "$__n=\${__v%x}"; ` +
  `done; unset ${RAW_NAMES} __n __f __v; exec "$@"`;

function isUtf8(text: string): boolean {
  const bytes = Buffer.from(text, "latin1");
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

function octalEscapes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += `\\${text.charCodeAt(i).toString(8).padStart(3, "0")}`;
  return out;
}

/** The spec to start: itself, or, when a value is not UTF-8, the launcher running it. */
export function passRawBytes(spec: CommandSpec): CommandSpec {
  const raw: string[] = [];
  const env: string[] = [];
  for (const entry of spec.env) {
    const eq = entry.indexOf("=");
    const name = eq > 0 ? entry.slice(0, eq) : entry;
    if (eq > 0 && NAME.test(name) && !isUtf8(entry.slice(eq + 1))) {
      raw.push(name);
      env.push(`${RAW_PREFIX}${name}=${octalEscapes(entry.slice(eq + 1))}`);
    } else {
      env.push(entry);
    }
  }
  if (raw.length === 0) return spec;
  env.push(`${RAW_NAMES}=${raw.join(" ")}`);
  return { argv: ["/bin/sh", "-c", LAUNCHER, "sh", ...spec.argv], cwd: spec.cwd, env: env };
}
