// A large repository with real-looking history, for benchmarks: thousands of
// commits by several authors, topic branches merged back, tags, files added
// over time, text-like edits. Generated deterministically from its options
// with one `git fast-import`, and cached on disk under a key of those options.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataCmd, fastImport, identLine } from "./fast-import";
import { FIXTURE_EPOCH, gitSync } from "./git-env";
import { Vocabulary, edit, int, lines, pick, prng, subSeed, type Rng } from "./history-text";

export interface HistoryRepoOptions {
  /** Commits reachable from all refs, merges included; default 3000. */
  commits?: number;
  /** Approximate packed size of all objects; default 10 MiB. */
  bytes?: number;
  /** Files at the tip; default one per ~16 KB of `bytes`. */
  files?: number;
  seed?: number;
  /** Default `$SOLSTICE_FIXTURE_CACHE`, else `<tmpdir>/solstice-fixture-cache`. Never cleaned up by the fixtures. */
  cacheDir?: string;
}

export interface HistoryRepo {
  /** A bare repository; treat it as read-only (publishBare it to serve it). */
  path: string;
  defaultBranch: "main";
  /** Tip of main. */
  head: string;
  commitCount: number;
  /** Size of the pack, as `git count-objects -v` reports it. */
  packBytes: number;
  /** Handy commits: the root, one 10% and one 50% along main, and the tip of `topic` (reachable from no other ref). */
  samples: { root: string; old: string; middle: string; topicOnly: string | null };
  branches: Record<string, string>;
  tags: string[];
  /** True when an earlier run's repository was reused. */
  fromCache: boolean;
}

// Bump when the generator changes, so stale cached repositories are not reused.
const GENERATOR = "history-v3";
// Calibrated by measuring packs made with the defaults:
// share of `bytes` taken by the tip's files (the rest is history),
const TIP_SHARE = 0.3;
// packed/raw size of whole files,
const TEXT_PACK_RATIO = 0.33;
// packed/raw size of the text an edit inserts (small deltas compress worse),
const DELTA_PACK_RATIO = 0.67;
// packed bytes of one commit's commit and tree objects.
const COMMIT_OVERHEAD = 450;

interface Touch {
  file: number;
  version: number;
}

interface CommitPlan {
  branch: "main" | "topic";
  /** Index of the parent commit when it is not the branch's previous one. */
  from?: number;
  merge?: number;
  /** New versions this commit writes; for a merge, the versions it carries over. */
  touches: Touch[];
  message: string;
  author: string;
  epoch: number;
}

export async function makeHistoryRepo(opts: HistoryRepoOptions = {}): Promise<HistoryRepo> {
  const params = {
    generator: GENERATOR,
    commits: opts.commits ?? 3000,
    bytes: opts.bytes ?? 10 * 1024 * 1024,
    seed: opts.seed ?? 1,
    files: 0,
  };
  params.files = opts.files ?? Math.max(8, Math.round(params.bytes / 16_384));
  if (!Number.isInteger(params.commits) || params.commits < 1) throw new Error("commits must be a positive integer");
  const key = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
  const cacheDir = opts.cacheDir ?? process.env.SOLSTICE_FIXTURE_CACHE ?? join(tmpdir(), "solstice-fixture-cache");
  const final = join(cacheDir, `history-${params.commits}c-${key}.git`);
  const meta = join(final, "fixture.json");
  if (existsSync(meta)) return { ...(JSON.parse(readFileSync(meta, "utf8")) as HistoryRepo), path: final, fromCache: true };

  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${final}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    gitSync(["init", "-q", "--bare", "-b", "main", tmp]);
    const plan = planHistory(params);
    const marks = await fastImport(tmp, stream(params, plan));
    const blobCount = plan.versionCounts.reduce((a, b) => a + b, 0);
    const sha = (commit: number) => marks.get(blobCount + commit + 1)!;
    const mainCommits = plan.commits.flatMap((c, i) => (c.branch === "main" ? [i] : []));
    // Reorder the pack as gc would (keeping fast-import's deltas, which are
    // good: each file's versions in a row) and, this being a bare repository,
    // write a bitmap: what a real server's repository looks like.
    gitSync(["--git-dir", tmp, "repack", "-a", "-d", "-q"]);
    const packKiB = /size-pack: (\d+)/.exec(gitSync(["--git-dir", tmp, "count-objects", "-v"]))?.[1];
    const repo: HistoryRepo = {
      path: final,
      defaultBranch: "main",
      head: sha(mainCommits.at(-1)!),
      commitCount: plan.commits.length,
      packBytes: Number(packKiB) * 1024,
      samples: {
        root: sha(0),
        old: sha(mainCommits[Math.floor(mainCommits.length * 0.1)]!),
        middle: sha(mainCommits[Math.floor(mainCommits.length * 0.5)]!),
        topicOnly: plan.topicTip === undefined ? null : sha(plan.topicTip),
      },
      branches: {},
      tags: plan.tags.map((t) => t.name),
      fromCache: false,
    };
    repo.branches.main = repo.head;
    if (repo.samples.topicOnly) repo.branches.topic = repo.samples.topicOnly;
    writeFileSync(join(tmp, "fixture.json"), `${JSON.stringify(repo, null, 2)}\n`);
    try {
      renameSync(tmp, final);
    } catch (e) {
      // Another process finished the same repository first: use theirs.
      if (!existsSync(meta)) throw e;
      rmSync(tmp, { recursive: true, force: true });
      return { ...(JSON.parse(readFileSync(meta, "utf8")) as HistoryRepo), path: final, fromCache: true };
    }
    return repo;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

interface Params {
  commits: number;
  bytes: number;
  files: number;
  seed: number;
}

interface Plan {
  commits: CommitPlan[];
  versionCounts: number[];
  paths: string[];
  /** Size each file wanders around, raw bytes. */
  fileBytes: number[];
  /** Raw bytes inserted per new version. */
  insertBytes: number;
  tags: { name: string; commit: number }[];
  topicTip: number | undefined;
}

/** Decides who commits what and when; the contents come later, file by file. */
function planHistory(p: Params): Plan {
  const rng = prng(subSeed(p.seed, -1));
  const vocab = new Vocabulary(rng, 400);
  const authors = Array.from({ length: 7 }, () => {
    const first = vocab.word(rng);
    const last = vocab.word(rng);
    return `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)} <${first}.${last}@example.org>`;
  });
  const dirs = Array.from({ length: Math.max(2, Math.round(p.files / 14)) }, (_, i) => `${pick(rng, ["src", "lib", "crates", "tools"])}/${vocab.words[i]}`);
  const paths: string[] = [];
  const seenPaths = new Set<string>();
  for (let f = 0; f < p.files; f++) {
    let path = f === 0 ? "README.md" : `${pick(rng, dirs)}/${vocab.word(rng)}_${vocab.word(rng)}.${pick(rng, ["rs", "rs", "rs", "toml", "md", "sh"])}`;
    if (seenPaths.has(path)) path = path.replace(/(\.\w+)$/, `_${f}$1`);
    seenPaths.add(path);
    paths.push(path);
  }
  const fileBytes = paths.map(() => ((p.bytes * TIP_SHARE) / TEXT_PACK_RATIO / p.files) * (0.3 + 1.4 * rng()));

  const versionCounts = new Array<number>(p.files).fill(0);
  const newVersion = (file: number): Touch => ({ file, version: versionCounts[file]!++ });
  const latest = (file: number): Touch => ({ file, version: versionCounts[file]! - 1 });
  const initialFiles = Math.max(1, Math.ceil(p.files * 0.6));
  let created = initialFiles;
  // Some files change much more often than others.
  const hot = (exclude: Set<number>): number => {
    for (;;) {
      const f = Math.floor(created * rng() ** 1.8);
      if (!exclude.has(f)) return f;
    }
  };

  const commits: CommitPlan[] = [];
  let epoch = FIXTURE_EPOCH - p.commits * 3600;
  const add = (c: Omit<CommitPlan, "message" | "author" | "epoch">): number => {
    epoch += 60 + Math.floor(rng() * 7200);
    const verb = pick(rng, ["fix", "add", "refactor", "speed up", "document", "remove", "handle"]);
    const area = paths[c.touches[0]?.file ?? 0]!.split("/").slice(-2, -1)[0] ?? "repo";
    let message = `${area}: ${verb} ${vocab.word(rng)} ${vocab.word(rng)}\n`;
    if (rng() < 0.5) message += `\n${lines(rng, vocab, 120).join(" ").trim()}\n`;
    commits.push({ ...c, message, author: pick(rng, authors), epoch });
    return commits.length - 1;
  };
  const mainChange = (exclude: Set<number>): Touch[] => {
    if (created < p.files && rng() < ((p.files - initialFiles) / p.commits) * 1.5) return [newVersion(created++)];
    const files = new Set<number>();
    for (let n = 1 + Math.floor(rng() ** 2 * 3); files.size < Math.min(n, created - exclude.size);) files.add(hot(exclude));
    return [...files].map(newVersion);
  };

  let mainTip = add({ branch: "main", touches: Array.from({ length: initialFiles }, (_, f) => newVersion(f)) });
  // A last, unmerged topic branch: commits only a branch fetch can find.
  const finalTopic = p.commits >= 10 ? 3 : 0;
  while (commits.length < p.commits - finalTopic) {
    const left = p.commits - finalTopic - commits.length;
    const topicLen = int(rng, 2, 5);
    const mainLen = int(rng, 0, 3);
    if (left >= topicLen + mainLen + 1 && created >= 4 && rng() < 0.04) {
      // A topic branch on a few files main leaves alone meanwhile, then merged.
      const own = new Set<number>();
      while (own.size < Math.min(int(rng, 1, 3), created - 1)) own.add(hot(new Set()));
      const ownList = [...own];
      const branchPoint = mainTip;
      let topicTip: number | undefined;
      const order = shuffle(rng, [...Array<boolean>(topicLen).fill(true), ...Array<boolean>(mainLen).fill(false)]);
      for (const onTopic of order) {
        if (onTopic) {
          const touches = ownList.filter((_, i) => i === 0 || rng() < 0.5).map(newVersion);
          topicTip = add(topicTip === undefined ? { branch: "topic", from: branchPoint, touches } : { branch: "topic", touches });
        } else {
          mainTip = add({ branch: "main", touches: mainChange(own) });
        }
      }
      mainTip = add({ branch: "main", merge: topicTip!, touches: ownList.map(latest) });
    } else {
      mainTip = add({ branch: "main", touches: mainChange(new Set()) });
    }
  }
  let topicTip: number | undefined;
  for (let i = 0; i < finalTopic; i++) {
    const touches = [newVersion(hot(new Set()))];
    topicTip = add(topicTip === undefined ? { branch: "topic", from: mainTip, touches } : { branch: "topic", touches });
  }

  const mainIdx = commits.flatMap((c, i) => (c.branch === "main" ? [i] : []));
  const tagEvery = Math.max(1, Math.floor(mainIdx.length / 6));
  const tags = mainIdx.filter((_, n) => n > 0 && n % tagEvery === 0).map((commit, n) => ({ name: `v0.${n + 1}.0`, commit }));

  const versions = versionCounts.reduce((a, b) => a + b, 0);
  const historyPacked = p.bytes * (1 - TIP_SHARE) - p.commits * COMMIT_OVERHEAD;
  const insertBytes = Math.max(40, historyPacked / Math.max(1, versions - p.files) / DELTA_PACK_RATIO);
  return { commits, versionCounts, paths, fileBytes, insertBytes, tags, topicTip };
}

/** Fisher-Yates; Array.prototype.sort with a random comparator depends on the engine's sort. */
function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * The fast-import stream: every version of file 0, then of file 1, ... (so
 * fast-import deltas each version against the one before), then the
 * commits, which refer to blobs by mark.
 */
function* stream(p: Params, plan: Plan): Generator<string | Buffer> {
  const vocab = new Vocabulary(prng(subSeed(p.seed, -2)));
  const blobBase: number[] = [];
  let mark = 0;
  for (let f = 0; f < plan.versionCounts.length; f++) {
    blobBase.push(mark);
    const rng: Rng = prng(subSeed(p.seed, f));
    const text = lines(rng, vocab, plan.fileBytes[f]!);
    for (let v = 0; v < plan.versionCounts[f]!; v++) {
      if (v > 0) edit(rng, vocab, text, plan.insertBytes * (0.3 + 1.4 * rng()), plan.fileBytes[f]!);
      yield `blob\nmark :${++mark}\n`;
      yield dataCmd(`${text.join("\n")}\n`);
    }
  }
  const blobs = mark;
  const started = new Set<string>();
  for (const [i, c] of plan.commits.entries()) {
    const [, name, email] = /^(.*) <(.*)>$/.exec(c.author)!;
    yield `commit refs/heads/${c.branch}\nmark :${blobs + i + 1}\n`;
    yield identLine("author", name!, email!, c.epoch);
    yield identLine("committer", name!, email!, c.epoch);
    yield dataCmd(c.message);
    if (c.from !== undefined || (!started.has(c.branch) && i > 0)) yield `from :${blobs + (c.from ?? i - 1) + 1}\n`;
    if (c.merge !== undefined) yield `merge :${blobs + c.merge + 1}\n`;
    started.add(c.branch);
    let changes = "";
    for (const t of c.touches) changes += `M 100644 :${blobBase[t.file]! + t.version + 1} ${plan.paths[t.file]}\n`;
    yield `${changes}\n`;
  }
  for (const t of plan.tags) {
    yield `tag ${t.name}\nfrom :${blobs + t.commit + 1}\n`;
    yield identLine("tagger", "Release Bot", "release@example.org", plan.commits[t.commit]!.epoch + 30);
    yield dataCmd(`Release ${t.name}\n`);
  }
  yield "done\n";
}
