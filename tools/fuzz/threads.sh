#!/usr/bin/env bash
# threads.sh: heap2stack under ThreadSanitizer, several modules at once in
# one process. Builds a TSan copy of the plugin from pass/ (the real plugin
# is not instrumented) and the threads.cpp driver (linked with libLLVM), makes
# input modules (generated programs and stressified llvm-stress modules), and
# runs the driver with each pipeline. Any TSan report or output difference
# fails.
#
#   threads.sh [--threads N] [--rounds R] [--work DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
threads=4 rounds=3 work=${TMPDIR:-/tmp}/h2s-threads
while [ $# -gt 0 ]; do
  case $1 in
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "threads.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$work/obj"
cxxflags=$("$bin/llvm-config" --cxxflags)
tsan="-fsanitize=thread -g -O1 -fPIC"

# The plugin, instrumented: same sources and flags as pass/CMakeLists.txt.
objs=()
for c in "$root"/pass/*.c; do
  o=$work/obj/$(basename "$c" .c).o
  "$bin/clang" -std=c11 $tsan -fvisibility=hidden -I"$root/include" -I"$root/pass" \
    -isystem "$("$bin/llvm-config" --includedir)" -c "$c" -o "$o"
  objs+=("$o")
done
"$bin/clang++" $tsan $cxxflags -fno-rtti -fvisibility=hidden -I"$root/include" \
  -I"$root/pass" -c "$root/pass/shim.cpp" -o "$work/obj/shim.o"
"$bin/clang++" $tsan -shared "${objs[@]}" "$work/obj/shim.o" -o "$work/heap2stack-tsan.so"

"$bin/clang++" $tsan $cxxflags "$root/tools/fuzz/threads.cpp" -o "$work/h2s-threads" \
  $("$bin/llvm-config" --ldflags) -lLLVM-22 -Wl,-rpath,"$("$bin/llvm-config" --libdir)"

# Inputs: unoptimised IR of generated programs (C and C++), and stressified
# llvm-stress modules.
files=()
for s in 3 4 7 8 10 12; do
  mode=c; [ $((s % 2)) -eq 0 ] && mode=cxx
  python3 "$root/tools/fuzz/gen.py" --seed "$s" --mode "$mode" -o "$work/gen$s.c"
  lang=c; [ "$mode" = cxx ] && lang=c++
  "$bin/clang" -x "$lang" -O0 -Xclang -disable-O0-optnone -g -S -emit-llvm -w \
    "$work/gen$s.c" -o "$work/gen$s.ll"
  files+=("$work/gen$s.ll")
done
for s in 11 12; do
  "$bin/llvm-stress" -seed=$s -size=300 |
    python3 "$root/tools/fuzz/stressify.py" --seed $s >"$work/stress$s.ll"
  files+=("$work/stress$s.ll")
done

status=0
for p in 'default<O2>' 'inferattrs,heap2stack' 'cgscc(heap2stack)' 'heap2stack<max-size=64>'; do
  echo "pipeline $p:"
  if ! TSAN_OPTIONS="halt_on_error=0 exitcode=66 report_signal_unsafe=0" \
      "$work/h2s-threads" "$work/heap2stack-tsan.so" "$p" "$threads" "$rounds" \
      "${files[@]}" 2>"$work/tsan.err"; then
    status=1
  fi
  if grep -q 'WARNING: ThreadSanitizer' "$work/tsan.err"; then
    echo "  ThreadSanitizer reports: $(grep -c 'WARNING: ThreadSanitizer' "$work/tsan.err") (see $work/tsan-$status.err)"
    cp "$work/tsan.err" "$work/tsan-$status.err"
    status=1
  else
    echo "  ThreadSanitizer reports: 0"
  fi
  grep -v '^$' "$work/tsan.err" | grep -v ThreadSanitizer | head -5 || true
done
exit $status
