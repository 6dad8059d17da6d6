// For each file named in the list args[0] (a path a line; a path ending
// ".secrets.yaml" is read as the secrets file, any other as the job file),
// prints whether the std's one-pass reading took it ("fast") or declined
// ("slow"), and whether parseYamlFile's document equals the line parser's
// ("same", or "DIFF" and both documents).
import { print, readLines, yamlFields } from "@solstice/std";
import { parseYaml, parseYamlFile, type YamlDoc } from "../../../src/runner/yaml";

function dump(doc: YamlDoc): string {
  let out = `ok=${String(doc.ok)} line=${String(doc.errorLine)} error=${doc.error}\n`;
  for (const e of doc.entries) out += `entry ${e.key} ${String(e.line)} [${e.value}]\n`;
  for (const m of doc.maps) {
    out += `map ${m.key} ${String(m.line)} firstNonName=${String(m.firstNonName)} longestPair=${String(m.longestPair)}\n`;
    for (const p of m.pairs) out += `  pair ${p.key} ${String(p.line)} [${p.value}]\n`;
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  for (const path of readLines(args[0])) {
    const mapKeys = path.endsWith(".secrets.yaml") ? [] : ["env", "secrets"];
    const taken = yamlFields(path, mapKeys).taken;
    const fast = dump(parseYamlFile(path, mapKeys));
    const slow = dump(parseYaml(readLines(path), mapKeys));
    const verdict = fast === slow ? "same" : `DIFF\n${fast}--\n${slow}`;
    print(`${path} ${taken ? "fast" : "slow"} ${verdict}`);
  }
  return 0;
}
