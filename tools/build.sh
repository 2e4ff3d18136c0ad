#!/usr/bin/env bash
# build.sh: configure (once) and build heap2stack into ./build with clang-22.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${H2S_BUILD:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang \
    -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ >/dev/null
fi
ninja -C "$build" >/dev/null
