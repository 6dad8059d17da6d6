// A small realistic parser: key = value lines from a data file, with
// comments, blank lines, quoted values, sections and repeated keys,
// collected into records and printed back in order.
// exit: 8
import { print, readLines } from "@solstice/std";

interface Setting {
  section: string;
  key: string;
  value: string;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1);
  return value;
}

function parse(lines: string[]): Setting[] {
  const out: Setting[] = [];
  let section = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("[") && line.endsWith("]")) {
      section = line.slice(1, -1).trim();
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) {
      out.push({ section, key: line, value: "" });
      continue;
    }
    out.push({ section, key: line.slice(0, eq).trim(), value: unquote(line.slice(eq + 1).trim()) });
  }
  return out;
}

function lookup(settings: Setting[], section: string, key: string): string {
  let found = "(unset)";
  for (const s of settings) {
    if (s.section === section && s.key === key) found = s.value;
  }
  return found;
}

export async function main(args: string[]): Promise<number> {
  const settings = parse(readLines("test/conformance/data/config.ini"));
  for (const s of settings) print(`${s.section}.${s.key} = [${s.value}]`);
  print(lookup(settings, "", "name"));
  print(lookup(settings, "paths", "glob"));
  print(lookup(settings, "paths", "missing"));
  return settings.length;
}
