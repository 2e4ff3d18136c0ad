#!/usr/bin/env bash
# check.sh: differential runtime test of heap2stack on one C or C++ program.
#
#   check.sh SRC [extra clang flags...]
#
# Builds SRC four ways with clang -O2:
#   plain      without the plugin
#   h2s        with -fpass-plugin (the remarks of this build are summarised)
#   h2s-asan   with the plugin and AddressSanitizer (use-after-return always on)
#   asan       without the plugin, with AddressSanitizer
# runs each, and fails when stdout or the exit status differ from the plain
# build, or when AddressSanitizer reports anything, or when a source line
# marked "h2s: heap" has an allocation that was moved (or one marked
# "h2s: stack" has none). On success it prints
#   moved: N                  allocations the plugin moved to the stack
#   remark: FILE:LINE: TEXT   one line per heap2stack remark (Passed/Missed)
#   allocations: plain N, h2s M   heap blocks and reallocs of the two
#                                  builds without ASan (M may not exceed N)
#   ok: ...
# so that lit tests can check that promotion did (or did not) happen.
#
# Environment: H2S_PLUGIN (default <script dir>/../../build/pass/heap2stack.so),
# H2S_PLUGIN_ARGS (extra clang flags for the two plugin builds only, e.g.
# "-mllvm -heap2stack-options=max-size-recursive=64"), H2S_CLANG_DIR (default
# /usr/lib/llvm-22/bin), H2S_KEEP=1 keeps the temp dir, H2S_TIMEOUT (seconds
# per run, default 20).
set -u

die() { echo "FAIL: $*"; exit 1; }

[ $# -ge 1 ] || { echo "usage: check.sh SRC [extra clang flags...]" >&2; exit 2; }
src=$1
shift
[ -f "$src" ] || die "no such source file: $src"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=${H2S_PLUGIN:-$here/../../build/pass/heap2stack.so}
[ -f "$plugin" ] || die "plugin not found: $plugin (build it or set H2S_PLUGIN)"
bindir=${H2S_CLANG_DIR:-/usr/lib/llvm-22/bin}
limit=${H2S_TIMEOUT:-20}

case $src in
  *.cpp | *.cc | *.cxx | *.C) cc=$bindir/clang++ ;;
  *) cc=$bindir/clang ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/h2s-runtime.XXXXXX") || die "mktemp failed"
if [ "${H2S_KEEP:-0}" = 1 ]; then
  echo "note: keeping $tmp" >&2
else
  trap 'rm -rf "$tmp"' EXIT
fi

base=(-O2 -g0 -w)
# Flags only the plugin builds get, e.g. "-mllvm -heap2stack-options=...".
read -r -a plugargs <<<"${H2S_PLUGIN_ARGS:-}"
plug=(-fpass-plugin="$plugin" -Rpass=heap2stack -Rpass-missed=heap2stack
      "${plugargs[@]}")
asan=(-fsanitize=address -fsanitize-address-use-after-return=always
      -fno-omit-frame-pointer -g)

build() { # name flags...
  local name=$1
  shift
  if ! "$cc" "${base[@]}" "$@" "$src" -o "$tmp/$name" "${extra[@]}" \
      >"$tmp/$name.cc.err" 2>&1; then
    echo "FAIL: build '$name' failed"
    grep -v ': remark: ' "$tmp/$name.cc.err" | head -n 40
    exit 1
  fi
}

extra=("$@")
build plain
build h2s "${plug[@]}"
build h2s-asan "${plug[@]}" "${asan[@]}"
build asan "${asan[@]}"

# The allocation counter (tools/bench/count.c) runs under the two builds
# without ASan: heap allocations with the plugin may never exceed -O2's.
counter=$tmp/count.so
"$bindir/clang" -O2 -shared -fPIC "$here/../../tools/bench/count.c" \
  -o "$counter" -ldl >/dev/null 2>&1 || counter=

export ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1:halt_on_error=1
run() { # name
  local name=$1 rc pre=()
  case $name in
    plain | h2s) [ -n "$counter" ] &&
      pre=(env LD_PRELOAD="$counter" H2S_COUNT_FILE="$tmp/$name.count") ;;
  esac
  # The subshell keeps bash's "Segmentation fault" notices out of the output.
  (timeout "$limit" "${pre[@]}" "$tmp/$name" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null; exit $?) 2>/dev/null
  rc=$?
  echo "$rc" >"$tmp/$name.rc"
  [ "$rc" -eq 124 ] && die "run '$name' timed out after ${limit}s"
}

for b in plain h2s h2s-asan asan; do run "$b"; done

want_rc=$(cat "$tmp/plain.rc")
for b in h2s h2s-asan asan; do
  if grep -q 'AddressSanitizer' "$tmp/$b.err"; then
    echo "FAIL: AddressSanitizer reported an error in build '$b'"
    head -n 40 "$tmp/$b.err"
    exit 1
  fi
  got_rc=$(cat "$tmp/$b.rc")
  if [ "$got_rc" != "$want_rc" ]; then
    echo "FAIL: exit status of build '$b' is $got_rc, plain build gave $want_rc"
    head -n 40 "$tmp/$b.err"
    exit 1
  fi
  if ! cmp -s "$tmp/plain.out" "$tmp/$b.out"; then
    echo "FAIL: output of build '$b' differs from the plain build"
    diff -u --label plain "$tmp/plain.out" --label "$b" "$tmp/$b.out" | head -n 40
    head -n 20 "$tmp/$b.err"
    exit 1
  fi
done

# Never worse than -O2 (issue 17): no more heap blocks (alloc: malloc,
# calloc, new, realloc of null...) and no more blocks and reallocs
# together than the plain build, summed over every process that ran.
count() { # name field...
  [ -f "$tmp/$1.count" ] || { echo -; return; }
  local f=$1
  shift
  awk -v want="$*" 'BEGIN { split(want, w, " ") }
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); for (j in w) if (kv[1] == w[j]) n += kv[2] } }
    END { print n + 0 }' "$tmp/$f.count"
}
for fields in "alloc" "alloc realloc"; do
  want=$(count plain $fields)
  got=$(count h2s $fields)
  if [ "$want" != - ] && [ "$got" != - ] && [ "$got" -gt "$want" ]; then
    echo "FAIL: build 'h2s' made more heap allocations ($fields: $got) than the plain build ($want)"
    exit 1
  fi
done

# Summarise build h2s's remarks: "FILE:LINE:COL: remark: TEXT [-Rpass...]".
moved=$(grep -c ': remark: .*does not escape.*\[-Rpass=heap2stack\]' "$tmp/h2s.cc.err")

# Per-line expectations written in the source: an allocation on a line marked
# "h2s: heap" must not move, one on a line marked "h2s: stack" must move.
name=$(basename "$src")
moved_lines=$(sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: remark: .*does not escape.*\[-Rpass=heap2stack\]$/\1:\2/p' \
  "$tmp/h2s.cc.err" | sed -n "s|^\(.*/\)\{0,1\}$name:||p" | sort -un)
bad=0
for n in $moved_lines; do
  if sed -n "${n}p" "$src" | grep -q 'h2s: heap'; then
    echo "FAIL: the allocation at $name:$n (marked h2s: heap) was moved to the stack"
    grep ": remark: " "$tmp/h2s.cc.err" | grep "$name:$n:"
    bad=1
  fi
done
for n in $(grep -n 'h2s: stack' "$src" | cut -d: -f1); do
  if ! printf '%s\n' $moved_lines | grep -qx "$n"; then
    echo "FAIL: the allocation at $name:$n (marked h2s: stack) was not moved to the stack"
    grep ": remark: " "$tmp/h2s.cc.err" | grep "$name:$n:"
    bad=1
  fi
done
[ "$bad" = 0 ] || exit 1

echo "moved: $moved"
sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: remark: \(.*\) \[-Rpass[a-z-]*=heap2stack\]$/\1:\2: \3/p' \
  "$tmp/h2s.cc.err" | sed 's|^[^:]*/\([^/:]*:\)|\1|' | sort -t: -k1,1 -k2,2n -s |
  sed 's/^/remark: /'
[ -f "$tmp/plain.count" ] && [ -f "$tmp/h2s.count" ] &&
  echo "allocations: plain $(count plain alloc realloc), h2s $(count h2s alloc realloc)"
echo "ok: 4 builds agree (exit $want_rc, $(wc -l <"$tmp/plain.out") lines of output)"
