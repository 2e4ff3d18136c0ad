#!/usr/bin/env bash
# determinism.sh: heap2stack's output must not depend on the process. For
# each seed, a generated program (gen.py, mode by seed) goes through clang -O2
# with the plugin, and a stressified llvm-stress module through opt in two
# pipelines (inferattrs,heap2stack and cgscc(heap2stack), analysis remarks
# on), each twice in separate processes; the second process gets a 60 KB
# environment variable, which moves its stack and heap. The IR and the remark
# YAML of the two processes must be byte-identical.
#
#   determinism.sh [--count N] [--seed S] [--plugin SO]
#
# Prints each differing input, then "determinism: C comparisons, D differ, B
# bytes of remark YAML compared". Exit status 0 when nothing differs.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
count=30 seed=1 plugin=${H2S_PLUGIN:-$root/build/pass/heap2stack.so}
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "determinism.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -f "$plugin" ] || { echo "determinism.sh: no plugin at $plugin (build first)" >&2; exit 2; }
d=$(mktemp -d "${TMPDIR:-/tmp}/h2s-determinism.XXXXXX")
trap 'rm -rf "$d"' EXIT
cp "$plugin" "$d/heap2stack.so" && plugin=$d/heap2stack.so
pad=$(head -c 60000 /dev/zero | tr '\0' x)
envk() { [ "$1" = 2 ] && echo "H2S_PAD=$pad" || echo "H2S_PAD="; }
n=0 bad=0 bytes=0
for s in $(seq "$seed" $((seed + count - 1))); do
  python3 "$root/tools/fuzz/gen.py" --seed "$s" -o "$d/p.c"
  src=$d/p.c cc=$bin/clang
  if grep -q '^/\* seed [0-9]* mode cxx \*/$' "$d/p.c"; then
    mv "$d/p.c" "$d/p.cpp"; src=$d/p.cpp cc=$bin/clang++
  fi
  for k in 1 2; do
    env "$(envk $k)" "$cc" -O2 -g -w -S -emit-llvm -fpass-plugin="$plugin" "$src" \
      -o "$d/c$k.ll" -fsave-optimization-record -foptimization-record-file="$d/c$k.yaml" \
      -foptimization-record-passes=heap2stack
  done
  bytes=$((bytes + $(wc -c <"$d/c1.yaml")))
  n=$((n + 1))
  cmp -s "$d/c1.ll" "$d/c2.ll" && cmp -s "$d/c1.yaml" "$d/c2.yaml" ||
    { bad=$((bad + 1)); echo "gen.py seed $s: output differs between processes"; }
  rm -f "$d/p.c" "$d/p.cpp"
  "$bin/llvm-stress" -seed="$s" -size=300 |
    python3 "$root/tools/fuzz/stressify.py" --seed "$s" >"$d/in.ll"
  for p in 'inferattrs,heap2stack' 'cgscc(heap2stack)'; do
    for k in 1 2; do
      env "$(envk $k)" "$bin/opt" -load-pass-plugin="$plugin" -passes="$p" \
        -pass-remarks-analysis=heap2stack -pass-remarks-output="$d/o$k.yaml" \
        -S "$d/in.ll" -o "$d/o$k.ll" 2>/dev/null
    done
    bytes=$((bytes + $(wc -c <"$d/o1.yaml")))
    n=$((n + 1))
    cmp -s "$d/o1.ll" "$d/o2.ll" && cmp -s "$d/o1.yaml" "$d/o2.yaml" ||
      { bad=$((bad + 1)); echo "llvm-stress seed $s, -passes='$p': output differs between processes"; }
  done
done
echo "determinism: $n comparisons, $bad differ, $bytes bytes of remark YAML compared"
[ "$bad" -eq 0 ]
