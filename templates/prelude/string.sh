# String methods. Every operation here is a native pattern operation on the
# whole string, never a shell loop over its bytes, except where noted; see
# docs/subset.md for each one's cost. Patterns built from data are quoted.

# The bytes String.prototype.trim removes from a Latin-1 string: the ASCII
# ones (tab, LF, VT, FF, CR, space) and NBSP (0xA0), from the byte
# variables the compiler sets (no process).
__ws=" 	
$__x0B$__x0C$__x0D"
__nbsp=$__xA0
# The cursor of __char_at: the string it walks, the index, the bytes before
# and from the index.
__cursor_text=''
__cursor_index=0
__cursor_before=''
__cursor_after=''

# __qmarks COUNT: COUNT question marks (a pattern matching COUNT bytes) in
# __r, built by doubling in O(log COUNT) steps.
__qmarks() {
  __r=''
  __qm_unit='?'
  __qm_count=$1
  while [ "$__qm_count" -gt 0 ]; do
    if [ $((__qm_count % 2)) -eq 1 ]; then __r=$__r$__qm_unit; fi
    __qm_unit=$__qm_unit$__qm_unit
    __qm_count=$((__qm_count / 2))
  done
}

# __slice TEXT START [END]: String.prototype.slice.
__slice() {
  # From a small start to the end, the common step of a scanner: one or two
  # native removals, no pattern to build. A text shorter than the start
  # gives "", as in JavaScript (the removal would leave it whole).
  if [ $# -eq 2 ]; then
    case $2 in
      0)
        __r=$1
        return 0
        ;;
      1)
        __r=${1#?}
        return 0
        ;;
      2 | 3 | 4)
        if [ "${#1}" -le "$2" ]; then
          __r=''
        elif [ "$2" -eq 2 ]; then
          __r=${1#??}
        elif [ "$2" -eq 3 ]; then
          __r=${1#???}
        else
          __r=${1#????}
        fi
        return 0
        ;;
    esac
  fi
  __sl_len=${#1}
  __clamp_index "$2" "$__sl_len"
  __sl_start=$__r
  __clamp_index "${3-$__sl_len}" "$__sl_len"
  __sl_end=$__r
  if [ "$__sl_end" -le "$__sl_start" ]; then
    __r=''
    return 0
  fi
  __qmarks "$__sl_start"
  # shellcheck disable=SC2295 # __r is a pattern of ? on purpose
  __sl_rest=${1#$__r}
  if [ "$__sl_end" -eq "$__sl_len" ]; then
    __r=$__sl_rest
    return 0
  fi
  __qmarks $((__sl_len - __sl_end))
  # shellcheck disable=SC2295 # __r is a pattern of ? on purpose
  __r=${__sl_rest%$__r}
}

# __index_of TEXT SEARCH [FROM]: String.prototype.indexOf.
__index_of() {
  __io_from=${3-0}
  if [ "$__io_from" -lt 0 ]; then __io_from=0; fi
  if [ "$__io_from" -gt "${#1}" ]; then __io_from=${#1}; fi
  __io_text=$1
  if [ "$__io_from" -gt 0 ]; then
    __slice "$1" "$__io_from"
    __io_text=$__r
  fi
  case "$__io_text" in
    *"$2"*)
      __io_before=${__io_text%%"$2"*}
      __r=$((__io_from + ${#__io_before}))
      ;;
    *) __r=-1 ;;
  esac
}

# __starts_with TEXT PREFIX
__starts_with() {
  case "$1" in
    "$2"*) return 0 ;;
  esac
  return 1
}

# __ends_with TEXT SUFFIX
__ends_with() {
  case "$1" in
    *"$2") return 0 ;;
  esac
  return 1
}

# __includes TEXT PART
__includes() {
  case "$1" in
    *"$2"*) return 0 ;;
  esac
  return 1
}

# __trim TEXT: String.prototype.trim on a Latin-1 string. The ASCII white
# space goes in one native pattern operation per end; NBSP (0xA0) is matched
# on its own, as a literal, because zsh never matches a byte above 0x7F
# against a bracket expression that lists it.
# shellcheck disable=SC2295 # $__ws is a bracket expression on purpose
__trim() {
  __tr_text=$1
  while :; do
    __tr_lead=${__tr_text%%[!$__ws]*}
    __tr_text=${__tr_text#"$__tr_lead"}
    [ -n "$__nbsp" ] || break # yash cannot hold the byte
    case "$__tr_text" in
      "$__nbsp"*) __tr_text=${__tr_text#?} ;;
      *) break ;;
    esac
  done
  while :; do
    __tr_trail=${__tr_text##*[!$__ws]}
    __tr_text=${__tr_text%"$__tr_trail"}
    [ -n "$__nbsp" ] || break
    case "$__tr_text" in
      *"$__nbsp") __tr_text=${__tr_text%?} ;;
      *) break ;;
    esac
  done
  __r=$__tr_text
}

# __char_at TEXT INDEX: String.prototype.charAt, and text[i]. A cursor
# remembers the last string and index, so a scan that moves a byte at a time
# costs one step per byte instead of a walk from the start every time; the
# next byte, the common case, takes the short path first (only while there
# is a next byte: stepping past the end would leave the cursor's index ahead
# of its text).
__char_at() {
  if [ "$2" -eq $((__cursor_index + 1)) ] && [ -n "${__cursor_after#?}" ] && [ "$1" = "$__cursor_text" ]; then
    __ca_next=${__cursor_after#?}
    __cursor_before=$__cursor_before${__cursor_after%"$__ca_next"}
    __cursor_after=$__ca_next
    __cursor_index=$2
  else
    if [ "$2" -lt 0 ] || [ "$2" -ge "${#1}" ]; then
      __r=''
      return 0
    fi
    if [ "$1" != "$__cursor_text" ]; then
      __cursor_text=$1
      __cursor_index=0
      __cursor_before=''
      __cursor_after=$1
    fi
    while [ "$__cursor_index" -lt "$2" ]; do
      __ca_next=${__cursor_after#?}
      __cursor_before=$__cursor_before${__cursor_after%"$__ca_next"}
      __cursor_after=$__ca_next
      __cursor_index=$((__cursor_index + 1))
    done
    while [ "$__cursor_index" -gt "$2" ]; do
      __ca_prev=${__cursor_before%?}
      __cursor_after=${__cursor_before#"$__ca_prev"}$__cursor_after
      __cursor_before=$__ca_prev
      __cursor_index=$((__cursor_index - 1))
    done
  fi
  __ca_next=${__cursor_after#?}
  __r=${__cursor_after%"$__ca_next"}
}

# __split TEXT SEPARATOR: String.prototype.split with a string separator.
# An empty separator splits into bytes (a loop over the bytes).
__split() {
  __alloc
  __sp_h=$__r
  __sp_n=0
  __sp_rest=$1
  if [ -z "$2" ]; then
    while [ -n "$__sp_rest" ]; do
      __sp_next=${__sp_rest#?}
      eval "${__sp_h}_${__sp_n}=\${__sp_rest%\"\$__sp_next\"}"
      __sp_rest=$__sp_next
      __sp_n=$((__sp_n + 1))
    done
  else
    while :; do
      case "$__sp_rest" in
        *"$2"*) ;;
        *) break ;;
      esac
      __sp_part=${__sp_rest%%"$2"*}
      eval "${__sp_h}_${__sp_n}=\$__sp_part"
      __sp_rest=${__sp_rest#"$__sp_part$2"}
      __sp_n=$((__sp_n + 1))
    done
    eval "${__sp_h}_${__sp_n}=\$__sp_rest"
    __sp_n=$((__sp_n + 1))
  fi
  eval "${__sp_h}_n=\$__sp_n"
  __r=$__sp_h
}

# __replace_all TEXT SEARCH REPLACEMENT: String.prototype.replaceAll with a
# literal search string. An empty one inserts REPLACEMENT around every byte.
# A REPLACEMENT holding "$" is expanded per match as JavaScript does
# (__replacement_for); one without costs nothing more.
__replace_all() {
  __ra_out=''
  __ra_rest=$1
  __ra_with=$3
  __ra_expand=false
  case "$3" in
    *'$'*) __ra_expand=true ;;
  esac
  __ra_done='' # what precedes the current match, for $`
  if [ -z "$2" ]; then
    while :; do
      if [ "$__ra_expand" = true ]; then
        __replacement_for "$__ra_done" '' "$__ra_rest" "$3"
        __ra_with=$__r
        __ra_done=$__ra_done${__ra_rest%"${__ra_rest#?}"}
      fi
      __ra_out=$__ra_out$__ra_with
      [ -n "$__ra_rest" ] || break
      __ra_next=${__ra_rest#?}
      __ra_out=$__ra_out${__ra_rest%"$__ra_next"}
      __ra_rest=$__ra_next
    done
    __r=$__ra_out
    return 0
  fi
  while :; do
    case "$__ra_rest" in
      *"$2"*) ;;
      *) break ;;
    esac
    __ra_part=${__ra_rest%%"$2"*}
    __ra_rest=${__ra_rest#"$__ra_part$2"}
    if [ "$__ra_expand" = true ]; then
      __replacement_for "$__ra_done$__ra_part" "$2" "$__ra_rest" "$3"
      __ra_with=$__r
      __ra_done=$__ra_done$__ra_part$2
    fi
    __ra_out=$__ra_out$__ra_part$__ra_with
  done
  __r=$__ra_out$__ra_rest
}

# __replacement_for BEFORE MATCH AFTER REPLACEMENT: REPLACEMENT with $$, $&,
# $` and $' expanded (GetSubstitution with no capture groups: any other "$"
# stays as it is).
__replacement_for() {
  __rf_out=''
  __rf_rest=$4
  while :; do
    case "$__rf_rest" in
      *'$'*) ;;
      *) break ;;
    esac
    __rf_out=$__rf_out${__rf_rest%%'$'*}
    __rf_rest=${__rf_rest#*'$'}
    case "$__rf_rest" in
      '$'*) __rf_out=$__rf_out'$' ;;
      '&'*) __rf_out=$__rf_out$2 ;;
      '`'*) __rf_out=$__rf_out$1 ;;
      "'"*) __rf_out=$__rf_out$3 ;;
      *)
        __rf_out=$__rf_out'$'
        continue
        ;;
    esac
    __rf_rest=${__rf_rest#?}
  done
  __r=$__rf_out$__rf_rest
}
