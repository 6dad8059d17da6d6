// A minimal guest: a root file system holding only busybox and git, built
// from the host's own binaries, to be entered with chroot (root only).
//
//   const base = guestRootfs();          // cached, shared, never written to
//   const root = cloneGuestRoot(base);   // this test file's own writable copy
//   ... chroot root.dir /bin/sh ...
//   root.cleanup();
//
// What goes in (and nothing else):
//   /bin/busybox, and /bin/<applet> -> busybox for every applet it lists
//   /usr/bin/git, and from git's exec path only what the runner's git
//     commands run: upload-pack (file:// fetches), remote-http(s) (http://),
//     and, where `git submodule` is still a shell script (as in 2.39), that
//     script, the two it sources, and envsubst for its messages
//   the shared libraries all of those load (as ldd lists them), and
//     libgcc_s, which glibc loads itself when a thread exits (DLOPENED)
//   /etc/passwd, /etc/group, /root, /tmp, /dev/null, and /dev/urandom, where
//     git gets the random names of its temporary files (index-pack's pack)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The entries of git's exec path the runner's git commands need. */
export const GIT_HELPERS = [
  // git runs some builtins as subprocesses (index-pack, pack-objects, rev-list,
  // submodule--helper), looking for `git` in its exec path before PATH.
  "git",
  "git-upload-pack", // the other end of a file:// fetch
  "git-remote-http",
  "git-remote-https",
];

/** `git submodule` as a shell script and what it sources; absent where git has made it a builtin. */
export const GIT_SUBMODULE_SCRIPTS = ["git-submodule", "git-sh-setup", "git-sh-i18n", "git-sh-i18n--envsubst"];

/**
 * Libraries loaded with dlopen, which ldd cannot see. glibc loads libgcc_s
 * for pthread_exit: without it, git dying in a worker thread (index-pack on
 * a failed fetch) aborts with "libgcc_s.so.1 must be installed for
 * pthread_exit to work" instead of reporting its error.
 */
export const DLOPENED = ["libgcc_s.so.1"];

/** The device nodes the guest gets: name, major, minor. */
export const DEVICES: [string, number, number][] = [
  ["null", 1, 3],
  ["urandom", 1, 9],
];

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Where things are on this host. */
export interface HostTools {
  busybox: string;
  git: string;
  /** git's exec path (git --exec-path), the same path inside the guest. */
  execPath: string;
  applets: string[];
}

export function hostTools(): HostTools {
  const busybox = realpathSync(sh("sh", ["-c", "command -v busybox"]).trim());
  const git = sh("sh", ["-c", "command -v git"]).trim();
  const tools = {
    busybox,
    git,
    execPath: sh(git, ["--exec-path"]).trim(),
    applets: sh(busybox, ["--list"])
      .split("\n")
      .filter((a) => a !== "" && a !== "busybox"),
  };
  if (!tools.applets.includes("sh")) throw new Error(`${busybox} has no sh applet`);
  return tools;
}

/** Shared libraries an ELF file loads, as ldd names them (absolute paths). */
function libraries(file: string): string[] {
  let out: string;
  try {
    out = sh("ldd", [file]);
  } catch {
    return []; // a script, or a static binary ("not a dynamic executable" exits 1)
  }
  if (/not found/.test(out)) throw new Error(`ldd ${file}: a library is missing on the host:\n${out}`);
  return [...out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
}

/** Host path -> guest path, for every file that is copied. */
function plan(tools: HostTools): Map<string, string> {
  const files = new Map<string, string>([
    [tools.busybox, "/bin/busybox"],
    [tools.git, "/usr/bin/git"],
  ]);
  for (const h of GIT_HELPERS) {
    const p = join(tools.execPath, h);
    if (!existsSync(p)) throw new Error(`git on this host has no ${p}`);
    files.set(p, p);
  }
  for (const h of GIT_SUBMODULE_SCRIPTS) {
    const p = join(tools.execPath, h);
    if (existsSync(p)) files.set(p, p);
  }
  for (const f of [...files.keys()]) for (const lib of libraries(f)) files.set(lib, lib);
  // They live beside libc.
  const libc = [...files.keys()].find((f) => /\/libc\.so\.\d+$/.test(f));
  if (!libc) throw new Error("ldd named no libc");
  for (const name of DLOPENED) {
    const p = join(dirname(libc), name);
    if (existsSync(p)) files.set(p, p);
  }
  return files;
}

function cacheKey(tools: HostTools, files: Map<string, string>): string {
  // This file is an input too: change how the rootfs is made, get a new one.
  const h = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(tools.applets.join(" "));
  for (const [host, guest] of files) {
    const st = statSync(host);
    h.update(`${host}\0${guest}\0${st.size}\0${st.mtimeMs}\0${st.ino}\n`);
  }
  return h.digest("hex").slice(0, 16);
}

/**
 * The rootfs, built on first use and cached in the temp dir under a key of
 * its inputs (this file, the host's binaries and libraries), so a new busybox
 * or git builds a new one (old ones stay until the temp dir is cleaned).
 * Root only (mknod). Safe to call from parallel test processes: each
 * builds aside and renames into place.
 */
export function guestRootfs(tools: HostTools = hostTools()): string {
  const files = plan(tools);
  // Kept across runs: in the system temp dir, not the suite's own (test/support/clean-tree.ts).
  const dir = join(process.env.SOLSTICE_TEST_CACHE ?? tmpdir(), `solstice-guest-rootfs-${cacheKey(tools, files)}`);
  if (existsSync(join(dir, "bin/sh"))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    build(building, tools, files);
    try {
      renameSync(building, dir);
    } catch (e) {
      // Another process finished first: use its copy.
      if (!existsSync(join(dir, "bin/sh"))) throw e;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

function build(root: string, tools: HostTools, files: Map<string, string>): void {
  const put = (guest: string) => {
    const p = join(root, guest);
    mkdirSync(dirname(p), { recursive: true });
    return p;
  };
  // Identical files (git-core/git is a copy of /usr/bin/git) become one inode.
  const byContent = new Map<string, string>();
  for (const [host, guest] of files) {
    const dest = put(guest);
    if (lstatSync(host).isSymbolicLink() && dirname(host) === tools.execPath) {
      // git-remote-https -> git-remote-http: keep such links as links.
      symlinkSync(readlinkSync(host), dest);
      continue;
    }
    const sum = createHash("sha256").update(readFileSync(host)).digest("hex");
    const same = byContent.get(sum);
    if (same) linkSync(same, dest);
    else {
      copyFileSync(host, dest);
      chmodSync(dest, statSync(host).mode & 0o7777);
      byContent.set(sum, dest);
    }
  }
  // /bin/sh is one of them.
  for (const applet of tools.applets) symlinkSync("busybox", put(`/bin/${applet}`));
  writeFileSync(put("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  writeFileSync(put("/etc/group"), "root:x:0:\n");
  mkdirSync(put("/root"), { mode: 0o700 });
  mkdirSync(put("/tmp"));
  chmodSync(join(root, "tmp"), 0o1777);
  mkdirSync(put("/dev"));
  // A device node needs no mount (nothing to undo if a test dies); it needs
  // CAP_MKNOD, and a file system not mounted nodev (cloneGuestRoot checks).
  for (const [name, major, minor] of DEVICES) {
    execFileSync("mknod", ["-m", "666", join(root, "dev", name), "c", String(major), String(minor)]);
  }
}

/** The host's chroot(8), which is often in an sbin directory not on a user's PATH; undefined without one. */
export function chrootCommand(): string | undefined {
  try {
    return sh("sh", ["-c", "PATH=$PATH:/usr/sbin:/sbin command -v chroot"]).trim();
  } catch {
    return undefined;
  }
}

export interface GuestRoot {
  dir: string;
  /** Unmounts what was mounted and removes the copy; idempotent. */
  cleanup(): void;
}

/**
 * A private, writable copy of the rootfs (hard links: cheap, and the guest
 * writes only new files). Where the temp dir is mounted nodev, the devices
 * are bind-mounted from the host instead, and cleanup() unmounts them.
 */
export function cloneGuestRoot(base: string): GuestRoot {
  const dir = mkdtempSync(`${base}.run-`);
  execFileSync("cp", ["-a", "--link", `${base}/.`, dir]);
  const mounts: string[] = [];
  const cleanup = () => {
    for (const m of mounts.splice(0)) execFileSync("umount", [m]);
    rmSync(dir, { recursive: true, force: true });
  };
  const chroot = chrootCommand();
  if (!chroot) throw new Error("no chroot command");
  try {
    execFileSync(chroot, [dir, "/bin/sh", "-c", ": >/dev/null"], { stdio: "ignore", env: {} });
  } catch (e) {
    if ((e as { status?: number | null }).status == null) {
      cleanup();
      throw e;
    }
    try {
      for (const [name] of DEVICES) {
        const node = join(dir, "dev", name);
        rmSync(node);
        writeFileSync(node, "");
        execFileSync("mount", ["--bind", `/dev/${name}`, node]);
        mounts.push(node);
      }
    } catch (e) {
      cleanup();
      throw e;
    }
  }
  return { dir, cleanup };
}
