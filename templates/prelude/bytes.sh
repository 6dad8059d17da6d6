# Single bytes: the std's charFromByte and byteAt0.

# charFromByte(code): the one-byte string for 1..255.
std_char_from_byte() {
  if [ "$1" -eq 10 ]; then
    # $(...) would strip a newline.
    __r='
'
    return 0
  fi
  # dash's printf has no \x: octal escapes work everywhere.
  # shellcheck disable=SC2059 # the format is the escape, built from digits
  __r=$(printf "\\$(($1 / 64))$(($1 / 8 % 8))$(($1 % 8))")
}

# byteAt0(text): the value of the first byte, -1 for "".
std_byte_at0() {
  if [ -z "$1" ]; then
    __r=-1
    return 0
  fi
  __ba_rest=${1#?}
  __ba_char=${1%"$__ba_rest"}
  if [ "$__ba_char" = '
' ]; then
    __r=10
    return 0
  fi
  # printf %d "'c" gives the byte's value; some shells give high bytes as negative.
  __r=$(printf '%d' "'$__ba_char")
  if [ "$__r" -lt 0 ]; then __r=$((__r + 256)); fi
}

# The control bytes 0x01..0x1f and DEL, for a bracket expression: tab and
# newline as they are, the others from the byte variables the compiler sets
# for the __xNN names the prelude it copies uses (no process).
__controls="$__x01$__x02$__x03$__x04$__x05$__x06$__x07$__x08	
$__x0B$__x0C$__x0D$__x0E$__x0F$__x10$__x11$__x12$__x13$__x14$__x15$__x16$__x17$__x18$__x19$__x1A$__x1B$__x1C$__x1D$__x1E$__x1F$__x7F"

# hasControlBytes(text)
std_has_control_bytes() {
  # shellcheck disable=SC2254 # a bracket expression on purpose
  case "$1" in
    *[$__controls]*) return 0 ;;
  esac
  return 1
}

# asciiPrefix(text, kind): the longest prefix of text made of the
# bytes kind allows (see src/std/node-bytes.ts). Each class is one or a few
# native pattern removals; ranges stay unquoted, as quoting a bracket's
# characters makes them literal.
std_ascii_prefix() {
  case $2 in
    space) __r=${1%%[! 	]*} ;;
    text) __r=${1%%[! -~	]*} ;;
    quoted)
      __r=${1%%[! -~	]*}
      __r=${__r%%[\"\\]*}
      ;;
    comment)
      __r=${1%%[! -~	]*}
      __r=${__r%%[*/]*}
      ;;
    kdl-word)
      __r=${1%%[!!-~]*}
      __r=${__r%%[\\/\(\)\{\}\;\[\"#=]*}
      __r=${__r%%\]*}
      ;;
    kdl1-word)
      __r=${1%%[!!-~]*}
      __r=${__r%%[\\/\(\)\{\}\<\>\;\[=,\"#]*}
      __r=${__r%%\]*}
      ;;
    *) __r='' ;;
  esac
}

# allBytesIn(text, byteClass): whether every byte of text is in the class,
# one bracket expression (bytes and ranges; src/std/node-text.ts says which
# classes are portable, and Node refuses the others).
std_all_bytes_in() {
  # shellcheck disable=SC2254 # a bracket expression on purpose
  case "$1" in
    *[!$2]*) return 1 ;;
  esac
  return 0
}

# dropPrefix(text, prefix): text without prefix at its front (text when it
# does not start with it); the quotes make the prefix literal. posh gives ""
# for ${1#...}: the text goes through a variable first.
std_drop_prefix() {
  __dp_text=$1
  __r=${__dp_text#"$2"}
}
