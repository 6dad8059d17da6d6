# Integers from text: the std's isDecimalInteger and toInteger.

# isDecimalInteger(text): an optional "-" and one or more ASCII digits.
std_is_decimal_integer() {
  __di_digits=${1#-}
  case "$__di_digits" in
    '' | *[!0-9]*) return 1 ;;
  esac
  return 0
}

# toInteger(text): its value; 0 when it is not a decimal integer.
std_to_integer() {
  __r=0
  std_is_decimal_integer "$1" || return 0
  __ti_digits=${1#-}
  # Leading zeros would make ksh93 and others read the number as octal.
  __ti_digits=${__ti_digits#"${__ti_digits%%[!0]*}"}
  [ -n "$__ti_digits" ] || return 0
  case "$1" in
    -*) __r=$((0 - __ti_digits)) ;;
    *) __r=$__ti_digits ;;
  esac
}
