#!/usr/bin/env bash
# sqlite.sh: heap2stack on real code. Fetches the SQLite amalgamation that
# npm's better-sqlite3 ships (deps/sqlite3/sqlite3.c; never committed),
# builds it with sqlite_workload.c three ways — clang -O2, clang -O2 with the
# plugin, and with the plugin under ASan (use-after-return always on) — runs
# the workload, and compares the outputs byte for byte. Prints how many
# allocations the plugin moved to the stack in SQLite, out of the allocation
# sites it reported on. Exit status 0 when the outputs match and ASan is quiet.
#
#   sqlite.sh [--work DIR] [--plugin SO] [--scale N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
work=${TMPDIR:-/tmp}/h2s-sqlite scale=1
plugin=${H2S_PLUGIN:-$root/build/pass/heap2stack.so}
while [ $# -gt 0 ]; do
  case $1 in
    --work) work=$2; shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "sqlite.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
cp "$plugin" "$work/heap2stack.so" # a rebuild during the run must not matter
plugin=$work/heap2stack.so
if [ ! -f "$work/sqlite3.c" ]; then
  (cd "$work" && rm -f better-sqlite3-*.tgz && npm pack --silent better-sqlite3 >/dev/null &&
    tar -xzf better-sqlite3-*.tgz package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h &&
    mv package/deps/sqlite3/sqlite3.[ch] . && rm -rf package better-sqlite3-*.tgz)
fi
echo "SQLite $(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$work/sqlite3.h")"

defs="-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DEFAULT_MEMSTATUS=0"
build() { # name, extra flags...
  local name=$1; shift
  "$bin/clang" -O2 -w $defs "$@" -c "$work/sqlite3.c" -o "$work/sqlite3-$name.o" \
    2>"$work/sqlite3-$name.remarks"
  "$bin/clang" -O2 -w "$@" -I"$work" -c "$root/tools/fuzz/sqlite_workload.c" \
    -o "$work/workload-$name.o" 2>>"$work/sqlite3-$name.remarks"
  "$bin/clang" "$@" "$work/workload-$name.o" "$work/sqlite3-$name.o" -o "$work/workload-$name" -lm
}
build plain &
build h2s -fpass-plugin="$plugin" -Rpass=heap2stack -Rpass-missed=heap2stack &
wait
build asan -g -fpass-plugin="$plugin" -fsanitize=address -fsanitize-address-use-after-return=always

status=0
"$work/workload-plain" "$scale" >"$work/plain.out"
"$work/workload-h2s" "$scale" >"$work/h2s.out" || status=1
ASAN_OPTIONS=detect_leaks=1 "$work/workload-asan" "$scale" >"$work/asan.out" 2>"$work/asan.err" || status=1
for v in h2s asan; do
  if cmp -s "$work/plain.out" "$work/$v.out"; then
    echo "$v: output identical ($(tail -1 "$work/plain.out"))"
  else
    echo "$v: OUTPUT DIFFERS (see $work/$v.out)"; status=1
  fi
done
[ -s "$work/asan.err" ] && { echo "ASan reported:"; head -20 "$work/asan.err"; status=1; }
# Remarks on sqlite3.c only (the workload's own are left out). SQLite
# allocates through its sqlite3_mem_methods table, so few sites are visible.
sites=$(grep -c 'sqlite3\.c:[0-9]*:[0-9]*: remark: ' "$work/sqlite3-h2s.remarks" || true)
moved=$(grep 'sqlite3\.c:[0-9]*:[0-9]*: remark: ' "$work/sqlite3-h2s.remarks" | grep -c 'moved to stack' || true)
echo "promoted in sqlite3.c: $moved allocation sites (of $sites the pass reported on)"
grep 'sqlite3\.c:[0-9]*:[0-9]*: remark: ' "$work/sqlite3-h2s.remarks" |
  sed 's/^[^:]*sqlite3.c:\([0-9]*\):[0-9]*: remark: /  line \1: /' | head -20 || true
exit $status
