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
  if (length(v) > longest) longest = length(v)
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
# The runs of masked bytes in line: every occurrence of every value, those
# that overlap merged, in run_s[1..runs] (first byte) and run_e (the byte
# after the last).
function find_runs(line,   i, v, from, at, nk, s, e, k, t, run_s_, run_e_) {
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
  runs = 0
  if (nk == 0) return
  for (i = 2; i <= nk; i++) {
    for (k = i; k > 1 && s[k - 1] > s[k]; k--) {
      t = s[k]; s[k] = s[k - 1]; s[k - 1] = t
      t = e[k]; e[k] = e[k - 1]; e[k - 1] = t
    }
  }
  run_s_ = s[1]
  run_e_ = e[1]
  for (i = 2; i <= nk; i++) {
    if (s[i] < run_e_) {
      if (e[i] > run_e_) run_e_ = e[i]
    } else {
      run_s[++runs] = run_s_
      run_e[runs] = run_e_
      run_s_ = s[i]
      run_e_ = e[i]
    }
  }
  run_s[++runs] = run_s_
  run_e[runs] = run_e_
}
# line masked up to byte cut (not included), cut first moved back to the
# start of a run it would split; the cut taken in cut_at.
function masked_before(line, cut,   r, out, pos) {
  find_runs(line)
  if (runs == 0) {
    cut_at = cut
    return cut > length(line) ? line : substr(line, 1, cut - 1)
  }
  for (r = 1; r <= runs; r++) {
    if (run_s[r] < cut && run_e[r] > cut) {
      cut = run_s[r]
      break
    }
  }
  cut_at = cut
  out = ""
  pos = 1
  for (r = 1; r <= runs && run_e[r] <= cut; r++) {
    out = out substr(line, pos, run_s[r] - pos) "***"
    pos = run_e[r]
  }
  # Never substr(line, length + 1): mawk can return stale bytes for it on a
  # last line without a newline.
  if (pos < cut) out = out substr(line, pos, cut - pos)
  return out
}
function mask(line) {
  return masked_before(line, length(line) + 1)
}
# The longest tail of text that is a proper prefix of a value (or of the
# marker of the other stream): what an unfinished line holds back, since more
# output may still make it a value.
function tail_kept(text,   best, i, v, tail, first, at, from, k, start) {
  best = 0
  start = length(text) - longest + 2
  tail = start > 1 ? substr(text, start) : text
  for (i = 0; i <= n; i++) {
    v = i == 0 ? nonce : masks[i]
    if (v == "") continue
    first = substr(v, 1, 1)
    from = 0
    while ((at = index(substr(tail, from + 1), first)) > 0) {
      from += at
      k = length(tail) - from + 1
      if (k <= best) break
      if (k < length(v) && substr(v, 1, k) == substr(tail, from)) {
        best = k
        break
      }
    }
  }
  return best
}
# A whole line (the end of one, when part was printed): masked and
# printed, unless it is a directive.
function take_line(line,   at, masked) {
  cur = ""
  if (dropping) {
    dropping = 0
    return
  }
  if (nonce != "" && (at = index(line, nonce)) > 0) {
    cur = substr(line, 1, at - 1) substr(line, at + length(nonce))
    read_added()
    return
  }
  if (!started && substr(line, 1, 12) == "::add-mask::") {
    add_mask(substr(line, 13))
    return
  }
  # Through a variable: mawk 1.3.4 -W interactive, printing the result of
  # mask() directly, repeats stale input after a last line without a newline.
  masked = mask(line)
  if (!started && frame != "") masked = frame (++framed) "] " masked
  started = 0
  print masked
}
# The unfinished line in cur, after a read ended in it: print what can
# no longer become a value, masked; hold the rest. A framed line is
# printed whole (a frame is one line), a directive taken whole.
function take_unfinished(   cut, out) {
  if (dropping) cur = ""
  if (cur == "" || frame != "") return
  if (!started && index("::add-mask::", substr(cur, 1, 12)) == 1) {
    # A value longer than any accepted one: refused now, the rest of its
    # line dropped as it comes.
    if (length(cur) > 65536 && substr(cur, 1, 12) == "::add-mask::") {
      add_mask(substr(cur, 13))
      cur = ""
      dropping = 1
    }
    return
  }
  cut = length(cur) - tail_kept(cur) + 1
  if (cut <= 1) return
  out = masked_before(cur, cut)
  if (cut_at <= 1) return
  printf "%s", out
  started = 1
  cur = substr(cur, cut_at)
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
  if (length(nonce) > longest) longest = length(nonce)
  chunk = ENVIRON["__mask_chunk"]
  cur = ""
  frame = ENVIRON["__frame_prefix"]
}
'
# The stream's body: between it and its end, the flushing call.
# shellcheck disable=SC2016 # awk's $0
__mask_program='
{
  if (chunk == "") take_line(cur $0)
  else if ($0 == chunk) {
    if (have_last) cur = cur last
    have_last = 0
    take_unfinished()
  } else {
    # Complete only once the next line shows that a read did not end in it.
    if (have_last) take_line(cur last)
    last = $0
    have_last = 1
  }
'
__mask_program_end='
}
END {
  if (have_last) cur = cur last
  if (cur != "" || started) take_line(cur)
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
  export __mask_file __mask_added __mask_refused __mask_nonce __mask_peer __mask_chunk LC_ALL
  if [ "$__awk_interactive" = true ]; then
    exec "$__awk" -W interactive "$__mask_functions$__mask_program$__awk_flush$__mask_program_end"
  fi
  exec "$__awk" "$__mask_functions$__mask_program$__awk_flush$__mask_program_end"
}

# __mask_relay STATS: copy stdin to stdout a read at a time, each read
# followed by a line break and the chunk marker line, until the end of
# file. awk reads whole lines; this way it gets an unfinished line (a
# prompt, a progress bar) as soon as it is written, and no line longer
# than one read (64 KiB): mawk 1.3.4 -W interactive takes time quadratic
# in a line's length (a 4 MB line: 34 s). dd, because it writes each read
# as it is, at once. STATS holds its report, whose "records in" line POSIX
# fixes in the C locale: "0+0 records in" says nothing was read, the end
# of file. A dd that reports otherwise gets cat for the rest (whole lines,
# each printed when the next comes).
__mask_relay() {
  while LC_ALL=C dd bs=65536 count=1 2>"$1"; do
    # A warning may come first.
    __mrl_stats=''
    while IFS= read -r __mrl_stats; do
      case $__mrl_stats in
        *' records in') break ;;
      esac
    done <"$1"
    case $__mrl_stats in
      '0+0 records in') return 0 ;;
      *' records in') ;;
      *) exec cat ;;
    esac
    printf '\n%s\n' "$__mask_chunk"
  done
}

# __mask_prepare MASKS: write the values of the array MASKS to the masker's
# file (one a line: a value with a line break in it is masked by its lines,
# which the list holds too), empty its added and refused files, and choose
# the marker that tells a masker of a value added on the other stream.
__mask_prepare() {
  : >"$__scratch/added"
  : >"$__scratch/refused"
  eval "__mp_n=\${$1_n}"
  # The values are joined, in pieces of 64 (appending to one long text
  # copies it), and written by one here-document: printf is no builtin in
  # mksh and posh, where a process per value took a 100 KB multi-line
  # secret's 7,000 masks over a minute, and its exec fails past 128 KiB
  # (that secret's base64 forms were left out of the set).
  __mp_text=''
  __mp_piece=''
  __mp_i=0
  while [ "$__mp_i" -lt "$__mp_n" ]; do
    eval "__mp_value=\${$1_${__mp_i}}"
    case $__mp_value in
      *"$__newline"*) ;;
      *) __mp_piece=$__mp_piece$__mp_value$__newline ;;
    esac
    __mp_i=$((__mp_i + 1))
    if [ $((__mp_i % 64)) -eq 0 ]; then
      __mp_text=$__mp_text$__mp_piece
      __mp_piece=''
    fi
  done
  __mp_text=$__mp_text$__mp_piece
  if [ -z "$__mp_text" ]; then
    : >"$__scratch/masks"
  else
    # The here-document ends the last line.
    __heredoc_in_scratch
    cat >"$__scratch/masks" <<EOF
${__mp_text%"$__newline"}
EOF
    __heredoc_done
  fi
  # Unknown to the job: the scratch directory's random suffix, and a count.
  __mask_marker="solstice-mask-${__scratch##*.}-$$-${__jobs_run}-added"
  # The relays' marker (__mask_relay); none without dd, which POSIX has:
  # the maskers then read the job's fifos as they are (whole lines).
  __mask_chunk=''
  if command -v dd >/dev/null 2>&1; then
    __mask_chunk="solstice-read-${__scratch##*.}-$$-${__jobs_run}-end"
  fi
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
# through the masker's own program, so both mask alike. The program is
# given only the values the line holds: it masks the runs of values it
# finds in the line as it is, so no other value could change what it
# prints, and a large secret's thousands of values are not copied.
std_mask_line() {
  __ml_line=$1
  eval "__ml_n=\${$2_n}"
  __ml_i=0
  __ml_list=''
  __ml_count=0
  while [ "$__ml_i" -lt "$__ml_n" ]; do
    eval "__ml_value=\${$2_${__ml_i}}"
    case $__ml_value in
      '' | *"$__newline"*) ;;
      *)
        case $__ml_line in
          *"$__ml_value"*)
            __ml_list=$__ml_list$__ml_value$__newline
            __ml_count=$((__ml_count + 1))
            ;;
        esac
        ;;
    esac
    __ml_i=$((__ml_i + 1))
  done
  __r=$__ml_line
  [ "$__ml_count" -gt 0 ] || return 0
  # The values go first on awk's input, after their count: no file, so a
  # line logged before the scratch directory exists does not make one.
  # The line's own line breaks survive: awk prints each piece with one,
  # and the x keeps the last from being cut by $(...).
  # Values and line go through printf while they are small: no file. Past
  # that a here-document (in the scratch directory) takes them, since mksh's
  # and posh's printf is no builtin, and its exec fails past 128 KiB in one
  # argument (a large secret's base64 form).
  if [ "${#__ml_list}" -lt 65536 ] && [ "${#__ml_line}" -lt 65536 ]; then
    __r=$(printf '%s\n%s%s\n' "$__ml_count" "$__ml_list" "$__ml_line" | __mask_line_awk; echo x)
  else
    __heredoc_in_scratch
    __r=$(
      __mask_line_awk <<EOF
$__ml_count
$__ml_list$__ml_line
EOF
      echo x
    )
    __heredoc_done
  fi
  __r=${__r%"$__newline"x}
}

# __mask_line_awk: the line masker (below) over its input: the values
# count, the values, then the text.
__mask_line_awk() {
  __mask_file=/dev/null __mask_added=/dev/null __mask_refused=/dev/null __mask_nonce='' __mask_peer='' LC_ALL=C "$__awk" "$__mask_functions$__mask_line_program"
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

# The mask set in bulk (secretMasksOf, withMasks): one awk for a whole list,
# where a shell loop per value and per byte took minutes for a 100 KB
# multi-line secret. Values go to awk in a here-document, each after its
# length in bytes (a value may hold line breaks); no argument holds them,
# since mksh and posh have no printf builtin and the exec of one fails past
# 128 KB. Results come back as shell code that names only array elements and
# positional parameters: awk prints each new value on a line of its own (no
# result holds a line break but a whole input value, which the code names
# instead), then the code on the last line; the shell splits the lines into
# its parameters and runs the code. No value is ever parsed as code.
# The encoders work three bytes (one group of four characters) at a time
# from tables built once, and join their output in pieces of 256 and 16 K
# characters: appending to one long string copies it in mawk and busybox
# awk, which made a character-by-character encoder quadratic.
# shellcheck disable=SC2016 # awk's and the generated code's $, not the shell's
__mask_set_functions='
function read_values(value,   count, k, len, line, parts, np, size) {
  if ((getline count) <= 0) return 0
  count += 0
  for (k = 0; k < count; k++) {
    getline len
    len += 0
    np = 0
    size = -1
    while (size < len && (getline line) > 0) {
      parts[++np] = line
      size += length(line) + 1
    }
    value[k] = np == 1 ? parts[1] : joined(parts, np, "\n")
  }
  return count
}
function joined(parts, count, sep,   out, chunk, i) {
  out = ""
  chunk = ""
  for (i = 1; i <= count; i++) {
    chunk = chunk (i > 1 ? sep : "") parts[i]
    if (i % 64 == 0) {
      out = out chunk
      chunk = ""
    }
  }
  return out chunk
}
function group_chars(x, y, z, count) {
  if (count >= 3) return PAIR[HI[x] + MID[y]] PAIR[LOW[y] + ORD[z]]
  if (count == 2) return PAIR[HI[x] + MID[y]]
  if (count == 1) return substr(PAIR[HI[x]], 1, 1)
  return ""
}
function base64_stable(v, offset,   len, first, out, chunk, piece, g, i, y) {
  len = length(v)
  first = 3 - offset
  if (first > len) first = len
  # The first group: the neighbours (zero bits, "" in the tables), then the
  # first bytes of the value; the characters holding neighbour bits go.
  out = substr(group_chars(offset >= 1 ? "" : substr(v, 1, 1), offset >= 2 ? "" : substr(v, 2 - offset, 1), substr(v, 3 - offset, 1), offset + first), (offset == 0 ? 0 : offset + 1) + 1)
  chunk = ""
  piece = ""
  g = 0
  for (i = first + 1; i + 2 <= len; i += 3) {
    y = substr(v, i + 1, 1)
    piece = piece PAIR[HI[substr(v, i, 1)] + MID[y]] PAIR[LOW[y] + ORD[substr(v, i + 2, 1)]]
    if (++g % 64 == 0) {
      chunk = chunk piece
      piece = ""
      if (g % 4096 == 0) {
        out = out chunk
        chunk = ""
      }
    }
  }
  # The last bits share a character with the byte after the value.
  return out chunk piece group_chars(substr(v, i, 1), substr(v, i + 1, 1), "", len - i + 1)
}
function url_encode(v,   len, i, c, upper, lower, chunk_u, chunk_l, piece_u, piece_l) {
  len = length(v)
  upper = lower = chunk_u = chunk_l = piece_u = piece_l = ""
  for (i = 1; i <= len; i++) {
    c = substr(v, i, 1)
    piece_u = piece_u URL_UPPER[c]
    piece_l = piece_l URL_LOWER[c]
    if (i % 256 == 0) {
      chunk_u = chunk_u piece_u
      chunk_l = chunk_l piece_l
      piece_u = piece_l = ""
      if (i % 16384 == 0) {
        upper = upper chunk_u
        lower = lower chunk_l
        chunk_u = chunk_l = ""
      }
    }
  }
  url_upper = upper chunk_u piece_u
  url_lower = lower chunk_l piece_l
}
BEGIN {
  B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
  # PAIR[n]: the two characters of 12 bits n; HI, MID, LOW, ORD: what a
  # byte adds to the first or the second 12 bits of its group.
  for (n = 0; n < 4096; n++) PAIR[n] = substr(B64, int(n / 64) + 1, 1) substr(B64, n % 64 + 1, 1)
  HI[""] = MID[""] = LOW[""] = ORD[""] = 0
  for (n = 1; n < 256; n++) {
    c = sprintf("%c", n)
    HI[c] = n * 16
    MID[c] = int(n / 16)
    LOW[c] = (n % 16) * 256
    ORD[c] = n
    if (index(UNRESERVED, c) > 0) URL_UPPER[c] = URL_LOWER[c] = c
    else {
      URL_UPPER[c] = "%" substr("0123456789ABCDEF", int(n / 16) + 1, 1) substr("0123456789ABCDEF", n % 16 + 1, 1)
      URL_LOWER[c] = "%" substr("0123456789abcdef", int(n / 16) + 1, 1) substr("0123456789abcdef", n % 16 + 1, 1)
    }
  }
  in_name = ENVIRON["__mask_in"]
  out_name = ENVIRON["__mask_out"]
}
'

# secretMasksOf: the values and their lines, each part with its encoded
# forms, as src/runner/mask-forms.ts secretMasks gives them (mine: that
# list, for one secret), without repeats across the secrets.
# shellcheck disable=SC2016 # awk's $, and the generated code's
__mask_secrets_program='
function add_part(k, part, whole,   forms, f) {
  if (length(part) < 4 || (part in mine)) return
  mine[part] = 1
  emit(part, whole ? k : -1)
  forms[1] = base64_stable(part, 0)
  forms[2] = base64_stable(part, 1)
  forms[3] = base64_stable(part, 2)
  url_encode(part)
  forms[4] = url_upper
  forms[5] = url_lower
  for (f = 1; f <= 5; f++) {
    if (length(forms[f]) >= 6 && forms[f] != part && !(forms[f] in mine)) {
      mine[forms[f]] = 1
      emit(forms[f], -1)
    }
  }
}
function emit(v, k) {
  if (v in emitted) return
  emitted[v] = 1
  if (k >= 0) ref[n_out++] = "${" in_name "_" k "}"
  else {
    data[++n_data] = v
    ref[n_out++] = "${" n_data "}"
  }
}
BEGIN {
  count = read_values(value)
  for (k = 0; k < count; k++) {
    split("", mine)
    add_part(k, value[k], 1)
    if (index(value[k], "\n") > 0) {
      n_lines = split(value[k], lines, "\n")
      for (j = 1; j <= n_lines; j++) add_part(k, lines[j], 0)
    }
  }
  for (j = 1; j <= n_data; j++) print data[j]
  for (j = 0; j < n_out; j++) printf "%s_%d=%s;", out_name, j, ref[j]
  printf "%s_n=%d\n", out_name, n_out
}
'

# withMasks: the masks, then the values, each kept the first time it comes
# (none empty), by length, longest first, in order within one length.
# shellcheck disable=SC2016 # the generated code's $
__mask_merge_program='
BEGIN {
  n_masks = read_values(masks)
  n_values = read_values(values)
  for (k = 0; k < n_masks + n_values; k++) {
    if (k < n_masks) {
      v = masks[k]
      r = "${" ENVIRON["__mask_masks"] "_" k "}"
    } else {
      v = values[k - n_masks]
      r = "${" in_name "_" (k - n_masks) "}"
    }
    if (v == "" || (v in kept)) continue
    kept[v] = 1
    len = length(v)
    if (!(len in at_length)) lengths[++n_lengths] = len
    bucket[len, ++at_length[len]] = r
  }
  # Shell sort of the lengths, longest first (few distinct ones).
  for (gap = int(n_lengths / 2); gap > 0; gap = int(gap / 2)) {
    for (i = gap + 1; i <= n_lengths; i++) {
      t = lengths[i]
      for (j = i; j > gap && lengths[j - gap] < t; j -= gap) lengths[j] = lengths[j - gap]
      lengths[j] = t
    }
  }
  n_out = 0
  for (i = 1; i <= n_lengths; i++) {
    for (j = 1; j <= at_length[lengths[i]]; j++) printf "%s_%d=%s;", out_name, n_out++, bucket[lengths[i], j]
  }
  printf "%s_n=%d\n", out_name, n_out
}
'

# __mask_values_text HANDLE: the array's length, then each element after its
# length in bytes, a line each (an element over several), in $__r. The
# assignments are code awk writes from the handle and the length alone: one
# eval expands every element, where a loop would run one per element. Each
# assignment expands 64 elements, then appended to the text: zsh copies a
# word's text so far at each expansion in it (one word of 12,500 took it
# 54 s).
__mask_values_text() {
  eval "__mvt_n=\${$1_n}"
  # No values (a job without secrets): no awk to start.
  if [ "$__mvt_n" -eq 0 ]; then
    __r="0$__newline"
    return 0
  fi
  # shellcheck disable=SC2016 # the generated code's $
  __mvt_code=$(__mvt_handle=$1 __mvt_n=$__mvt_n "${__awk-awk}" 'BEGIN {
    h = ENVIRON["__mvt_handle"]
    n = ENVIRON["__mvt_n"] + 0
    printf "__mvt_text=\"%d\n\"\n", n
    for (i = 0; i < n; i++) {
      if (i % 64 == 0) printf "__mvt_piece=\""
      printf "${#%s_%d}\n${%s_%d}\n", h, i, h, i
      if (i % 64 == 63 || i == n - 1) print "\"\n__mvt_text=$__mvt_text$__mvt_piece"
    }
  }')
  eval "$__mvt_code"
  __r=$__mvt_text
}

# __mask_none HANDLE: whether the array is empty.
__mask_none() {
  eval "[ \"\${$1_n}\" -eq 0 ]"
}

# __heredoc_in_scratch, then __heredoc_done: mksh, posh, bash and ksh93
# write a here-document to a file in $TMPDIR (zsh: $TMPPREFIX), /tmp when
# unset, and fail when they cannot. The runner may have fallen back from an
# unusable TMPDIR or /tmp: its own scratch directory holds them meanwhile,
# and TMPDIR (the job's) is put back as it was.
__heredoc_in_scratch() {
  __scratch_dir
  __hd_tmpdir_set=${TMPDIR+x}
  __hd_tmpdir=${TMPDIR-}
  __hd_prefix_set=${TMPPREFIX+x}
  __hd_prefix=${TMPPREFIX-}
  TMPDIR=$__scratch
  TMPPREFIX=$__scratch/zsh
}
__heredoc_done() {
  if [ -n "${__hd_tmpdir_set-}" ]; then TMPDIR=$__hd_tmpdir; else unset TMPDIR; fi
  if [ -n "${__hd_prefix_set-}" ]; then TMPPREFIX=$__hd_prefix; else unset TMPPREFIX; fi
}

# secretMasksOf(values): every value to mask for these secrets (awk above).
std_secret_masks_of() {
  __alloc
  __smo_h=$__r
  # No secrets, no masks: the empty list without starting awk.
  if __mask_none "$1"; then
    eval "${__smo_h}_n=0"
    return 0
  fi
  __mask_values_text "$1"
  __smo_text=$__r
  __heredoc_in_scratch
  __smo_out=$(__mask_in=$1 __mask_out=$__smo_h LC_ALL=C "${__awk-awk}" "$__mask_set_functions$__mask_secrets_program" <<EOF
$__smo_text
EOF
)
  __heredoc_done
  __mask_run_results "$__smo_out"
  __r=$__smo_h
}

# withMasks(masks, values): the merged list (awk above).
std_with_masks() {
  __alloc
  __wm_h=$__r
  # Nothing to merge (no secrets, nothing added): the empty list, no awk.
  if __mask_none "$1" && __mask_none "$2"; then
    eval "${__wm_h}_n=0"
    return 0
  fi
  __mask_values_text "$1"
  __wm_text=$__r
  __mask_values_text "$2"
  __wm_text=$__wm_text$__r
  __heredoc_in_scratch
  __wm_code=$(__mask_masks=$1 __mask_in=$2 __mask_out=$__wm_h LC_ALL=C "${__awk-awk}" "$__mask_set_functions$__mask_merge_program" <<EOF
$__wm_text
EOF
)
  __heredoc_done
  eval "$__wm_code"
  __r=$__wm_h
}

# __mask_run_results OUTPUT: the new values, a line each, become the
# positional parameters (split at line breaks by IFS, set -f being on: one
# native pass; none is empty, so none is lost), and the code on the last
# line assigns them and the named array elements.
__mask_run_results() {
  __mrr_ifs_set=${IFS+x}
  __mrr_ifs=${IFS-}
  IFS='
'
  # shellcheck disable=SC2086 # split at line breaks, on purpose
  set -- $1
  if [ -n "$__mrr_ifs_set" ]; then IFS=$__mrr_ifs; else unset IFS; fi
  eval "__mrr_code=\${$#}"
  eval "$__mrr_code"
}
