// Small, exactly specified git repositories for tests, and bare copies of
// them for the fixture servers to serve.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Bytes, dataCmd, fastImportSync, identLine, quotePath } from "./fast-import";
import { FIXTURE_AUTHOR, FIXTURE_EPOCH, gitSync } from "./git-env";

/** File content; `null` deletes the path in that commit. */
export type FileEntry = Bytes | { content: Bytes; executable?: boolean } | { symlink: string } | null;
/** Path (slash-separated, relative) → entry. A commit's files are changes over its parent's tree. */
export type FileTree = Record<string, FileEntry>;

export interface CommitSpec {
  files?: FileTree;
  message?: string;
  /** Branch to commit on; default the repository's default branch. */
  branch?: string;
  /**
   * Where a branch starts: a label or branch name. Default: the default
   * branch's current tip (or, before it has any commit, the previous commit).
   */
  from?: string;
  /** A label or branch name to merge: it becomes the second parent. */
  merge?: string;
  /** Name under which the commit's SHA appears in `MadeRepo.commits`. */
  label?: string;
  /** An annotated tag on this commit. */
  tag?: string;
}

export interface SubmoduleSpec {
  /** Where the submodule sits in the superproject. */
  path: string;
  /** Directory name of the submodule's (bare) repository, beside the superproject; default `<basename(path)>.git`. */
  name?: string;
  repo: RepoSpec;
  /** Label of the submodule commit to pin; default its default branch's tip. */
  at?: string;
  /**
   * `relative` (default): `../<name>`, which resolves beside wherever the
   * superproject is fetched from — publish both into one server directory.
   * `file`: an absolute file:// URL to the local repository (git >= 2.38.1
   * needs `protocol.file.allow=always` to fetch it as a submodule).
   */
  url?: "relative" | "file";
}

export interface RepoSpec {
  /** Directory name inside the temporary root; default `repo`. */
  name?: string;
  /** Default `main`. */
  defaultBranch?: string;
  /** No working tree. Submodule repositories are always bare. */
  bare?: boolean;
  /** Shorthand for `commits: [{ files }]`. */
  files?: FileTree;
  commits?: CommitSpec[];
  /** Added in the first commit, so every commit carries them. */
  submodules?: SubmoduleSpec[];
}

export interface MadeSubmodule {
  path: string;
  name: string;
  /** As written in .gitmodules. */
  url: string;
  /** The pinned commit (the gitlink). */
  sha: string;
  repo: MadeRepo;
}

export interface MadeRepo {
  /** The repository (working tree, or the git dir when bare). */
  path: string;
  /** `file://` URL of `path`. */
  fileUrl: string;
  /** Temporary directory holding it and its submodule repositories. */
  root: string;
  name: string;
  defaultBranch: string;
  /** Tip of the default branch. */
  head: string;
  /** SHAs in the order of `spec.commits`. */
  shas: string[];
  /** Label → SHA. */
  commits: Record<string, string>;
  /** Branch → tip SHA. */
  branches: Record<string, string>;
  /** Tag → the tagged commit's SHA. */
  tags: Record<string, string>;
  submodules: MadeSubmodule[];
  /** Removes `root`. Idempotent; a no-op on submodule repositories (their root is the superproject's). */
  cleanup(): void;
}

/** A fresh directory under the system temp dir; unique per call, so parallel test files never collide. */
export function makeTempDir(prefix = "tmp"): string {
  return mkdtempSync(join(tmpdir(), `solstice-${prefix}-`));
}

/**
 * Creates a repository from `spec` in a new temp dir. Same spec, same SHAs
 * (except when a submodule uses a file:// URL, which names the temp dir).
 */
export function makeRepo(spec: RepoSpec = {}): MadeRepo {
  const root = makeTempDir("repo");
  try {
    const repo = buildRepo(root, spec.name ?? "repo", spec, spec.bare ?? false);
    repo.cleanup = () => rmSync(root, { recursive: true, force: true });
    return repo;
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

function buildRepo(root: string, name: string, spec: RepoSpec, bare: boolean): MadeRepo {
  const path = join(root, name);
  if (existsSync(path)) throw new Error(`two fixture repositories named ${name}: give submodules distinct names`);
  const defaultBranch = spec.defaultBranch ?? "main";
  const commits = spec.commits ?? [{ files: spec.files ?? {} }];
  if (spec.commits && spec.files) throw new Error("give either files or commits, not both");
  if (commits.length === 0) throw new Error("a fixture repository needs at least one commit");

  // Submodules first: their pinned SHAs go into our first commit.
  const submodules = (spec.submodules ?? []).map((s): MadeSubmodule => {
    const subName = s.name ?? `${basename(s.path)}.git`;
    const repo = buildRepo(root, subName, s.repo, true);
    const sha = s.at === undefined ? repo.head : repo.commits[s.at];
    if (!sha) throw new Error(`submodule ${s.path}: no commit labelled ${s.at}`);
    const url = (s.url ?? "relative") === "relative" ? `../${subName}` : repo.fileUrl;
    return { path: s.path, name: subName, url, sha, repo };
  });

  gitSync(["init", "-q", ...(bare ? ["--bare"] : []), "-b", defaultBranch, path]);
  const gitDir = bare ? path : join(path, ".git");

  const chunks: Buffer[] = [];
  const emit = (s: string | Buffer) => chunks.push(typeof s === "string" ? Buffer.from(s) : s);
  const labels = new Map<string, number>();
  const tips = new Map<string, number>();
  const tagMarks = new Map<string, number>();
  const resolve = (ref: string, what: string): number => {
    const mark = labels.get(ref) ?? tips.get(ref);
    if (mark === undefined) throw new Error(`${what} ${JSON.stringify(ref)} is neither an earlier label nor a branch`);
    return mark;
  };

  commits.forEach((c, i) => {
    const mark = i + 1;
    const branch = c.branch ?? defaultBranch;
    const epoch = FIXTURE_EPOCH + mark * 60;
    emit(`commit refs/heads/${branch}\nmark :${mark}\n`);
    emit(identLine("author", FIXTURE_AUTHOR.name, FIXTURE_AUTHOR.email, epoch));
    emit(identLine("committer", FIXTURE_AUTHOR.name, FIXTURE_AUTHOR.email, epoch));
    const message = c.message ?? c.label ?? `commit ${mark}`;
    emit(dataCmd(message.endsWith("\n") ? message : `${message}\n`));
    let from: number | undefined;
    if (c.from !== undefined) from = resolve(c.from, "from");
    else if (!tips.has(branch) && i > 0) from = tips.get(defaultBranch) ?? i;
    if (from !== undefined) emit(`from :${from}\n`);
    if (c.merge !== undefined) emit(`merge :${resolve(c.merge, "merge")}\n`);
    if (i === 0 && submodules.length > 0) {
      const gitmodules = submodules.map((s) => `[submodule ${JSON.stringify(s.path)}]\n\tpath = ${s.path}\n\turl = ${s.url}\n`).join("");
      emit(`M 100644 inline ".gitmodules"\n`);
      emit(dataCmd(gitmodules));
      for (const s of submodules) emit(`M 160000 ${s.sha} ${quotePath(s.path)}\n`);
    }
    for (const [p, entry] of Object.entries(c.files ?? {})) emitFile(emit, p, entry);
    emit("\n");
    tips.set(branch, mark);
    if (c.label !== undefined) {
      if (labels.has(c.label)) throw new Error(`label ${c.label} used twice`);
      labels.set(c.label, mark);
    }
    if (c.tag !== undefined) {
      emit(`tag ${c.tag}\nfrom :${mark}\n`);
      emit(identLine("tagger", FIXTURE_AUTHOR.name, FIXTURE_AUTHOR.email, epoch));
      emit(dataCmd(`tag ${c.tag}\n`));
      tagMarks.set(c.tag, mark);
    }
  });
  emit("done\n");

  const marks = fastImportSync(gitDir, Buffer.concat(chunks));
  const sha = (mark: number) => marks.get(mark)!;
  const head = tips.has(defaultBranch) ? sha(tips.get(defaultBranch)!) : undefined;
  if (!head) throw new Error(`no commit on the default branch ${defaultBranch}`);
  if (!bare) gitSync(["reset", "-q", "--hard"], { cwd: path });

  const mapMarks = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, sha(v)]));
  return {
    path,
    fileUrl: pathToFileURL(path).href,
    root,
    name,
    defaultBranch,
    head,
    shas: commits.map((_, i) => sha(i + 1)),
    commits: mapMarks(labels),
    branches: mapMarks(tips),
    tags: mapMarks(tagMarks),
    submodules,
    cleanup: () => {},
  };
}

function emitFile(emit: (s: string | Buffer) => void, path: string, entry: FileEntry): void {
  const q = quotePath(path);
  if (entry === null) {
    emit(`D ${q}\n`);
  } else if (typeof entry === "string" || entry instanceof Uint8Array) {
    emit(`M 100644 inline ${q}\n`);
    emit(dataCmd(entry));
  } else if ("symlink" in entry) {
    emit(`M 120000 inline ${q}\n`);
    emit(dataCmd(entry.symlink));
  } else {
    emit(`M ${entry.executable ? "100755" : "100644"} inline ${q}\n`);
    emit(dataCmd(entry.content));
  }
}

export interface PublishOptions {
  /** Config set in the bare copy, e.g. `{ "uploadpack.allowAnySHA1InWant": "true" }`. */
  config?: Record<string, string>;
}

/**
 * Makes a bare copy of `repo` at `<baseDir>/<name>` that all three servers can
 * serve (the dumb one needs `update-server-info`). For a MadeRepo, its
 * submodules with relative URLs are published too, beside it under their
 * names, so the relative URLs resolve on the server. Returns the bare path.
 */
export function publishBare(repo: string | MadeRepo, baseDir: string, name: string, opts: PublishOptions = {}): string {
  if (name === "" || name.split("/").includes("..")) throw new Error(`bad published name ${name}`);
  const dest = join(baseDir, name);
  const src = typeof repo === "string" ? repo : repo.path;
  gitSync(["clone", "-q", "--bare", src, dest]);
  for (const [k, v] of Object.entries(opts.config ?? {})) gitSync(["--git-dir", dest, "config", k, v]);
  gitSync(["--git-dir", dest, "update-server-info"]);
  if (typeof repo !== "string") {
    for (const s of repo.submodules) {
      if (s.url.startsWith("../") && !existsSync(join(baseDir, s.name))) publishBare(s.repo, baseDir, s.name, opts);
    }
  }
  return dest;
}

/** A folder on disk (e.g. one of examples/) as a commit's files, executable bits kept. */
export function folderFiles(dir: string, prefix = ""): FileTree {
  const tree: FileTree = {};
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const stat = statSync(file);
    if (stat.isDirectory()) Object.assign(tree, folderFiles(file, `${prefix}${name}/`));
    else tree[`${prefix}${name}`] = { content: readFileSync(file), executable: (stat.mode & 0o100) !== 0 };
  }
  return tree;
}
