# The job file's YAML subset read by one awk (issue 9: a 1 MB job file in
# about a second). The portable parser (src/runner/yaml.ts) costs some
# hundreds of shell commands a line and keeps every line in the heap, where
# dash's and busybox's variable table (39 buckets) makes each lookup slower
# the larger the file. This awk reads only the documents it can read
# exactly as the portable parser does, and declines every other one: a
# document with an error, a tab, a control byte, a byte order mark, a
# duplicate key, an escape it does not know, a key with unusual spacing.
# A declined document goes to the portable parser, which gives the message.
#
# Its output: for each entry four fields, each ended by byte 0x1E (a
# control byte, so no accepted input holds it): the kind (e a top-level
# scalar, m a nested mapping's key, n an entry of the mapping above), the
# key, the line number and the value (empty for m); then "ok".
# Values are printed piece by piece as they are read: appending to a long
# string copies it in mawk and busybox awk, which is quadratic.
# shellcheck disable=SC2016 # awk's $0, not the shell's
__yaml_fields_program='
function decline() { declined = 1; exit }
function field(text) { printf "%s%s", text, SEP }
function entry(kind, key) { printf "%s%s%s%s%d%s", kind, SEP, key, SEP, NR, SEP }
function clean_end(text) { return text == "" || text ~ /^ +(#.*)?$/ }
function utf8(cp) {
  if (cp < 128) return chr[cp]
  if (cp < 2048) return chr[192 + int(cp / 64)] chr[128 + cp % 64]
  if (cp < 65536) return chr[224 + int(cp / 4096)] chr[128 + int(cp / 64) % 64] chr[128 + cp % 64]
  return chr[240 + int(cp / 262144)] chr[128 + int(cp / 4096) % 64] chr[128 + int(cp / 64) % 64] chr[128 + cp % 64]
}
function hex_value(digits,   i, d, v) {
  v = 0
  for (i = 1; i <= length(digits); i++) {
    d = index("0123456789abcdef", tolower(substr(digits, i, 1)))
    if (d == 0) decline()
    v = v * 16 + d - 1
  }
  return v
}
# As parseDoubleQuoted: the text after the quote split at its backslashes,
# an empty part standing for an escaped backslash.
function double_quoted(v,   n, P, k, rest, q, after, j, part, e, width, digits, cp) {
  n = split(substr(v, 2), P, "\\")
  k = 1
  rest = P[1]
  while (1) {
    q = index(rest, "\"")
    if (q > 0) {
      after = substr(rest, q + 1)
      for (j = k + 1; j <= n; j++) after = after "\\" P[j]
      if (!clean_end(after)) decline()
      printf "%s", substr(rest, 1, q - 1)
      return
    }
    printf "%s", rest
    k++
    if (k > n) decline()
    part = P[k]
    if (part == "") {
      if (k + 1 > n) decline()
      printf "\\"
      k++
      rest = P[k]
      continue
    }
    e = substr(part, 1, 1)
    if (e in simple_escape) {
      printf "%s", simple_escape[e]
      rest = substr(part, 2)
      continue
    }
    if (e != "x" && e != "u") decline()
    width = e == "x" ? 2 : 4
    if (length(part) <= width) decline()
    digits = substr(part, 2, width)
    cp = hex_value(digits)
    # NUL, the field separator and surrogates: the portable parser decides.
    if (cp == 0 || cp == 30 || (cp >= 55296 && cp <= 57343)) decline()
    printf "%s", utf8(cp)
    rest = substr(part, 2 + width)
  }
}
# As parseSingleQuoted: split at the quotes, an empty part between two is
# a doubled quote.
function single_quoted(v,   n, P, k, used) {
  n = split(substr(v, 2), P, "\047")
  printf "%s", P[1]
  used = 2 + length(P[1])
  k = 2
  while (k <= n) {
    if (P[k] == "" && k + 1 <= n) {
      printf "\047%s", P[k + 1]
      used += 2 + length(P[k + 1])
      k += 2
      continue
    }
    if (!clean_end(substr(v, used + 1))) decline()
    return
  }
  decline()
}
function plain(v,   hash) {
  hash = index(v, " #")
  if (hash > 0) v = substr(v, 1, hash - 1)
  sub(/ +$/, "", v)
  if (index(v, ": ") > 0 || v ~ /:$/) decline()
  printf "%s", v
}
# The value after "key:" (rest starts with a space or is empty), as
# parseValue; a block scalar is read by the lines that follow.
function value(rest, parent,   v, c) {
  v = rest
  sub(/^ +/, "", v)
  c = substr(v, 1, 1)
  if (v == "" || c == "#") { field(""); return }
  if (c == "\"") { double_quoted(v); field(""); return }
  if (c == "\047") { single_quoted(v); field(""); return }
  if (c == "|") {
    if (v !~ /^\|-?( +(#.*)?)?$/) decline()
    in_block = 1; block_parent = parent; block_indent = -1
    block_strip = substr(v, 2, 1) == "-"
    block_count = 0; block_pending = 0; block_lead_max = 0
    return
  }
  if (index(">[]{},%@`&*!", c) > 0) decline()
  if (c == "-" && (v == "-" || v ~ /^- /)) decline()
  if ((c == "?" || c == ":") && (v == c || substr(v, 2, 1) == " ")) decline()
  plain(v)
  field("")
}
# As readBlock: the content joined by line breaks up to its last line with
# text, one more line break unless |-.
function block_text(text) {
  for (; block_pending > 0; block_pending--) {
    if (block_count++ > 0) printf "\n"
  }
  if (block_count++ > 0) printf "\n"
  printf "%s", text
}
function block_end() {
  if (block_count > 0 && !block_strip) printf "\n"
  field("")
  in_block = 0
}
# 1 when the line belongs to the block; 0 when it ended the block.
function block_line(line, spaces, blank) {
  if (blank) {
    if (block_indent < 0) {
      if (spaces > block_lead_max) block_lead_max = spaces
      block_pending++
    } else if (spaces > block_indent) block_text(substr(line, block_indent + 1))
    else block_pending++
    return 1
  }
  if (block_indent < 0) {
    if (spaces <= block_parent) { block_end(); return 0 }
    block_indent = spaces
    if (block_lead_max > block_indent) decline()
  }
  if (spaces < block_indent) { block_end(); return 0 }
  block_text(substr(line, block_indent + 1))
  return 1
}
# "key:" at column `spaces`; the rest of the line in key_rest.
function key_at(line, spaces,   body) {
  body = substr(line, spaces + 1)
  if (!match(body, /^[A-Za-z0-9_][A-Za-z0-9_.-]*:/) || RLENGTH > 257) decline()
  key_rest = substr(body, RLENGTH + 1)
  if (key_rest != "" && substr(key_rest, 1, 1) != " ") decline()
  return substr(body, 1, RLENGTH - 1)
}
function once(scope, key) {
  if ((scope SUBSEP key) in seen) decline()
  seen[scope SUBSEP key] = 1
}
BEGIN {
  SEP = sprintf("%c", 30)
  for (i = 1; i < 256; i++) chr[i] = sprintf("%c", i)
  controls = "["
  for (i = 1; i < 32; i++) controls = controls chr[i]
  controls = controls chr[127] "]"
  bom = chr[239] chr[187] chr[191]
  simple_escape["\\"] = "\\"; simple_escape["\""] = "\""
  simple_escape["n"] = "\n"; simple_escape["t"] = "\t"; simple_escape["r"] = "\r"
  n = split(ENVIRON["__yf_map_keys"], names, " ")
  for (i = 1; i <= n; i++) map_key[names[i]] = 1
  nested = 0
}
{
  line = $0
  if (line ~ controls || (NR == 1 && substr(line, 1, 3) == bom)) decline()
  first = match(line, /[^ ]/)
  spaces = first > 0 ? first - 1 : length(line)
  if (in_block && block_line(line, spaces, first == 0)) next
  if (first == 0 || substr(line, first, 1) == "#") next
  if (substr(line, 1, 3) == "---") {
    if (started || !clean_end(substr(line, 4))) decline()
    started = 1
    next
  }
  started = 1
  if (nested && spaces == 0) nested = 0
  if (nested) {
    if (nested_indent < 0) nested_indent = spaces
    if (spaces != nested_indent) decline()
    key = key_at(line, spaces)
    once(map_name, key)
    entry("n", key)
    value(key_rest, spaces)
    next
  }
  if (spaces > 0) decline()
  key = key_at(line, 0)
  once("", key)
  if (key in map_key) {
    if (!clean_end(key_rest)) decline()
    entry("m", key)
    field("")
    nested = 1; nested_indent = -1; map_name = key
    next
  }
  entry("e", key)
  value(key_rest, 0)
}
END {
  if (declined) exit 1
  if (in_block) block_end()
  printf "ok"
}
'

# Whether std_yaml_fields has called __declare_variables.
__yf_declared=false

# yamlFields(path, mapKeys): the document at path as a record of taken,
# entries and maps (as yaml.ts's YamlDoc has them), built here from the
# awk's fields: a record a field at a time would be another variable for
# each, and every variable slows each later lookup in dash's and busybox's
# table. taken is false, and nothing read, when the awk declines the
# document (or cannot read the file).
std_yaml_fields() {
  __alloc
  __yf_doc=$__r
  eval "${__yf_doc}_taken=false"
  __alloc
  __yf_entries=$__r
  eval "${__yf_entries}_n=0"
  eval "${__yf_doc}_entries=\$__yf_entries"
  __alloc
  __yf_maps=$__r
  eval "${__yf_maps}_n=0"
  eval "${__yf_doc}_maps=\$__yf_maps"
  __r=$__yf_doc
  # The byte that ends each field (0x1E, record separator).
  __yf_end=$__x1E
  __join "$2" ' '
  __yf_out=$(__yf_map_keys=$__r LC_ALL=C "${__awk-awk}" "$__yaml_fields_program" <"$1" 2>/dev/null) || {
    __r=$__yf_doc
    return 0
  }
  __r=$__yf_doc
  case $__yf_out in
    *"$__yf_end"ok | ok) ;;
    *) return 0 ;;
  esac
  # A large document fills the heap with thousands of variables: the
  # script's own are declared first, once, so that dash and busybox find
  # them ahead of the heap's (src/compiler/predeclare.ts). Not for a small
  # one: every variable slows mksh's and posh's forks.
  if [ "${#__yf_out}" -gt 65536 ] && [ "$__yf_declared" = false ]; then
    __declare_variables
    __yf_declared=true
  fi
  # Split at 0x1E by IFS (set -f is on): one native pass; a field may be
  # empty, and IFS of a byte that is not white space keeps it.
  __yf_ifs_set=${IFS+x}
  __yf_ifs=${IFS-}
  IFS=$__yf_end
  __yf_at=0
  __yf_entry_n=0
  __yf_map_n=0
  __yf_pairs=''
  __yf_pair_n=0
  # The fields come four to an entry: kind, key, line, value.
  for __yf_field in $__yf_out; do
    case $__yf_at in
      0) __yf_kind=$__yf_field __yf_at=1 ;;
      1) __yf_key=$__yf_field __yf_at=2 ;;
      2) __yf_line=$__yf_field __yf_at=3 ;;
      *) __yaml_add_entry; __yf_at=0 ;;
    esac
  done
  if [ -n "$__yf_ifs_set" ]; then IFS=$__yf_ifs; else unset IFS; fi
  eval "${__yf_entries}_n=\$__yf_entry_n"
  eval "${__yf_maps}_n=\$__yf_map_n"
  [ -z "$__yf_pairs" ] || eval "${__yf_pairs}_n=\$__yf_pair_n"
  eval "${__yf_doc}_taken=true"
  __r=$__yf_doc
}

# __yaml_add_entry: the entry of std_yaml_fields' __yf_kind, __yf_key,
# __yf_line and __yf_field (its value) into the document.
__yaml_add_entry() {
  # __alloc, inline: this runs once a key of a file that may hold 11,000.
  __hp=$((__hp + 1))
  __r=_h$__hp
  case $__yf_kind in
    m)
      [ -z "$__yf_pairs" ] || eval "${__yf_pairs}_n=\$__yf_pair_n"
      __yf_map=$__r
      __yf_non_name=-1
      __yf_longest=0
      eval "${__r}_key=\$__yf_key ${__r}_line=\$__yf_line ${__r}_firstNonName=-1 ${__r}_longestPair=0"
      __alloc
      __yf_pairs=$__r
      __yf_pair_n=0
      eval "${__yf_map}_pairs=\$__yf_pairs ${__yf_maps}_${__yf_map_n}=\$__yf_map"
      __yf_map_n=$((__yf_map_n + 1))
      ;;
    n)
      # yaml.ts's YamlMap.firstNonName: a pattern here (__is_name's), not a loop after.
      if [ "$__yf_non_name" -lt 0 ]; then
        case $__yf_key in
          '' | [0-9]* | *[!A-Za-z0-9_]*)
            __yf_non_name=$__yf_pair_n
            eval "${__yf_map}_firstNonName=\$__yf_pair_n"
            ;;
        esac
      fi
      # YamlMap.longestPair: NAME=value's bytes.
      __yf_size=$((${#__yf_key} + 1 + ${#__yf_field}))
      if [ "$__yf_size" -gt "$__yf_longest" ]; then
        __yf_longest=$__yf_size
        eval "${__yf_map}_longestPair=\$__yf_size"
      fi
      eval "${__r}_key=\$__yf_key ${__r}_line=\$__yf_line ${__r}_value=\$__yf_field ${__yf_pairs}_${__yf_pair_n}=\$__r"
      __yf_pair_n=$((__yf_pair_n + 1))
      ;;
    *)
      eval "${__r}_key=\$__yf_key ${__r}_line=\$__yf_line ${__r}_value=\$__yf_field ${__yf_entries}_${__yf_entry_n}=\$__r"
      __yf_entry_n=$((__yf_entry_n + 1))
      ;;
  esac
}
