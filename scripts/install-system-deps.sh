#!/bin/sh
# Installs the Debian packages the tests need when some are missing: the
# eight shells, the awks, shellcheck and git. Needs root; without it, says
# what is missing (the tests then skip those shells, loudly).
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
