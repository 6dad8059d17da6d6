// The workspace before the fetch (contract §3 step 2, "Workspace"): what is
// there decides whether the runner may use it, and a reused checkout keeps
// nothing a previous job could have turned into code. Both builds inspect it
// with the same small /bin/sh programs; the path is their argument, never
// part of their text.
import { pathExists, readFile, runCapture, writeFile } from "@solstice/std";
import { RUNNER_CREDENTIALS } from "./environment";

/** A dollar sign: the programs below are written as data, so their `$` is spelled out (no shell expands it here). */
const D = "$";

/** In .git, the file that says the runner made this checkout, and with which object format. */
export const MARKER = "solstice-runner-checkout";

/**
 * What SOLSTICE_WORKDIR is, on lines: `missing`, `dangling`, `not-a-directory`
 * or `directory`; then the path with every symbolic link resolved; what its
 * .git is (`none`, `link`, `file`, `runner`, `foreign`); the marker's object
 * format; then the first entries of the directory, one a line.
 */
const PROBE = `
if [ ! -e "${D}1" ]; then
  if [ -h "${D}1" ]; then echo dangling; else echo missing; fi
  exit 0
fi
[ -d "${D}1" ] || { echo not-a-directory; exit 0; }
cd -P -- "${D}1" || exit 1
echo directory
pwd -P
if [ -h .git ]; then echo link
elif [ -d .git ] && [ -f .git/${MARKER} ] && [ ! -h .git/${MARKER} ]; then echo runner
elif [ -d .git ]; then echo foreign
elif [ -e .git ]; then echo file
else echo none
fi
if [ -f .git/${MARKER} ] && [ ! -h .git/${MARKER} ]; then head -n 1 .git/${MARKER}; else echo; fi
ls -A | head -n 4
`;

/**
 * Empties the checkout's .git ($1/.git) of everything but its object store
 * and its shallow list when $2 is "keep" (and of everything when not): the
 * config (hooks, fsmonitor, filters, includes, URL rewrites, credential
 * helpers), hooks, info, refs, modules, worktrees all go. The store keeps
 * no alternates, and is dropped whole if it holds anything but plain files
 * and directories (a link could send git's writes out of the workspace).
 */
const SCRUB = `
cd -P -- "${D}1/.git" || exit 1
for entry in * .[!.]* ..?*; do
  if [ "${D}2" = keep ]; then
    case ${D}entry in objects | shallow) continue ;; esac
  fi
  if [ -e "${D}entry" ] || [ -h "${D}entry" ]; then rm -rf -- "${D}entry" || exit 1; fi
done
if [ -h shallow ] || { [ -e shallow ] && [ ! -f shallow ]; }; then rm -rf -- shallow || exit 1; fi
if [ -h objects ] || { [ -e objects ] && [ ! -d objects ]; }; then rm -rf -- objects shallow || exit 1; fi
if [ -d objects ]; then
  rm -f -- objects/info/alternates objects/info/http-alternates || exit 1
  if [ -n "${D}(find objects ! -type f ! -type d | head -n 1)" ]; then
    rm -rf -- objects shallow || exit 1
    echo dropped
  fi
fi
exit 0
`;

export interface WorkspaceState {
  ok: boolean;
  /** missing, dangling, not-a-directory, directory. */
  kind: string;
  /** The directory with its symbolic links resolved ("" unless kind is directory). */
  resolved: string;
  /** none, link, file, runner, foreign. */
  git: string;
  /** The object format the runner's marker names ("" without one). */
  format: string;
  /** The first few entries, for a message; empty for an empty directory. */
  entries: string[];
  error: string;
}

export async function probeWorkspace(dir: string): Promise<WorkspaceState> {
  // A new machine's workspace is not there yet (nor a dangling link to it): nothing to ask the program.
  if (!pathExists(dir)) return { ok: true, kind: "missing", resolved: "", git: "", format: "", entries: [], error: "" };
  const probe = await runCapture({ argv: ["/bin/sh", "-c", PROBE, "solstice-runner", dir], cwd: "", env: RUNNER_CREDENTIALS.slice(0) });
  const lines = probe.stdout.split("\n");
  const state: WorkspaceState = { ok: probe.status === 0, kind: lines[0], resolved: "", git: "", format: "", entries: [], error: "" };
  if (!state.ok) {
    state.error = `cannot look into ${dir}: ${probe.stderr.trim()}`;
    return state;
  }
  if (state.kind !== "directory") return state;
  state.resolved = lines.length > 1 ? lines[1] : "";
  state.git = lines.length > 2 ? lines[2] : "";
  state.format = lines.length > 3 ? lines[3] : "";
  for (let i = 4; i < lines.length; i++) {
    if (lines[i] !== "") state.entries.push(lines[i]);
  }
  return state;
}

/** Scrub .git for reuse (`keepObjects`) or for a fresh start; "" or what went wrong. */
export async function scrubGitDir(dir: string, keepObjects: boolean): Promise<{ error: string; dropped: boolean }> {
  const scrub = await runCapture({ argv: ["/bin/sh", "-c", SCRUB, "solstice-runner", dir, keepObjects ? "keep" : "all"], cwd: "", env: RUNNER_CREDENTIALS.slice(0) });
  if (scrub.status !== 0) return { error: scrub.stderr.trim() === "" ? `status ${scrub.status}` : scrub.stderr.trim(), dropped: false };
  return { error: "", dropped: scrub.stdout.trim() === "dropped" };
}

/** Mark the checkout as the runner's, with its object format. */
export function markCheckout(dir: string, format: string): boolean {
  return writeFile(`${dir}/.git/${MARKER}`, `${format}\n`);
}

/**
 * The checkout's origin, as `git config remote.origin.url URL` sets it, but
 * without starting git: a section added to the config git init has just
 * written (a reused checkout's config was scrubbed first, so there is no
 * origin to replace). The value is quoted as git-config(1) reads it; a
 * repository URL holds no control byte (context-check), so only `\` and
 * `"` need escaping.
 */
export function recordOrigin(dir: string, url: string): boolean {
  const config = `${dir}/.git/config`;
  const text = readFile(config);
  const quoted = url.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  return writeFile(config, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}[remote "origin"]\n\turl = "${quoted}"\n`);
}
