#!/bin/sh
# Installs the Debian packages the tests need when some are missing: the
# eight shells, the awks, shellcheck and git. Needs root; without it, says
# what is missing (the tests then skip those shells, loudly).
#
#   scripts/install-system-deps.sh [e2e]
#
# With e2e, also what make e2e needs to build and boot its guests: mmdebstrap,
# mkfs.ext4, qemu, genisoimage and socat (test/e2e/).
set -u
packages=''
need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || packages="$packages $2"
}
need dash dash
need bash bash
need busybox busybox
need mksh mksh
need ksh93 ksh
need yash yash
need posh posh
need zsh zsh
need mawk mawk
need gawk gawk
need original-awk original-awk
need shellcheck shellcheck
need git git
# cloud-init schema validates the user-data `solstice-runner cloud-init` renders.
need cloud-init cloud-init
if [ "${1:-}" = e2e ]; then
  need mmdebstrap mmdebstrap
  need mkfs.ext4 e2fsprogs
  need qemu-system-x86_64 qemu-system-x86
  need genisoimage genisoimage
  need socat socat
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || packages="$packages debian-archive-keyring"
fi
[ -n "$packages" ] || exit 0
if [ "$(id -u)" != 0 ]; then
  printf '*** NOTICE: missing packages:%s (not root: cannot install; their tests are skipped)\n' "$packages" >&2
  exit 0
fi
printf 'installing:%s\n' "$packages"
# shellcheck disable=SC2086 # the package list splits on purpose
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null; } || {
  printf 'apt-get could not install:%s\n' "$packages" >&2
  exit 1
}
