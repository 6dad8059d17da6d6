// yamlFields(path, mapKeys): a shortcut the parser of the job file's YAML
// subset (src/runner/yaml.ts) may take. The sh side (templates/prelude/
// yaml.sh) reads a simple document with one awk, because the portable
// parser costs hundreds of shell commands a line there. Under Node the
// portable parser already reads a 1 MB job file in a fraction of a second
// (docs/performance.md), so Node always declines: `taken` false tells the
// caller to read the lines and parse them itself.

/** One `key: value` of the document. */
export interface YamlReadPair {
  key: string;
  value: string;
  line: number;
}

/** A top-level key holding a nested mapping. */
export interface YamlReadMap {
  key: string;
  line: number;
  pairs: YamlReadPair[];
  /** The index of the first pair whose key is not [A-Za-z_][A-Za-z0-9_]*; -1 when none. */
  firstNonName: number;
  /** The bytes of the longest pair as key=value; 0 for none. */
  longestPair: number;
}

export interface YamlRead {
  /** Whether the document was read here; when false the rest is empty. */
  taken: boolean;
  /** Top-level keys with scalar values, in file order. */
  entries: YamlReadPair[];
  /** Top-level keys holding a nested mapping, in file order. */
  maps: YamlReadMap[];
}

export function yamlFields(path: string, mapKeys: string[]): YamlRead {
  void path;
  void mapKeys;
  return { taken: false, entries: [], maps: [] };
}
