// The std seam is one place per primitive: every function src/std/index.ts
// exports has its sh function (std_NAME in snake case, with the same result
// convention the compiler derives), in the prelude file named like its Node
// module (src/std/node-X.ts ↔ templates/prelude/X.sh), and every std_
// function of the prelude has its export. The prelude's other functions are
// its own helpers and the compiler's intrinsics: __ names only.
import path from "node:path";
import { Node, Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT, STD_ENTRY } from "../src/compiler/compile";
import { loadPrelude } from "../src/compiler/prelude";
import { stdShellName } from "../src/compiler/std-table";

const prelude = loadPrelude(path.join(PACKAGE_ROOT, "templates/prelude"));
const project = new Project({ tsConfigFilePath: path.join(PACKAGE_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
const index = project.addSourceFileAtPath(STD_ENTRY);
project.resolveSourceFileDependencies();

/** Each exported function: its name and the Node module that defines it. */
const exported = [...index.getExportedDeclarations()].flatMap(([name, decls]) =>
  decls.filter((d) => Node.isFunctionDeclaration(d)).map((d) => ({ name, module: d.getSourceFile().getBaseNameWithoutExtension() })),
);

describe("the std seam", () => {
  it("exports functions from node-X.ts modules", () => {
    expect(exported.length).toBeGreaterThan(20);
    for (const { name, module } of exported) expect(module, name).toMatch(/^node-[a-z]+$/);
  });

  it.each(exported.map((e) => [e.name, e.module]))("%s (%s.ts) has its sh function in the paired prelude file", (name, module) => {
    const fn = prelude.functions.get(stdShellName(name));
    expect(fn, `templates/prelude has no ${stdShellName(name)}: add it (templates/prelude/README.md)`).toBeDefined();
    expect(fn!.file).toBe(`${module.replace(/^node-/, "")}.sh`);
  });

  it("has an export for every std_ function of the prelude, and only __ helpers besides", () => {
    const shellNames = new Set(exported.map((e) => stdShellName(e.name)));
    for (const name of prelude.functions.keys()) {
      if (name.startsWith("std_")) expect(shellNames.has(name), `${name} has no export in src/std/index.ts`).toBe(true);
      else expect(name, `a prelude function is std_NAME or a __ helper`).toMatch(/^__[a-z]/);
    }
  });
});
