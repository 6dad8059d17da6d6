#!/bin/sh
# Runs shellcheck over everything in generated/ within a minute or so.
# The time of shellcheck 0.9 grows much faster than the script: on the plain
# script (14,000 lines) 110 s and 9 GB, on a quarter of it 3 s. So:
# - The plain script is checked in pieces of about 3,500 lines, each cut
#   just before a top-level function definition (`name() {` at column 0,
#   a form the awk programs inside quoted strings never take). Each piece
#   after the first starts with the script's header, up to and including
#   its file-wide directive (SC2034 and SC2154 are off for the whole script:
#   the heap's variables are read and written through eval), so every
#   piece is checked as the whole script is.
# - A per-target runner (scripts/cross.ts) is the plain script with another
#   line 2 (its header) and one inserted block (the target's PATH and awk):
#   this script proves that is all that differs, then checks the block
#   alone. Anything else differing is checked whole.
set -u
plain=generated/solstice-runner.sh
piece_lines=3500
status=0
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT

# The header: the lines up to the file-wide directive.
header=$(grep -n '^# shellcheck disable=SC2034,SC2154$' "$plain" | head -1 | cut -d: -f1)
if [ -z "$header" ]; then
  printf '%s: its file-wide directive (# shellcheck disable=SC2034,SC2154) is gone; checking it whole\n' "$plain" >&2
  shellcheck -s sh "$plain" || status=1
else
  # Pieces named by the line of the plain script they start at: a finding
  # at line N of piece FROM is at line FROM + N - 1 - HEADER of the script
  # (the first piece: line N).
  LC_ALL=C awk -v dir="$scratch" -v header="$header" -v size="$piece_lines" '
    NR <= header { head = head $0 "\n" }
    NR == 1 || (NR - from >= size && /^[A-Za-z_][A-Za-z0-9_]*\(\) \{$/) {
      if (out != "") close(out)
      from = NR
      out = sprintf("%s/from-line-%05d.sh", dir, NR)
      if (NR > 1) printf "%s", head > out
    }
    { print > out }
  ' "$plain"
  set -- "$scratch"/from-line-*.sh
  printf 'shellcheck: %s in %s pieces (the first %s lines before each but the first)\n' "$plain" "$#" "$header"
  # mktemp's names hold no blanks: one line a piece for xargs.
  printf '%s\n' "$@" | xargs -P 2 -n 1 shellcheck -s sh || status=1
fi

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
