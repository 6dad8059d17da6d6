// Cross.toml is read strictly (src/compiler/targets.ts): the project's own
// file gives the targets it says, and every way of getting one wrong is an
// error naming the file, the target and the key.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseTargets, readTargets } from "../src/compiler/targets";

const CROSS_TOML = fileURLToPath(new URL("../Cross.toml", import.meta.url));

const GOOD = `
[target.x86_64-unknown-illumos]
description = "illumos guests"
shell = "/bin/sh"
awk = "/usr/bin/awk"
path = ["/usr/xpg4/bin", "/usr/gnu/bin"]
stand-in-shells = ["ksh93"]
stand-in-awks = ["original-awk"]
`;

describe("Cross.toml", () => {
  it("the project's file names the Linux (glibc and musl) and illumos targets, illumos with xpg4 and gnu first on PATH", () => {
    const targets = readTargets(CROSS_TOML);
    expect(targets.map((t) => t.name)).toEqual(["x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl", "x86_64-unknown-illumos"]);
    const illumos = targets.find((t) => t.name === "x86_64-unknown-illumos")!;
    expect(illumos).toMatchObject({ shell: "/bin/sh", awk: "/usr/bin/awk", path: ["/usr/xpg4/bin", "/usr/gnu/bin"], standInShells: ["ksh93"] });
  });

  it("a complete target reads as written", () => {
    expect(parseTargets(GOOD, "x.toml")).toEqual([
      {
        name: "x86_64-unknown-illumos",
        description: "illumos guests",
        shell: "/bin/sh",
        awk: "/usr/bin/awk",
        path: ["/usr/xpg4/bin", "/usr/gnu/bin"],
        standInShells: ["ksh93"],
        standInAwks: ["original-awk"],
      },
    ]);
  });

  const bad: [string, string, RegExp][] = [
    [
      "an unknown key",
      GOOD.replace('awk = "/usr/bin/awk"', 'awk = "/usr/bin/awk"\nsheel = "/bin/ksh"'),
      /^x\.toml: \[target\.x86_64-unknown-illumos\]: unknown key 'sheel': the keys are description, shell, awk, /,
    ],
    ["a missing key", GOOD.replace('awk = "/usr/bin/awk"\n', ""), /^x\.toml: \[target\.x86_64-unknown-illumos\]: the key 'awk' is missing: add awk = "awk"/],
    ["a relative shell", GOOD.replace('shell = "/bin/sh"', 'shell = "sh"'), /^x\.toml: \[target\.x86_64-unknown-illumos\]: 'shell' must be an absolute path/],
    ["a PATH entry with a colon", GOOD.replace('"/usr/gnu/bin"', '"/usr/gnu/bin:/opt"'), /'path' has "\/usr\/gnu\/bin:\/opt": each must be an absolute path/],
    ["a relative PATH entry (the current directory)", GOOD.replace('"/usr/gnu/bin"', '"."'), /'path' has "\.": each must be an absolute path/],
    ["an awk with arguments", GOOD.replace('awk = "/usr/bin/awk"', 'awk = "awk -f"'), /'awk' must be a command name looked up on PATH \(awk\) or an absolute path/],
    ["no stand-in shell", GOOD.replace('["ksh93"]', "[]"), /'stand-in-shells' must name at least one/],
    ["a number where a string belongs", GOOD.replace('description = "illumos guests"', "description = 7"), /'description' must be a non-empty string/],
    ["a target name that is not a triple", GOOD.replace("x86_64-unknown-illumos", "illumos"), /^x\.toml: \[target\.illumos\]: the name must be a target triple/],
    ["a key outside [target.*]", `name = "x"\n${GOOD}`, /^x\.toml: unknown top-level key 'name'/],
    ["no targets", "# nothing\n", /^x\.toml: no targets: add a \[target\.NAME\] table/],
    ["invalid TOML", GOOD.replace("path = [", "path = [[["), /^x\.toml:\d+:\d+: not valid TOML: /],
  ];
  it.each(bad)("refuses %s, naming the file, the target and the key", (_, text, message) => {
    expect(() => parseTargets(text, "x.toml")).toThrow(message);
  });

  it("a file that is not there is named, with the fix", () => {
    expect(() => readTargets("/nonexistent/Cross.toml")).toThrow(/^\/nonexistent\/Cross\.toml: cannot be read \(ENOENT\): run from the project's root/);
  });
});
