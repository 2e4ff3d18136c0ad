#!/usr/bin/env bash
# remarks_fuzz.sh: fuzz heap2stack-report's remark reader (tools/report/read.c)
# and its output formats with libFuzzer, ASan and UBSan for a bounded time.
#
#   remarks_fuzz.sh [--seconds N] [--work DIR]
#
# Builds remarks_fuzz.c with the report tool's sources (all but main.c),
# seeds a corpus with the remark files of the lit tests (good, truncated and
# malformed YAML and bitstream), and runs for N seconds (default 60). A
# crash, a sanitizer report or a broken contract (see remarks_fuzz.c) fails
# and leaves the input in DIR. LLVM itself is not instrumented: a crash
# inside LLVM's remark parser is reported like any other.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tools/fuzz/libfuzzer.sh"
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
seconds=60 work=${TMPDIR:-/tmp}/h2s-remarks-fuzz
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "remarks_fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$work/corpus"
libdir=$("$bin/llvm-config" --libdir)
srcs=()
for f in "$root"/tools/report/*.c; do
  [ "$(basename "$f")" = main.c ] || srcs+=("$f")
done
"$bin/clang" -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all -DH2S_VERSION='"fuzz"' -I"$root/tools/report" \
  -isystem "$("$bin/llvm-config" --includedir)" \
  "$root/tools/fuzz/remarks_fuzz.c" "${srcs[@]}" -o "$work/remarks_fuzz" \
  -L"$libdir" -Wl,-rpath,"$libdir" -lLLVM
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$work/corpus/seed$i"; i=$((i + 1))
done < <(find "$root/test/lit/report" -type f \( -name '*.yaml' -o -name '*.bitstream' \) -print0)
cat >"$work/remarks_fuzz.dict" <<'DICT'
"--- !Passed"
"--- !Missed"
"--- !Analysis"
"Pass:"
"heap2stack"
"Name:"
"DebugLoc:"
"{ File: "
"Line: "
"Column: "
"Function:"
"Args:"
"  - Callee:"
"  - Size:"
"  - Reason:"
"  - Flow:"
"  - Step:"
"MovedToStack"
"Escapes"
"EscapeFlow"
"..."
"RMRK"
DICT
run_fuzzer remarks_fuzz "$seconds" "$work"
