#!/usr/bin/env bash
# options_fuzz.sh: fuzz heap2stack's option parser (pass/options.c:
# h2s_options_parse) with libFuzzer, ASan and UBSan for a bounded time.
#
#   options_fuzz.sh [--seconds N] [--work DIR]
#
# Builds options_fuzz.c with pass/options.c compiled in, seeds a corpus with
# valid and broken option strings, and runs for N seconds (default 60). A
# crash, a sanitizer report or a broken contract (see options_fuzz.c) fails
# and leaves the input in DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tools/fuzz/libfuzzer.sh"
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
seconds=60 work=${TMPDIR:-/tmp}/h2s-options-fuzz
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "options_fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$work/corpus"
"$bin/clang" -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all -I"$root/include" -I"$root/pass" \
  -isystem "$("$bin/llvm-config" --includedir)" \
  "$root/tools/fuzz/options_fuzz.c" "$root/pass/options.c" -o "$work/options_fuzz"
i=0
for s in 'max-size=4096' 'max-size=0;small-buffer=32' 'max-function-bytes=131072' \
  'max-size-recursive=64;max-size=9223372036854775807' 'max-size=9223372036854775808' \
  'alloc=my_alloc:size=0' 'alloc=pool_get:size=1:count=2:zeroed:align=64:free=pool_put' \
  'alloc=a:size=0;alloc=b:size=1;alloc=c:size=2' 'alloc=x:size=16' 'alloc=:size=0' \
  'max-size=' ';;' 'max-size=12;' 'unknown=1' 'alloc=n:size=0:align=3' \
  'alloc=n:size=0:free=' 'alloc=n:zeroed=1:size=0' 'small-buffer=-1' \
  'alloc=arena_alloc:size=1:free=arena_free:ptr=1' 'alloc=n:size=0:ptr=1'; do
  printf '%s' "$s" >"$work/corpus/seed$i"; i=$((i + 1))
done
cat >"$work/options_fuzz.dict" <<'DICT'
"max-size="
"max-function-bytes="
"max-size-recursive="
"small-buffer="
"alloc="
":size="
":count="
":zeroed"
":align="
":free="
":ptr="
";"
"="
":"
"9223372036854775807"
"18446744073709551616"
DICT
run_fuzzer options_fuzz "$seconds" "$work"
