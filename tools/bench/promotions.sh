#!/usr/bin/env bash
# promotions.sh: count the allocation sites heap2stack moves (Passed remarks)
# in the benchmark programs, the runtime tests and, when present, the SQLite
# amalgamation, for one or more plugin builds side by side: a precision
# comparison between two commits.
#
#   tools/bench/promotions.sh PLUGIN.so [PLUGIN2.so ...]
#
# Prints one line per input group: sites moved for each plugin.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cc=/usr/lib/llvm-22/bin/clang
[ $# -ge 1 ] || { echo "usage: promotions.sh PLUGIN.so [PLUGIN2.so ...]" >&2; exit 2; }
for p in "$@"; do [ -f "$p" ] || { echo "promotions.sh: no plugin $p" >&2; exit 2; }; done

count() { # plugin files...
  local plugin=$1 n=0 f c x
  shift
  for f in "$@"; do
    case $f in *.cpp) c=${cc}++ ;; *) c=$cc ;; esac
    x=$("$c" -O2 -w -I"$root/tools/bench" -fpass-plugin="$plugin" -Rpass=heap2stack \
        -c "$f" -o /dev/null 2>&1 | grep -c 'does not escape' || true)
    n=$((n + x))
  done
  echo "$n"
}

groups=("bench:$root/tools/bench/programs"
        "runtime:$root/test/runtime")
printf '%-10s' group
for p in "$@"; do printf ' %12s' "$(basename "$(dirname "$(dirname "$p")")")"; done
echo
for g in "${groups[@]}"; do
  name=${g%%:*} dir=${g#*:}
  mapfile -t files < <(find "$dir" -name '*.c' -o -name '*.cpp' | sort)
  printf '%-10s' "$name"
  for p in "$@"; do printf ' %12s' "$(count "$p" "${files[@]}")"; done
  echo
done
sqlite=${H2S_SQLITE:-$root/build/bench/sqlite3.c}
if [ -f "$sqlite" ]; then
  printf '%-10s' sqlite
  for p in "$@"; do printf ' %12s' "$(count "$p" "$sqlite")"; done
  echo
fi
