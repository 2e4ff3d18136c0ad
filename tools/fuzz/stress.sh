#!/usr/bin/env bash
# stress.sh: heap2stack over random IR. Each module is llvm-stress output
# (every 4th with scalable vectors) passed through stressify.py, which turns
# allocas into allocation calls and adds frees, stores, unknown calls and
# allocations in loops. The pass runs with -verify-each in three pipelines
# (heap2stack; inferattrs,heap2stack; cgscc(heap2stack)) with every remark
# kind on and a YAML remark file. A crash, a verifier error or any non-zero
# exit is a failure; the module is saved under the failure directory.
#
#   stress.sh [--count N] [--seed S] [--jobs J] [--size MAX] [--out DIR]
#             [--plugin SO] [--log FILE]
#
# Prints failing seeds, then "modules N, promoted P, failures F" and
# "N passed, F failed". Exit status 0 when nothing failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
count=100 seed=1 jobs=$(nproc) size=400 out=$root/build/stress-failures log=
plugin=${H2S_PLUGIN:-$root/build/pass/heap2stack.so}
one=
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --one) one=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "stress.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

stress_one() {
  local s=$1 d
  d=$(mktemp -d "${TMPDIR:-/tmp}/h2s-stress.XXXXXX")
  local sv= sz=$(( 20 + (s * 7919) % size ))
  [ $((s % 4)) -eq 3 ] && sv=--enable-scalable-vectors
  "$bin/llvm-stress" -seed="$s" -size="$sz" $sv -o "$d/stress.ll" &&
    "$py" "$root/tools/fuzz/stressify.py" --seed "$s" <"$d/stress.ll" >"$d/in.ll" ||
    { sfail "$s" "$d" "llvm-stress or stressify failed"; return; }
  "$bin/opt" -passes=verify -disable-output "$d/in.ll" 2>"$d/verify.err" ||
    { sfail "$s" "$d" "stressify made invalid IR (tool bug, not a pass bug)"; return; }
  local p promoted=0
  local rc
  for p in heap2stack 'inferattrs,heap2stack' 'cgscc(heap2stack)'; do
    timeout 60 "$bin/opt" -load-pass-plugin="$plugin" -passes="$p" -verify-each \
        -pass-remarks=heap2stack -pass-remarks-missed=heap2stack \
        -pass-remarks-analysis=heap2stack -pass-remarks-output="$d/remarks.yaml" \
        -S "$d/in.ll" -o "$d/out.ll" 2>"$d/opt.err"
    rc=$?
    if [ $rc -ne 0 ]; then
      sfail "$s" "$d" "opt -passes='$p' -verify-each failed (exit $rc)"; return
    fi
    promoted=$((promoted + $(grep -c 'moved to stack' "$d/opt.err")))
  done
  echo "seed $s ok $promoted"
  rm -rf "$d"
}

sfail() {
  local s=$1 d=$2 why=$3
  mkdir -p "$out"
  rm -rf "$out/seed-$s"
  echo "seed $s: $why" >"$d/REASON"
  mv "$d" "$out/seed-$s"
  echo "seed $s FAIL $why ($out/seed-$s)"
}

# The interpreter itself, not a version manager's shim in front of it.
py=$(python3 -c 'import sys; print(sys.executable)') || { echo "stress.sh: python3 not found" >&2; exit 2; }

if [ -n "$one" ]; then
  stress_one "$one"
  exit 0
fi

[ -f "$plugin" ] || { echo "stress.sh: no plugin at $plugin (build first)" >&2; exit 2; }
# A private copy: a rebuild in the middle of a long run must not fail it.
snap=$(mktemp -d "${TMPDIR:-/tmp}/h2s-plugin.XXXXXX")
cp "$plugin" "$snap/heap2stack.so" && plugin=$snap/heap2stack.so
trap 'rm -rf "$snap"' EXIT
export -f stress_one sfail
export root bin out size plugin py
results=${log:-$(mktemp)}
seq "$seed" $((seed + count - 1)) |
  xargs -P "$jobs" -I{} bash -c 'stress_one "$@"' _ {} |
  tee "$results" | grep --line-buffered FAIL
awk '
  $3 == "ok" { ok++; p += $4 }
  $3 == "FAIL" { bad++ }
  END {
    printf "modules %d, promoted %d, failures %d\n", ok + bad, p, bad
    printf "%d passed, %d failed\n", ok, bad
  }' "$results"
bad=$(grep -c FAIL "$results")
[ -n "$log" ] || rm -f "$results"
[ "$bad" -eq 0 ]
