// `solstice-runner cloud-init`: the cloud-config user-data that starts the
// runner in a fresh guest (docs/deploy.md). Host-side only; the runner never
// imports it. The skeleton and the launcher are templates/cloud-init/; this
// file adds the data to them as write_files entries (base64, so no byte of a
// job, a secret or a setting can change the document's structure), and the
// launcher reads those files: no data ever reaches the runcmd.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseDocument, Scalar, YAMLSeq } from "yaml";
import { compileFile, PACKAGE_ROOT } from "../compiler/compile";
import { readTargets } from "../compiler/targets";

/** What the guest's /usr/local/bin/solstice-runner is when nothing is downloaded. */
export type EmbeddedRunner = "sh" | "node" | "none";

export interface CloudInitOptions {
  jobFile: string;
  secretsFile?: string | undefined;
  embed: EmbeddedRunner;
  /** A Cross.toml target, for `embed: "sh"`. */
  target: string;
  /** The target's compact sh build instead of the plain one. */
  compact: boolean;
  /** Embed this file instead of the build `embed` names. */
  runnerFile?: string | undefined;
  runnerUrl?: string | undefined;
  runnerSha256?: string | undefined;
  /** NAME=VALUE pairs added to the runner's environment. */
  env: string[];
  /** Power the guest off once the runner has finished. */
  poweroff: boolean;
}

/** A bad option or input: the message names it and the fix. `code` is the exit status. */
export class CloudInitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export const DEFAULT_TARGET = "x86_64-unknown-linux-gnu";
export const NODE_BUNDLE = "dist/solstice-runner-node.cjs";

const TEMPLATES = path.join(PACKAGE_ROOT, "templates/cloud-init");
const EX_USAGE = 64;
const EX_NOINPUT = 66;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// One line of printable ASCII: the launcher reads the first line of the file.
const URL_PATTERN = /^https?:\/\/[\x21-\x7e]+$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;

function readInput(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CloudInitError(`cloud-init: cannot read the ${what} ${file} (${code}); give an existing, readable file`, EX_NOINPUT);
  }
}

/** The guest's runner to embed, or undefined for none. */
function embeddedRunner(opts: CloudInitOptions): Buffer | undefined {
  if (opts.runnerFile !== undefined) return readInput(opts.runnerFile, "runner");
  if (opts.embed === "none") return undefined;
  if (opts.embed === "node") {
    const bundle = path.join(PACKAGE_ROOT, NODE_BUNDLE);
    if (!existsSync(bundle)) throw new CloudInitError(`cloud-init: --embed node needs the Node bundle ${bundle}; run make bundle first`, EX_NOINPUT);
    return readInput(bundle, "runner");
  }
  const targets = readTargets(path.join(PACKAGE_ROOT, "Cross.toml"));
  const target = targets.find((t) => t.name === opts.target);
  if (!target) {
    throw new CloudInitError(`cloud-init: --target ${opts.target} is not a target of Cross.toml; use one of: ${targets.map((t) => t.name).join(", ")}`, EX_USAGE);
  }
  if (!opts.compact) return readInput(path.join(PACKAGE_ROOT, "generated", opts.target, "solstice-runner"), "runner");
  // The compact build is made on demand (compile --compact), never committed.
  const main = path.join(PACKAGE_ROOT, "src/runner/main.ts");
  return Buffer.from(compileFile(main, { sourceLabel: "src/runner/main.ts", target, compact: true }), "latin1");
}

function checkDownload(opts: CloudInitOptions): void {
  const { runnerUrl: url, runnerSha256: sha } = opts;
  if (url === undefined && sha === undefined) return;
  if (url === undefined) throw new CloudInitError("cloud-init: --runner-sha256 without --runner-url; give both, or neither", EX_USAGE);
  if (!URL_PATTERN.test(url)) {
    throw new CloudInitError(
      `cloud-init: --runner-url ${JSON.stringify(url)} is not an http:// or https:// URL of printable characters without spaces; percent-encode what it needs`,
      EX_USAGE,
    );
  }
  if (sha === undefined || !SHA256.test(sha)) {
    throw new CloudInitError(
      "cloud-init: --runner-url needs --runner-sha256 with the runner's SHA-256 (64 hex digits, e.g. from sha256sum); a download is never run unchecked",
      EX_USAGE,
    );
  }
}

function checkEnv(pairs: string[]): void {
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !ENV_NAME.test(name)) {
      throw new CloudInitError(`cloud-init: --env ${JSON.stringify(pair)} is not NAME=VALUE with NAME of letters, digits and _ (not starting with a digit)`, EX_USAGE);
    }
    if (/[\n\r\0]/.test(pair))
      throw new CloudInitError(`cloud-init: --env ${name}: the value has a line break or a NUL; the runner's environment takes one line per variable`, EX_USAGE);
  }
}

interface FileEntry {
  path: string;
  content: string;
  encoding?: "b64" | "gz+b64";
  owner: string;
  permissions: string;
}

function dataFile(filePath: string, bytes: Buffer, permissions: string): FileEntry {
  return { path: filePath, encoding: "b64", content: bytes.toString("base64"), owner: "root:root", permissions };
}

/** The cloud-config user-data, as text beginning with `#cloud-config`. */
export function renderUserData(opts: CloudInitOptions): string {
  checkDownload(opts);
  checkEnv(opts.env);
  const runner = embeddedRunner(opts);
  if (runner === undefined && opts.runnerUrl === undefined) {
    throw new CloudInitError("cloud-init: --embed none without --runner-url leaves the guest no runner; embed one or give a URL", EX_USAGE);
  }

  const files: FileEntry[] = [dataFile("/etc/solstice/job.yaml", readInput(opts.jobFile, "job file"), "0600")];
  if (opts.secretsFile !== undefined) files.push(dataFile("/etc/solstice/secrets.yaml", readInput(opts.secretsFile, "secrets file"), "0600"));
  if (opts.env.length > 0) files.push(dataFile("/etc/solstice/runner.env", Buffer.from(opts.env.map((pair) => `${pair}\n`).join("")), "0600"));
  if (opts.runnerUrl !== undefined) {
    files.push(dataFile("/etc/solstice/runner-url", Buffer.from(`${opts.runnerUrl}\n`), "0644"));
    files.push(dataFile("/etc/solstice/runner-sha256", Buffer.from(`${opts.runnerSha256!.toLowerCase()}\n`), "0644"));
  }
  if (runner !== undefined) {
    files.push({
      path: "/usr/local/bin/solstice-runner",
      encoding: "gz+b64",
      content: gzipSync(runner, { level: 9 }).toString("base64"),
      owner: "root:root",
      permissions: "0755",
    });
  }

  const doc = parseDocument(readFileSync(path.join(TEMPLATES, "user-data.yaml"), "utf8"));
  const writeFiles = doc.get("write_files") as YAMLSeq;
  const launcher = doc.createNode(readFileSync(path.join(TEMPLATES, "launch.sh"), "utf8")) as Scalar;
  launcher.type = Scalar.BLOCK_LITERAL; // readable in the user-data as the shell script it is
  doc.setIn(["write_files", 0, "content"], launcher);
  for (const entry of files) writeFiles.add(doc.createNode(entry));
  if (opts.poweroff) {
    doc.set("power_state", doc.createNode({ mode: "poweroff", condition: true, message: "solstice-runner finished; powering off" }));
  }
  const text = doc.toString({ lineWidth: 0 });
  // cloud-init reads user-data as cloud-config only when this is its first line.
  return text.startsWith("#cloud-config\n") ? text : `#cloud-config\n${text}`;
}
