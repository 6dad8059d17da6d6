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

# utf8Lossy(text): text as valid UTF-8, each maximal ill-formed part as
# U+FFFD (src/std/node-bytes.ts). One awk in the C locale, where a string is
# bytes; the x after it keeps trailing newlines from $(...).
# shellcheck disable=SC2016 # the awk program's $0, not the shell's
__utf8_program='
BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; bad = "\357\277\275" }
{
  out = ""; n = length($0); i = 1
  while (i <= n) {
    c = ord[substr($0, i, 1)]
    if (c < 128) { out = out substr($0, i, 1); i++; continue }
    need = 0; lo = 128; hi = 191
    if (c >= 194 && c <= 223) need = 1
    else if (c >= 224 && c <= 239) { need = 2; if (c == 224) lo = 160; if (c == 237) hi = 159 }
    else if (c >= 240 && c <= 244) { need = 3; if (c == 240) lo = 144; if (c == 244) hi = 143 }
    if (need == 0) { out = out bad; i++; continue }
    ok = 1
    for (j = 1; j <= need; j++) {
      if (i + j > n) { ok = 0; break }
      d = ord[substr($0, i + j, 1)]
      if (j == 1 && (d < lo || d > hi)) { ok = 0; break }
      if (j > 1 && (d < 128 || d > 191)) { ok = 0; break }
    }
    if (ok) { out = out substr($0, i, need + 1); i += need + 1 } else { out = out bad; i += j }
  }
  print out
}'
std_utf8_lossy() {
  __r=$(printf '%s\n' "$1" | LC_ALL=C "${__awk-awk}" "$__utf8_program"; echo x)
  __r=${__r%?x}
}
