#!/usr/bin/env bash
# quickstart.sh: install what is missing, build heap2stack, then compile the
# demo program with `clang-22 -O2 -fpass-plugin` and show what moved to the
# stack and why the rest did not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/deps.sh"
"$root/tools/build.sh"
build=${H2S_BUILD:-$root/build}
out=$build/demo
mkdir -p "$out"
echo "== clang-22 -O2 -fpass-plugin=$build/pass/heap2stack.so tools/demo/demo.c"
/usr/lib/llvm-22/bin/clang -O2 -g -fpass-plugin="$build/pass/heap2stack.so" \
  -Rpass=heap2stack -Rpass-missed=heap2stack \
  -fsave-optimization-record -foptimization-record-file="$out/demo.opt.yaml" \
  "$root/tools/demo/demo.c" -o "$out/demo"
echo "== running the demo"
"$out/demo"
if [ -x "$build/tools/report/heap2stack-report" ]; then
  echo "== heap2stack-report --format=summary $out/demo.opt.yaml"
  "$build/tools/report/heap2stack-report" --format=summary "$out/demo.opt.yaml"
fi
