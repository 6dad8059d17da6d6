#!/bin/sh
# Builds a minimal Debian guest for the end-to-end test (make e2e):
# mmdebstrap from Debian's packages, a root file system image and the
# kernel and initrd to boot it with qemu's -kernel/-initrd.
#
#   test/e2e/image.sh VARIANT OUTDIR
#
# VARIANT is base (no Node) or node (Debian's nodejs added). The image is
# cached in OUTDIR/VARIANT-KEY/, KEY a digest of this script (which holds
# the package lists): an unchanged script reuses the image. Prints the
# directory. Needs root (mmdebstrap's root mode), mmdebstrap, e2fsprogs.
set -eu

variant=${1:?usage: image.sh base|node OUTDIR}
outdir=${2:?usage: image.sh base|node OUTDIR}
suite=bookworm
mirror=http://deb.debian.org/debian
base_packages=systemd-sysv,udev,git,cloud-init,linux-image-amd64,busybox
case $variant in
  base) packages=$base_packages ;;
  node) packages=$base_packages,nodejs ;;
  *) echo "image.sh: unknown variant '$variant' (base or node)" >&2; exit 64 ;;
esac

key=$(sha256sum "$0" | cut -c1-16)
dir=$outdir/$variant-$key
if [ -f "$dir/root.img" ] && [ -f "$dir/vmlinuz" ] && [ -f "$dir/initrd.img" ]; then
  echo "$dir"
  exit 0
fi
mkdir -p "$outdir/apt-cache"
rm -rf "$dir.partial"
mkdir -p "$dir.partial"
rootfs=$dir.partial/rootfs

# The guest's network comes up by systemd-networkd's DHCP from qemu's user
# network; cloud-init is told to use NoCloud only and to leave the network
# alone. Downloaded packages are kept in OUTDIR/apt-cache for the next
# variant.
mmdebstrap --variant=minbase --include="$packages" \
  --aptopt='Acquire::Retries "3"' \
  --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
  --setup-hook="sync-in '$outdir/apt-cache' /var/cache/apt/archives" \
  --skip=download/empty \
  --customize-hook="sync-out /var/cache/apt/archives '$outdir/apt-cache'" \
  --customize-hook='echo solstice-guest >"$1/etc/hostname"' \
  --customize-hook='printf "[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n" >"$1/etc/systemd/network/50-eth0.network"' \
  --customize-hook='printf "datasource_list: [ NoCloud, None ]\nnetwork: {config: disabled}\n" >"$1/etc/cloud/cloud.cfg.d/90-solstice-e2e.cfg"' \
  --customize-hook='chroot "$1" systemctl enable systemd-networkd.service' \
  --customize-hook='rm -f "$1/var/cache/apt/archives/"*.deb' \
  "$suite" "$rootfs" "$mirror"

cp "$rootfs"/boot/vmlinuz-* "$dir.partial/vmlinuz"
cp "$rootfs"/boot/initrd.img-* "$dir.partial/initrd.img"
# Sparse: the file takes the room of what it holds. The guest boots it with
# snapshot=on, so this image is never written to.
mkfs.ext4 -q -F -L root -d "$rootfs" "$dir.partial/root.img" 3G
rm -rf "$rootfs"
rm -rf "$dir"
mv "$dir.partial" "$dir"
echo "$dir"
