# Whole-list operations on lines: one awk for the whole list, so the time is
# linear in its size where a loop of comparisons in sh would be quadratic.

# firstOccurrences(lines): for each element, the index of the first element
# equal to it (its own index when it is new). Elements hold no newline.
# The awk is the target's ($__awk, set where the masker's is) or awk.
std_first_occurrences() {
  eval "__fo_n=\${$1_n}"
  __alloc
  __fo_h=$__r
  eval "${__fo_h}_n=\$__fo_n"
  [ "$__fo_n" -gt 0 ] || return 0
  __join "$1" '
'
  # shellcheck disable=SC2016 # the awk program's $0, not the shell's
  __fo_out=$(printf '%s\n' "$__r" | "${__awk-awk}" '{ if (!($0 in first)) first[$0] = NR - 1; print first[$0] }')
  # Split at newlines by IFS (set -f is on): one native pass. The numbers
  # are never empty, so no field is lost.
  __fo_ifs_set=${IFS+x}
  __fo_ifs=${IFS-}
  IFS='
'
  __fo_i=0
  for __fo_value in $__fo_out; do
    eval "${__fo_h}_${__fo_i}=\$__fo_value"
    __fo_i=$((__fo_i + 1))
  done
  if [ -n "$__fo_ifs_set" ]; then IFS=$__fo_ifs; else unset IFS; fi
  __r=$__fo_h
}
