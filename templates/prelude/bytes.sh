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
