# Arrays and records live in a heap of shell variables: a handle _hN names
# them; an array keeps its length in _hN_n and its elements in _hN_0, _hN_1,
# …; a record keeps field f in _hN_f. Handles are references, as in JS.
# eval only ever sees handles, digits and $name references, never data.

# __alloc: a fresh handle in __r.
__alloc() {
  __hp=$((__hp + 1))
  __r=_h$__hp
}

# __array_of VALUE...: a new array holding the arguments.
__array_of() {
  __alloc
  __ao_n=0
  # ${1+"$@"}: posh calls "$@" unset under set -u when there are no arguments.
  for __ao_value in ${1+"$@"}; do
    eval "${__r}_${__ao_n}=\$__ao_value"
    __ao_n=$((__ao_n + 1))
  done
  eval "${__r}_n=\$__ao_n"
}

# __push HANDLE VALUE: append; the new length in __r (as Array.push returns).
__push() {
  eval "__r=\${$1_n}"
  eval "$1_${__r}=\$2"
  __r=$((__r + 1))
  eval "$1_n=\$__r"
}

# __join HANDLE SEPARATOR. Appending to a string copies it in most shells,
# so joining element by element is quadratic in the result's size (a 500 KB
# secret of 64-byte lines); elements are joined in pieces of 64 first, and
# the pieces onto the result, which cuts the copying some 64 times.
__join() {
  eval "__jo_n=\${$1_n}"
  __jo_i=0
  __jo_out=''
  __jo_piece=''
  while [ "$__jo_i" -lt "$__jo_n" ]; do
    eval "__jo_value=\${$1_${__jo_i}}"
    if [ "$__jo_i" -gt 0 ]; then __jo_piece=$__jo_piece$2; fi
    __jo_piece=$__jo_piece$__jo_value
    __jo_i=$((__jo_i + 1))
    if [ $((__jo_i % 64)) -eq 0 ]; then
      __jo_out=$__jo_out$__jo_piece
      __jo_piece=''
    fi
  done
  __r=$__jo_out$__jo_piece
}

# __array_includes HANDLE VALUE: status 0 when an element equals VALUE.
__array_includes() {
  eval "__ai_n=\${$1_n}"
  __ai_i=0
  while [ "$__ai_i" -lt "$__ai_n" ]; do
    eval "__ai_value=\${$1_${__ai_i}}"
    [ "$__ai_value" = "$2" ] && return 0
    __ai_i=$((__ai_i + 1))
  done
  return 1
}

# __array_slice HANDLE [START [END]]: a new array, with Array.slice's rules
# for negative and out-of-range bounds.
__array_slice() {
  eval "__as_n=\${$1_n}"
  __as_start=${2-0}
  __as_end=${3-$__as_n}
  __clamp_index "$__as_start" "$__as_n"
  __as_start=$__r
  __clamp_index "$__as_end" "$__as_n"
  __as_end=$__r
  __alloc
  __as_h=$__r
  __as_k=0
  while [ "$__as_start" -lt "$__as_end" ]; do
    eval "${__as_h}_${__as_k}=\${$1_${__as_start}}"
    __as_start=$((__as_start + 1))
    __as_k=$((__as_k + 1))
  done
  eval "${__as_h}_n=\$__as_k"
  __r=$__as_h
}

# __clamp_index INDEX LENGTH: slice()'s reading of an index: negative counts
# from the end; the result lies in 0..LENGTH.
__clamp_index() {
  __r=$1
  if [ "$__r" -lt 0 ]; then __r=$(($2 + __r)); fi
  if [ "$__r" -lt 0 ]; then __r=0; fi
  if [ "$__r" -gt "$2" ]; then __r=$2; fi
}

# __array_set HANDLE INDEX VALUE: a[i] = v. Storing at the length appends, as
# in JavaScript (portable code never stores further out, which would leave
# holes).
__array_set() {
  eval "$1_$2=\$3"
  eval "__at_n=\${$1_n}"
  if [ "$2" -ge "$__at_n" ]; then eval "$1_n=\$(($2 + 1))"; fi
}
