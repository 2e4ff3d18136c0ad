#!/usr/bin/env bash
# run.sh: differential random testing of heap2stack. For each seed, gen.py
# writes a program; it is built with clang -O2 without the plugin, with the
# plugin, and with the plugin under ASan (use-after-return always on), and the
# three outputs are compared. A difference, a crash or an ASan report is saved
# with its seed under the failure directory.
#
#   run.sh [--count N] [--seed S] [--jobs J] [--out DIR] [--plugin SO]
#          [--mode c|cxx|gc|auto] [--family F] [--log FILE] [--validate]
#          [--oracle]
#
# --oracle also runs attr_oracle.py on each program that passed: a capture
# attribute published by heap2stack that is stronger than LLVM's
# function-attrs on the same IR fails the program.
#
# --family F gives every program fragments of the construct family F
# (exposure, library, stack, alloc, multitu, cxx: see families.py); "none"
# leaves them out; without it, C and C++ programs get a fragment now and then.
# A program's "h2s-options" line (alloc= specs) goes to the plugin builds as
# -mllvm -heap2stack-options, its "h2s-cflags" line to every build; with
# "h2s-tus: 2" the file is built as two translation units ("h2s-lto" says
# full, thin or none).
#
# --validate checks the generator instead of the plugin: each program is
# built without the plugin under ASan+UBSan (and MSan for C programs) and
# must run clean.
#
# --log keeps one line per program ("seed S ok P" or "seed S FAIL why"),
# written as the run goes.
#
# Prints one line per failing seed, then a summary:
#   programs N, promoted P (in M programs), failures F
#   N passed, F failed
# Exit status: 0 when nothing failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
count=100 seed=1 jobs=$(nproc) out=$root/build/fuzz-failures mode=auto log=
plugin=${H2S_PLUGIN:-$root/build/pass/heap2stack.so}
one= validate= family= oracle=
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --family) family=$2; shift 2 ;;
    --one) one=$2; shift 2 ;;
    --validate) validate=1; shift ;;
    --oracle) oracle=1; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# One seed: prints "seed S ok P" (P = allocations promoted) or
# "seed S FAIL reason".
run_one() {
  local s=$1 d
  d=$(mktemp -d "${TMPDIR:-/tmp}/h2s-fuzz.XXXXXX")
  local src=$d/prog.c cc=$bin/clang libs=
  "$py" "$root/tools/fuzz/gen.py" --seed "$s" --mode "$mode" ${family:+--family "$family"} \
    -o "$src" 2>"$d/gen.err" || { fail "$s" "$d" "generator crashed"; return; }
  local opts cflags tus ltomode popt=()
  opts=$(sed -n 's|^/\* h2s-options: \(.*\) \*/$|\1|p' "$src")
  cflags=$(sed -n 's|^/\* h2s-cflags: \(.*\) \*/$|\1|p' "$src")
  [ -n "$opts" ] && popt=(-mllvm "-heap2stack-options=$opts")
  tus=$(sed -n 's|^/\* h2s-tus: \(.*\) \*/$|\1|p' "$src")
  ltomode=$(sed -n 's|^/\* h2s-lto: \(.*\) \*/$|\1|p' "$src")
  case $(sed -n 's|^/\* seed [0-9]* mode \([a-z]*\) \*/$|\1|p' "$src") in
    cxx) mv "$src" "$d/prog.cpp"; src=$d/prog.cpp; cc=$bin/clang++ ;;
    gc) libs=-lgc ;;
  esac
  libs="$libs $cflags"
  local flags="-O2 -w"
  if [ -n "$validate" ]; then
    validate_one "$s" "$d"; return
  fi
  build "$d/plain" $flags 2>"$d/plain.cc.err" ||
    { fail "$s" "$d" "does not compile without the plugin (generator bug)"; return; }
  build "$d/h2s" $flags -fpass-plugin="$plugin" "${popt[@]}" -Rpass=heap2stack \
    2>"$d/h2s.cc.err" || { fail "$s" "$d" "clang with the plugin failed"; return; }
  build "$d/asan" $flags $asanld -gline-tables-only -fpass-plugin="$plugin" "${popt[@]}" \
    -fsanitize=address -fsanitize-address-use-after-return=always 2>"$d/asan.cc.err" || { fail "$s" "$d" "clang with the plugin and ASan failed"; return; }
  local r1 r2 r3
  timeout 20 "$d/plain" >"$d/plain.out" 2>"$d/plain.err"; r1=$?
  timeout 20 "$d/h2s" >"$d/h2s.out" 2>"$d/h2s.err"; r2=$?
  ASAN_OPTIONS=detect_leaks=0 timeout 60 "$d/asan" >"$d/asan.out" 2>"$d/asan.err"; r3=$?
  if [ $r1 -ne 0 ]; then
    fail "$s" "$d" "exit $r1 without the plugin (generator bug)"; return
  fi
  if [ $r2 -ne 0 ] || ! cmp -s "$d/plain.out" "$d/h2s.out"; then
    fail "$s" "$d" "output differs with the plugin (exit $r2)"; return
  fi
  if [ $r3 -ne 0 ] || ! cmp -s "$d/plain.out" "$d/asan.out"; then
    # The program's own fault, or the plugin's? The same ASan build
    # without the plugin tells.
    local r4
    build "$d/asan-plain" $flags $asanld -gline-tables-only -fsanitize=address \
      -fsanitize-address-use-after-return=always 2>"$d/asan-plain.cc.err"
    ASAN_OPTIONS=detect_leaks=0 timeout 60 "$d/asan-plain" >"$d/asan-plain.out" \
      2>"$d/asan-plain.err"; r4=$?
    if [ $r4 -ne 0 ] || ! cmp -s "$d/plain.out" "$d/asan-plain.out"; then
      fail "$s" "$d" "ASan report or output difference without the plugin too (exit $r4; generator bug)"; return
    fi
    fail "$s" "$d" "ASan report or output difference with the plugin (exit $r3)"; return
  fi
  if [ -n "$oracle" ]; then
    local of=$cflags
    [ "$tus" = 2 ] && of="$of -DH2S_TU=1"
    "$py" "$root/tools/fuzz/attr_oracle.py" --plugin "$plugin" --options "$opts" \
      --cflags="$of" "$src" >"$d/oracle.out" 2>&1 ||
      { fail "$s" "$d" "published attribute stronger than function-attrs (oracle.out)"; return; }
  fi
  local p
  p=$(grep -c 'moved to stack' "$d/h2s.cc.err")
  echo "seed $s ok $p"
  rm -rf "$d"
}

validate_one() {
  local s=$1 d=$2 r
  build "$d/san" -O1 -g -w -fsanitize=address,undefined -fno-sanitize-recover=all \
    2>"$d/san.cc.err" || { fail "$s" "$d" "does not compile"; return; }
  ASAN_OPTIONS=detect_leaks=0 timeout 60 "$d/san" >"$d/san.out" 2>"$d/san.err"; r=$?
  [ $r -eq 0 ] || { fail "$s" "$d" "ASan/UBSan without the plugin: exit $r (generator bug)"; return; }
  if [ "${libs#*-lgc}" = "$libs" ] && [ "$cc" = "$bin/clang" ]; then
    build "$d/msan" -O1 -g -w -fsanitize=memory 2>"$d/msan.cc.err" &&
      timeout 60 "$d/msan" >"$d/msan.out" 2>"$d/msan.err"; r=$?
    [ $r -eq 0 ] || { fail "$s" "$d" "MSan without the plugin: exit $r (generator bug)"; return; }
  fi
  echo "seed $s ok 0"
  rm -rf "$d"
}

fail() {
  local s=$1 d=$2 why=$3
  mkdir -p "$out"
  rm -rf "$out/seed-$s"
  rm -f "$d/plain" "$d/h2s" "$d/asan" "$d/asan-plain" "$d/san" "$d/msan" "$d"/*.o
  echo "seed $s: $why" >"$d/REASON"
  echo "reproduce: python3 tools/fuzz/gen.py --seed $s --mode $mode ${family:+--family $family}; run.sh --seed $s --count 1 ${family:+--family $family}" >>"$d/REASON"
  mv "$d" "$out/seed-$s"
  echo "seed $s FAIL $why ($out/seed-$s)"
}

. "$root/tools/fuzz/build_lib.sh"

# The interpreter itself, not a version manager's shim in front of it (a
# pyenv shim costs 0.3 s per program, a quarter of the run).
py=$(python3 -c 'import sys; print(sys.executable)') || { echo "run.sh: python3 not found" >&2; exit 2; }
# lld links an ASan binary in two thirds of the time of the default linker.
asanld=
[ -x "$bin/ld.lld" ] && asanld=-fuse-ld=lld

if [ -n "$one" ]; then
  run_one "$one"
  exit 0
fi

[ -f "$plugin" ] || { echo "run.sh: no plugin at $plugin (build first)" >&2; exit 2; }
# A private copy: a rebuild in the middle of a long run must not fail it.
snap=$(mktemp -d "${TMPDIR:-/tmp}/h2s-plugin.XXXXXX")
cp "$plugin" "$snap/heap2stack.so" && plugin=$snap/heap2stack.so
trap 'rm -rf "$snap"' EXIT
export -f run_one validate_one fail build
export root bin out mode plugin validate py asanld family oracle
results=${log:-$(mktemp)}
seq "$seed" $((seed + count - 1)) |
  xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} |
  tee "$results" | grep --line-buffered FAIL
awk '
  $3 == "ok" { ok++; p += $4; if ($4 > 0) pp++ }
  $3 == "FAIL" { bad++ }
  END {
    printf "programs %d, promoted %d (in %d programs), failures %d\n", ok + bad, p, pp, bad
    printf "%d passed, %d failed\n", ok, bad
  }' "$results"
bad=$(grep -c FAIL "$results")
[ -n "$log" ] || rm -f "$results"
[ "$bad" -eq 0 ]
