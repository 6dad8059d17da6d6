// Boots a guest image (test/e2e/image.sh) with qemu: the kernel and initrd
// given directly, the root file system read-only underneath (snapshot=on),
// a NoCloud seed (an ISO labelled cidata, made with genisoimage) carrying
// the user-data, the serial console captured to a file. The guest's
// network is qemu's user network with restrict=on: it reaches nothing but
// the host services named in `forwards`, each through guestfwd to a
// 127.0.0.1 port (socat per connection: a plain tcp: guestfwd holds one
// connection for the guest's whole life).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface GuestImage {
  dir: string;
}

export interface Forward {
  /** Address and port the guest connects to, e.g. 10.0.2.100:9418. */
  guest: string;
  /** The host's 127.0.0.1 port it reaches. */
  hostPort: number;
}

export interface Boot {
  console: string;
  /** qemu's exit status; null when it was stopped at the timeout. */
  status: number | null;
  timedOut: boolean;
  seconds: number;
  accel: Accel;
}

export type Accel = "kvm" | "tcg";

// e2scrub_reap (an ext4 metadata check the test guest has no use for) held
// the boot for minutes under TCG on a loaded machine.
const KERNEL_ARGS = "root=/dev/vda rw console=ttyS0 net.ifnames=0 systemd.mask=e2scrub_reap.service";

function qemuArgs(image: GuestImage, accel: Accel, consoleFile: string, extra: string[]): string[] {
  return [
    ...(accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg"]),
    "-m",
    "1024",
    "-smp",
    "1",
    "-kernel",
    path.join(image.dir, "vmlinuz"),
    "-initrd",
    path.join(image.dir, "initrd.img"),
    "-append",
    KERNEL_ARGS,
    // No default devices: the floppy drive alone cost tens of seconds of
    // read errors at boot under TCG.
    "-nodefaults",
    "-display",
    "none",
    "-monitor",
    "none",
    "-no-reboot",
    "-serial",
    `file:${consoleFile}`,
    ...extra,
  ];
}

let probed: Accel | undefined;

/**
 * KVM when it boots the kernel as far as starting the initrd's /init within
 * `seconds` (a working KVM takes a second or two), TCG otherwise. Nested KVM
 * has been seen to stall before the kernel's first line, to abort at once
 * (qemu: "failed to set MSR"), and to boot, slower than TCG: printing a
 * first line is not enough. SOLSTICE_E2E_ACCEL=kvm|tcg skips the probe.
 */
export async function chooseAccel(image: GuestImage, workDir: string, seconds = 15): Promise<Accel> {
  const forced = process.env.SOLSTICE_E2E_ACCEL;
  if (forced === "kvm" || forced === "tcg") return forced;
  if (probed) return probed;
  if (!existsSync("/dev/kvm")) return (probed = "tcg");
  const consoleFile = path.join(workDir, "kvm-probe.console");
  writeFileSync(consoleFile, "");
  const child = spawn("qemu-system-x86_64", qemuArgs(image, "kvm", consoleFile, []), { stdio: "ignore" });
  const printed = await new Promise<boolean>((resolve) => {
    const deadline = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const text = readFileSync(consoleFile, "latin1");
      if (/Run \/init as init process/.test(text)) finish(true);
      else if (Date.now() > deadline || child.exitCode !== null) finish(false);
    }, 250);
    const finish = (ok: boolean) => {
      clearInterval(timer);
      resolve(ok);
    };
  });
  child.kill("SIGKILL");
  probed = printed ? "kvm" : "tcg";
  return probed;
}

/** A NoCloud seed: an ISO 9660 image labelled cidata holding user-data and meta-data. */
export function makeSeed(workDir: string, name: string, userData: string): string {
  const dir = path.join(workDir, `${name}-seed`);
  spawnSync("mkdir", ["-p", dir]);
  writeFileSync(path.join(dir, "user-data"), userData);
  writeFileSync(path.join(dir, "meta-data"), `instance-id: solstice-e2e-${name}-${process.pid}\nlocal-hostname: solstice-guest\n`);
  const iso = path.join(workDir, `${name}-seed.iso`);
  const made = spawnSync("genisoimage", ["-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock", path.join(dir, "user-data"), path.join(dir, "meta-data")], {
    encoding: "utf8",
  });
  if (made.status !== 0) throw new Error(`genisoimage failed: ${made.stderr}`);
  return iso;
}

/** Boots until the guest powers off (or the timeout); returns its console. */
export async function bootGuest(opts: { image: GuestImage; seed: string; forwards: Forward[]; accel: Accel; consoleFile: string; timeoutSeconds: number }): Promise<Boot> {
  const fwd = opts.forwards.map((f) => `,guestfwd=tcp:${f.guest}-cmd:socat - TCP:127.0.0.1:${f.hostPort}`).join("");
  const args = qemuArgs(opts.image, opts.accel, opts.consoleFile, [
    "-drive",
    `file=${path.join(opts.image.dir, "root.img")},format=raw,if=virtio,snapshot=on`,
    "-drive",
    `file=${opts.seed},format=raw,if=virtio,readonly=on`,
    "-netdev",
    `user,id=net0,restrict=on${fwd}`,
    "-device",
    "virtio-net-pci,netdev=net0",
  ]);
  writeFileSync(opts.consoleFile, "");
  const started = Date.now();
  const child = spawn("qemu-system-x86_64", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, opts.timeoutSeconds * 1000);
  const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  clearTimeout(timer);
  const consoleText = statSync(opts.consoleFile).size > 0 ? readFileSync(opts.consoleFile, "latin1") : "";
  if (status !== 0 && !timedOut) throw new Error(`qemu exited with ${status}: ${stderr}\nconsole:\n${consoleText}`);
  return { console: consoleText, status, timedOut, seconds: (Date.now() - started) / 1000, accel: opts.accel };
}
