// yamlFields(path, mapKeys): a shortcut the parser of the job file's YAML
// subset (src/runner/yaml.ts) may take. The sh side (templates/prelude/
// yaml.sh) reads a simple document with one awk, because the portable
// parser costs hundreds of shell commands a line there. Under Node the
// portable parser already reads a 1 MB job file in a fraction of a second
// (docs/performance.md), so Node always declines: an empty array tells the
// caller to read the lines and parse them itself.
export function yamlFields(path: string, mapKeys: string[]): string[] {
  void path;
  void mapKeys;
  return [];
}
