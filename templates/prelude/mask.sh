# The sh masker (contract section 5): an awk program that replaces every
# occurrence of a masked value in each line by *** (overlapping occurrences,
# of one value or several, by one ***), takes out ::add-mask::VALUE lines,
# and masks VALUE and its encoded forms from then on. The encoded forms are
# computed as src/runner/mask-forms.ts computes them (test/runner/mask.test.ts
# compares the two). Its environment:
#   __mask_file   the values to mask, one a line;
#   __mask_added  where added values go, one a line (the runner reads them
#                 after the step, for its own lines and later steps);
#   __mask_refused  a line for each refused value (too short or too long);
#   __mask_nonce  a line holding this marks a value added on the other
#                 stream: the masker reads __mask_added again (the marker
#                 and the line break it brought are taken out);
#   __mask_peer   (stdout's masker only) the fifo of stderr's masker, where
#                 it writes the marker after adding a value.
# The flushing call goes between the program's two halves: see
# __find_awk_flush.
# shellcheck disable=SC2016 # awk's $0, not the shell's
__mask_functions='
function encoded_forms(v,   forms, f, k, i) {
  forms[1] = base64_stable(v, 0)
  forms[2] = base64_stable(v, 1)
  forms[3] = base64_stable(v, 2)
  forms[4] = url_encoded(v, "0123456789ABCDEF")
  forms[5] = url_encoded(v, "0123456789abcdef")
  for (k = 1; k <= 5; k++) {
    f = forms[k]
    if (length(f) >= 6) add_value(f)
  }
}
function base64_stable(v, offset,   out, bits, count, emitted, skip, i, index6, shift) {
  out = ""
  bits = 0
  count = offset * 8
  emitted = 0
  skip = offset == 0 ? 0 : (offset == 1 ? 2 : 3)
  for (i = 1; i <= length(v); i++) {
    bits = bits * 256 + ord[substr(v, i, 1)]
    count += 8
    while (count >= 6) {
      shift = pow2[count - 6]
      index6 = int(bits / shift)
      bits -= index6 * shift
      count -= 6
      if (emitted >= skip) out = out substr(B64, index6 + 1, 1)
      emitted++
    }
  }
  return out
}
function url_encoded(v, hex,   out, i, c, code) {
  out = ""
  for (i = 1; i <= length(v); i++) {
    c = substr(v, i, 1)
    if (index(UNRESERVED, c) > 0) out = out c
    else {
      code = ord[c]
      out = out "%" substr(hex, int(code / 16) + 1, 1) substr(hex, code % 16 + 1, 1)
    }
  }
  return out
}
function add_value(v) {
  if (v == "" || (v in have)) return
  have[v] = 1
  masks[++n] = v
}
function add_mask(v) {
  if (length(v) < 4 || length(v) > 65524) {
    print "refused" >> ENVIRON["__mask_refused"]
    close(ENVIRON["__mask_refused"])
    return
  }
  print v >> ENVIRON["__mask_added"]
  close(ENVIRON["__mask_added"])
  add_value(v)
  encoded_forms(v)
  if (ENVIRON["__mask_peer"] != "") {
    print nonce > ENVIRON["__mask_peer"]
    close(ENVIRON["__mask_peer"])
  }
}
function read_added(   v) {
  close(ENVIRON["__mask_added"])
  while ((getline v < ENVIRON["__mask_added"]) > 0) {
    if (!(v in have)) {
      add_value(v)
      encoded_forms(v)
    }
  }
  close(ENVIRON["__mask_added"])
}
function mask(line,   k, i, v, from, at, nk, s, e, t, out, pos, run_s, run_e) {
  nk = 0
  for (i = 1; i <= n; i++) {
    v = masks[i]
    if ((at = index(line, v)) == 0) continue
    from = 0
    while (at > 0) {
      s[++nk] = from + at
      e[nk] = from + at + length(v)
      from += at
      at = index(substr(line, from + 1), v)
    }
  }
  if (nk == 0) return line
  for (i = 2; i <= nk; i++) {
    for (k = i; k > 1 && s[k - 1] > s[k]; k--) {
      t = s[k]; s[k] = s[k - 1]; s[k - 1] = t
      t = e[k]; e[k] = e[k - 1]; e[k - 1] = t
    }
  }
  out = ""
  pos = 1
  run_s = s[1]
  run_e = e[1]
  for (i = 2; i <= nk; i++) {
    if (s[i] < run_e) {
      if (e[i] > run_e) run_e = e[i]
    } else {
      out = out substr(line, pos, run_s - pos) "***"
      pos = run_e
      run_s = s[i]
      run_e = e[i]
    }
  }
  out = out substr(line, pos, run_s - pos) "***"
  # Never substr(line, length + 1): mawk can return stale bytes for it on a
  # last line without a newline.
  if (run_e <= length(line)) out = out substr(line, run_e, length(line) - run_e + 1)
  return out
}
BEGIN {
  B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
  for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
  # busybox awk may lack ^ (built without math support).
  pow2[0] = 1
  for (i = 1; i <= 18; i++) pow2[i] = pow2[i - 1] * 2
  n = 0
  while ((getline value < ENVIRON["__mask_file"]) > 0) add_value(value)
  nonce = ENVIRON["__mask_nonce"]
  held = ""
  frame = ENVIRON["__frame_prefix"]
}
'
# The stream's body: between it and its end, the flushing call.
# shellcheck disable=SC2016 # awk's $0
__mask_program='
{
  line = held $0
  held = ""
  if (nonce != "" && (at = index(line, nonce)) > 0) {
    held = substr(line, 1, at - 1) substr(line, at + length(nonce))
    read_added()
    next
  }
  if (substr(line, 1, 12) == "::add-mask::") {
    add_mask(substr(line, 13))
    next
  }
  # Through a variable: mawk 1.3.4 -W interactive, printing the result of mask()
  # directly, repeats stale input after a last line without a newline.
  masked = mask(line)
  if (frame != "") masked = frame (++framed) "] " masked
  print masked
'
__mask_program_end='
}
END {
  if (held != "") {
    masked = mask(held)
    if (frame != "") masked = frame (++framed) "] " masked
    print masked
  }
}'

__newline='
'

# __mask_awk SPACE [PEER]: the masker, as a filter from stdin to stdout,
# framing its lines in seq space SPACE (o or e; contract section 9) when
# asked; it becomes awk, so run it in the background only
# (`__mask_awk e <in &`), where $! is awk. PEER: the other stream's fifo,
# told of values added here.
__mask_awk() {
  __frame_env "$1"
  shift
  __mask_file=$__scratch/masks
  __mask_added=$__scratch/added
  __mask_refused=$__scratch/refused
  __mask_nonce=$__mask_marker
  __mask_peer=${1-}
  LC_ALL=C
  export __mask_file __mask_added __mask_refused __mask_nonce __mask_peer LC_ALL
  if [ "$__awk_interactive" = true ]; then
    exec "$__awk" -W interactive "$__mask_functions$__mask_program$__awk_flush$__mask_program_end"
  fi
  exec "$__awk" "$__mask_functions$__mask_program$__awk_flush$__mask_program_end"
}

# __mask_prepare MASKS: write the values of the array MASKS to the masker's
# file (one a line: a value with a line break in it is masked by its lines,
# which the list holds too), empty its added and refused files, and choose
# the marker that tells a masker of a value added on the other stream.
__mask_prepare() {
  : >"$__scratch/masks"
  : >"$__scratch/added"
  : >"$__scratch/refused"
  eval "__mp_n=\${$1_n}"
  __mp_i=0
  while [ "$__mp_i" -lt "$__mp_n" ]; do
    eval "__mp_value=\${$1_${__mp_i}}"
    case $__mp_value in
      *"$__newline"*) ;;
      *) printf '%s\n' "$__mp_value" >>"$__scratch/masks" ;;
    esac
    __mp_i=$((__mp_i + 1))
  done
  # Unknown to the job: the scratch directory's random suffix, and a count.
  __mask_marker="solstice-mask-${__scratch##*.}-$$-${__jobs_run}-added"
}

# __mask_results: a record of the values the job added (an array) and how
# many it had refused, in __r_added and __r_refused.
__mask_results() {
  std_read_lines "$__scratch/added"
  __r_added=$__r
  __r_refused=0
  while IFS= read -r __mr_line; do
    __r_refused=$((__r_refused + 1))
  done <"$__scratch/refused"
}

# maskLine(line, masks): the masker's step for a line the runner prints.
# Most lines hold no value: the shell checks; a line that does goes
# through the masker's own program, so both mask alike.
std_mask_line() {
  __ml_line=$1
  eval "__ml_n=\${$2_n}"
  __ml_i=0
  __ml_found=false
  while [ "$__ml_i" -lt "$__ml_n" ]; do
    eval "__ml_value=\${$2_${__ml_i}}"
    case $__ml_value in
      '' | *"$__newline"*) ;;
      *)
        case $__ml_line in
          *"$__ml_value"*)
            __ml_found=true
            break
            ;;
        esac
        ;;
    esac
    __ml_i=$((__ml_i + 1))
  done
  __r=$__ml_line
  [ "$__ml_found" = true ] || return 0
  # The values go first on awk's input, after their count: no file, so a
  # line logged before the scratch directory exists does not make one.
  __ml_list=''
  __ml_count=0
  __ml_i=0
  while [ "$__ml_i" -lt "$__ml_n" ]; do
    eval "__ml_value=\${$2_${__ml_i}}"
    case $__ml_value in
      '' | *"$__newline"*) ;;
      *)
        __ml_list=$__ml_list$__ml_value$__newline
        __ml_count=$((__ml_count + 1))
        ;;
    esac
    __ml_i=$((__ml_i + 1))
  done
  # The line's own line breaks survive: awk prints each piece with one,
  # and the x keeps the last from being cut by $(...).
  __r=$(printf '%s\n%s%s\n' "$__ml_count" "$__ml_list" "$__ml_line" | __mask_file=/dev/null __mask_added=/dev/null __mask_refused=/dev/null __mask_nonce='' __mask_peer='' LC_ALL=C "$__awk" "$__mask_functions$__mask_line_program"; echo x)
  __r=${__r%"$__newline"x}
}

# The line masker: the stream masker without ::add-mask:: lines and markers.
# shellcheck disable=SC2016 # awk's $0
__mask_line_program='
NR == 1 {
  count = $0 + 0
  next
}
NR <= count + 1 {
  add_value($0)
  next
}
{
  masked = mask($0)
  print masked
}'
