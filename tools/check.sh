#!/usr/bin/env bash
# check.sh: the whole test suite. Installs what is missing, builds, then runs
# ctest: the engine's unit tests and the lit suite (IR, C, runtime and tool
# tests). Fails when anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/deps.sh"
"$root/tools/build.sh"
build=${H2S_BUILD:-$root/build}
cd "$build"
ctest --output-on-failure -j"$(nproc)"
