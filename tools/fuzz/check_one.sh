#!/usr/bin/env bash
# check_one.sh: the differential check of run.sh on one given C file (a
# fragment.py program or a reproducer): built with clang -O2 without the
# plugin, with it, and with it under ASan (use-after-return always on).
# The file's h2s-options, h2s-cflags, h2s-tus and h2s-lto lines are
# honoured as in run.sh.
#
#   check_one.sh [--plugin SO] FILE.c
#
# Prints "ok P" (P = allocations promoted) or "FAIL reason"; exit status 0
# when ok.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
plugin=${H2S_PLUGIN:-$root/build/pass/heap2stack.so}
[ "${1:-}" = --plugin ] && { plugin=$2; shift 2; }
src=${1:?usage: check_one.sh [--plugin SO] FILE.c}
d=$(mktemp -d "${TMPDIR:-/tmp}/h2s-check.XXXXXX")
trap 'rm -rf "$d"' EXIT
opts=$(sed -n 's|^/\* h2s-options: \(.*\) \*/$|\1|p' "$src")
cflags=$(sed -n 's|^/\* h2s-cflags: \(.*\) \*/$|\1|p' "$src")
popt=()
[ -n "$opts" ] && popt=(-mllvm "-heap2stack-options=$opts")
tus=$(sed -n 's|^/\* h2s-tus: \(.*\) \*/$|\1|p' "$src")
ltomode=$(sed -n 's|^/\* h2s-lto: \(.*\) \*/$|\1|p' "$src")
cc=$bin/clang libs=$cflags
case $src in *.cpp|*.cc) cc=$bin/clang++ ;; esac
. "$root/tools/fuzz/build_lib.sh"
build "$d/plain" -O2 -w || { echo "FAIL does not compile"; exit 1; }
build "$d/h2s" -O2 -w -fpass-plugin="$plugin" "${popt[@]}" -Rpass=heap2stack 2>"$d/h2s.cc.err" ||
  { echo "FAIL clang with the plugin failed"; exit 1; }
build "$d/asan" -O2 -w -gline-tables-only -fpass-plugin="$plugin" "${popt[@]}" -fsanitize=address \
  -fsanitize-address-use-after-return=always 2>/dev/null ||
  { echo "FAIL clang with the plugin and ASan failed"; exit 1; }
timeout 20 "$d/plain" >"$d/plain.out" 2>/dev/null; r1=$?
timeout 20 "$d/h2s" >"$d/h2s.out" 2>/dev/null; r2=$?
ASAN_OPTIONS=detect_leaks=0 timeout 60 "$d/asan" >"$d/asan.out" 2>"$d/asan.err"; r3=$?
p=$(grep -c 'moved to stack' "$d/h2s.cc.err")
[ $r1 -eq 0 ] || { echo "FAIL exit $r1 without the plugin"; exit 1; }
if [ $r2 -ne 0 ] || ! cmp -s "$d/plain.out" "$d/h2s.out"; then
  echo "FAIL output differs with the plugin (exit $r2, promoted $p)"; exit 1
fi
if [ $r3 -ne 0 ] || ! cmp -s "$d/plain.out" "$d/asan.out"; then
  echo "FAIL ASan with the plugin: $(grep -m1 -o 'AddressSanitizer: [a-z-]*' "$d/asan.err") (exit $r3, promoted $p)"
  exit 1
fi
echo "ok $p"
