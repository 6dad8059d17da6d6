#!/bin/sh
# Runs shellcheck over everything in generated/, without checking the same text
# four times: shellcheck 0.9 takes about two minutes and 9 GB on a script of
# this size, and CI has two cores and 24 GB. The plain script is checked
# whole. A per-target runner (scripts/cross.ts) is the plain script with a
# different line 2 (its header) and one inserted block (the target's PATH
# and awk); this script proves that is all that differs, then checks the
# block alone (with the assignment it overrides, so its variables count as
# used). Anything else differing is a failure: check the whole target file.
set -u
plain=generated/solstice-runner.sh
status=0
shellcheck -s sh "$plain" || status=1
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
for target in generated/*/solstice-runner; do
  [ -f "$target" ] || continue
  # The hunks of `diff plain target`: exactly "2c2" and one "NaM,K" insertion.
  hunks=$(diff "$plain" "$target" | grep -v '^[<>-]')
  # shellcheck disable=SC2086 # split into the hunk headers on purpose
  set -- $hunks
  if [ "$#" -ne 2 ] || [ "$1" != 2c2 ] || ! expr "$2" : '[0-9][0-9]*a[0-9][0-9]*,[0-9][0-9]*$' >/dev/null; then
    printf '%s differs from %s beyond its header and target block; checking it whole\n' "$target" "$plain" >&2
    shellcheck -s sh "$target" || status=1
    continue
  fi
  range=${2#*a}
  {
    printf '#!/bin/sh\n__awk='"'awk'"'\n'
    sed -n "${range%,*},${range#*,}p" "$target"
    # shellcheck disable=SC2016 # a line for block.sh, expanded there
    printf ': "$__awk"\n'
  } >"$scratch/block.sh"
  if ! shellcheck -s sh "$scratch/block.sh"; then
    printf '%s: its target block (lines %s, above as block.sh) has shellcheck findings\n' "$target" "$range" >&2
    status=1
  fi
done
exit "$status"
