#!/bin/sh
# Starts solstice-runner in a guest booted by cloud-init (written by
# `solstice-runner cloud-init` to /usr/local/lib/solstice-runner/launch and
# run from runcmd). Portable sh: Debian's dash, busybox, illumos ksh93.
#
# It reads its settings from files cloud-init wrote, never from the
# user-data's text, and runs nothing it has not checked:
#   /etc/solstice/runner-url, /etc/solstice/runner-sha256
#       download the runner from this http(s) URL; it runs only when its
#       SHA-256 matches. A failed download or a wrong checksum falls back to
#       the embedded copy when there is one, and never runs the download.
#   /etc/solstice/runner.env
#       NAME=VALUE lines added to the runner's environment (SOLSTICE_*).
# The environment variables of the same names (SOLSTICE_RUNNER_URL,
# SOLSTICE_RUNNER_SHA256) override the files; SOLSTICE_RUNNER_PATH is where
# the runner is (default /usr/local/bin/solstice-runner, the embedded copy).
#
# Everything goes to the console. The last line is always
# "solstice-runner: exit status N", N also written to
# /var/lib/solstice-runner/exit-status, and the launcher's own status.
# N is the runner's (the job's, or the runner's contract codes), or 69 when
# there was no runner to start (nothing downloaded, nothing embedded).

console=/dev/console
[ -w "$console" ] || console=/dev/null
exec >>"$console" 2>&1 </dev/null

settings=/etc/solstice
runner=${SOLSTICE_RUNNER_PATH:-/usr/local/bin/solstice-runner}
status_dir=/var/lib/solstice-runner

say() {
  printf 'solstice-runner: %s\n' "$*"
}

finish() {
  mkdir -p "$status_dir" && printf '%s\n' "$1" >"$status_dir/exit-status"
  say "exit status $1"
  exit "$1"
}

first_line() {
  # The first line of a file, or nothing when it does not exist.
  if [ -f "$1" ]; then
    IFS= read -r line <"$1" || :
    printf '%s' "${line:-}"
  fi
}

url=${SOLSTICE_RUNNER_URL-$(first_line "$settings/runner-url")}
expected=${SOLSTICE_RUNNER_SHA256-$(first_line "$settings/runner-sha256")}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum <"$1" | cut -d' ' -f1
  elif command -v digest >/dev/null 2>&1; then
    digest -a sha256 <"$1"
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 <"$1" | sed 's/^.*= *//'
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 <"$1" | cut -d' ' -f1
  elif command -v busybox >/dev/null 2>&1; then
    busybox sha256sum <"$1" | cut -d' ' -f1
  else
    return 1
  fi
}

fetch_to() {
  # fetch_to FILE URL: curl, wget, or busybox's wget, whichever the guest has.
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 --connect-timeout 20 --max-time 600 -o "$1" "$2"
  elif command -v wget >/dev/null 2>&1 && wget --version 2>/dev/null | grep 'GNU Wget' >/dev/null; then
    wget -q -T 20 -t 3 -O "$1" "$2"
  elif command -v wget >/dev/null 2>&1; then
    within_time_limit wget -q -O "$1" "$2"
  elif command -v busybox >/dev/null 2>&1; then
    within_time_limit busybox wget -q -O "$1" "$2"
  else
    say "cannot download $2: the guest has neither curl nor wget"
    return 1
  fi
}

within_time_limit() {
  # busybox's wget gets no -T: Debian 12's busybox (1.35) crashes on it.
  if command -v timeout >/dev/null 2>&1; then
    timeout 600 "$@"
  else
    "$@"
  fi
}

# Prints nothing and succeeds when the runner at $runner is the download,
# verified; otherwise says why and fails (the embedded copy may remain).
download() {
  case $url in
    http://* | https://*) ;;
    *) say "refusing runner URL '$url': not http:// or https://"; return 1 ;;
  esac
  case $expected in
    *[!0-9a-fA-F]* | '') say "refusing to download $url: no SHA-256 to check it against (/etc/solstice/runner-sha256)"; return 1 ;;
  esac
  [ ${#expected} -eq 64 ] || { say "refusing to download $url: the expected SHA-256 '$expected' is not 64 hex digits"; return 1; }
  mkdir -p "${runner%/*}" || return 1
  partial=$runner.download.$$
  rm -f "$partial"
  say "downloading the runner from $url"
  if ! fetch_to "$partial" "$url"; then
    rm -f "$partial"
    say "download of $url failed"
    return 1
  fi
  if ! actual=$(sha256_of "$partial"); then
    rm -f "$partial"
    say "cannot check the download's SHA-256: no sha256sum, digest, openssl or shasum; not running it"
    return 1
  fi
  expected_lower=$(printf '%s' "$expected" | tr 'A-F' 'a-f')
  if [ "$actual" != "$expected_lower" ]; then
    rm -f "$partial"
    say "checksum mismatch for $url: expected sha256 $expected_lower, got $actual; the download is deleted, not run"
    return 1
  fi
  chmod 755 "$partial" && mv -f "$partial" "$runner"
}

if [ -n "$url" ]; then
  if download; then
    say "runner downloaded and verified (sha256 $actual)"
  elif [ -f "$runner" ]; then
    say "falling back to the embedded runner at $runner"
  else
    say "no runner to start: the download was not used and no runner is embedded at $runner"
    finish 69
  fi
elif [ ! -f "$runner" ]; then
  say "no runner to start: nothing embedded at $runner and no runner URL (/etc/solstice/runner-url)"
  finish 69
fi

# The extra environment: NAME=VALUE lines, given to env as words (never
# evaluated). The renderer checked them; a line that is not an assignment
# is refused here too, since env would run it as a command.
set --
if [ -f "$settings/runner.env" ]; then
  while IFS= read -r assignment || [ -n "$assignment" ]; do
    case $assignment in
      '') continue ;;
      [A-Za-z_]*=*) set -- "$@" "$assignment" ;;
      *) say "ignoring a line of $settings/runner.env that is not NAME=VALUE"; continue ;;
    esac
  done <"$settings/runner.env"
fi

chmod 755 "$runner" 2>/dev/null
say "starting $runner"
status=0
env "$@" "$runner" || status=$?
finish "$status"
