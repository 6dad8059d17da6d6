#!/bin/sh
# Fails when generated/ differs from what the compiler produces now: the
# plain script, and one runner per target of Cross.toml (scripts/cross.ts),
# with no directory left for a target Cross.toml no longer has.
set -u
fresh=$(mktemp -d) || exit 1
trap 'rm -rf "$fresh"' EXIT
stale=0
say_stale() { # say_stale FILE
  printf '%s is stale: run make generate and commit it\n' "$1" >&2
  stale=1
}
node bin/solstice-runner.mjs compile src/runner/main.ts -o "$fresh/solstice-runner.sh" || exit 1
node scripts/run-ts.mjs scripts/cross.ts "$fresh" || exit 1
for new in "$fresh/solstice-runner.sh" "$fresh"/*/solstice-runner; do
  old=generated/${new#"$fresh"/}
  if ! cmp -s "$new" "$old" 2>/dev/null; then
    say_stale "$old"
    if [ -e "$old" ]; then diff -u "$old" "$new" | head -40 >&2; fi
  elif [ ! -x "$old" ]; then
    printf '%s is not executable: run make generate and commit it\n' "$old" >&2
    stale=1
  fi
done
for old in generated/*/; do
  [ -d "$old" ] || continue
  [ -d "$fresh/${old#generated/}" ] || {
    printf '%s is for no target of Cross.toml: run make generate (which removes it) and commit that\n' "$old" >&2
    stale=1
  }
done
# Printable ASCII, tab and newline only: other bytes live in byte variables
# (docs/subset.md), and a byte above 0x7F stops yash before it reads a line.
for script in generated/*.sh generated/*/solstice-runner; do
  if LC_ALL=C grep -n '[^	 -~]' "$script" | head -3 | grep . >&2; then
    printf '%s has bytes other than printable ASCII, tab and newline (above): keep templates/prelude/*.sh ASCII\n' "$script" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] || exit 1
printf 'generated/ is fresh\n'
