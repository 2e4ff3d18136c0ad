#!/usr/bin/env bash
# run.sh: build and run heap2stack's benchmarks, and print one table.
#
#   tools/bench/run.sh [--quick] [--plugin=PATH] [--rounds=N] [--out=FILE]
#                      [--no-runtime] [--no-compile-time] [--[no-]sqlite]
#
# Runtime set: every program in tools/bench/programs is built four ways
# (clang -O2; -O2 with the Attributor's heap-to-stack; -O2 with heap2stack;
# the hand-written stack version, -DBENCH_HAND), its four builds are run in
# turn for several rounds (the order rotates each round, so machine noise
# hits all four alike), and the median CPU time per operation is reported
# with its ratios to -O2 and to the hand-written build, next to the heap
# allocations per operation counted by count.so (LD_PRELOAD). The builds
# must agree on each program's checksum; a build that does not is marked.
#
# Compile time: heap2stack's share of clang -O2 on the SQLite amalgamation
# (fetched once with `npm pack better-sqlite3` into the cache directory,
# never committed), from -ftime-report and from the total CPU time with and
# without the plugin; and its time on generated functions of growing size
# (gen.c), alone and inside opt's -O2 pipeline.
#
# Everything is built under build/bench (H2S_BENCH_DIR); the plugin is
# built with tools/build.sh unless --plugin names one. The table is printed
# as Markdown and saved to build/bench/results.md (or --out). Not part of
# the test suite. --quick: fewer rounds, shorter runs, small generated
# inputs and no SQLite (unless --sqlite), about two minutes on two cores; a
# full run takes about ten.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
llvm=${LLVM_BIN:-/usr/lib/llvm-22/bin}
cc=$llvm/clang
cxx=$llvm/clang++
opt=$llvm/opt
work=${H2S_BENCH_DIR:-$root/build/bench}

quick=0 plugin="" rounds="" out="" do_runtime=1 do_compile=1 do_sqlite=""
args="$*"
for a in "$@"; do
  case $a in
  --quick) quick=1 ;;
  --plugin=*) plugin=${a#*=} ;;
  --rounds=*) rounds=${a#*=} ;;
  --out=*) out=${a#*=} ;;
  --no-runtime) do_runtime=0 ;;
  --no-compile-time) do_compile=0 ;;
  --sqlite) do_sqlite=1 ;;
  --no-sqlite) do_sqlite=0 ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "run.sh: unknown option $a (try --help)" >&2
    exit 2
    ;;
  esac
done

if [ "$quick" = 1 ]; then
  scale=0.2 rounds=${rounds:-3} count_iters=2000 sqlite_pairs=0
  sizes="1000 10000" do_sqlite=${do_sqlite:-0}
else
  scale=1 rounds=${rounds:-7} count_iters=20000 sqlite_pairs=3
  sizes="1000 3000 10000 30000 100000" do_sqlite=${do_sqlite:-1}
fi

log() { echo "run.sh: $*" >&2; }
die() {
  echo "run.sh: $*" >&2
  exit 1
}

[ -x "$cc" ] || die "no clang at $cc (set LLVM_BIN)"
plugin_from="given with --plugin"
if [ -z "$plugin" ]; then
  log "building the plugin (tools/build.sh)"
  bash "$root/tools/build.sh" || die "tools/build.sh failed"
  plugin=$root/build/pass/heap2stack.so
  plugin_from="built from git $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
fi
[ -f "$plugin" ] || die "no plugin at $plugin"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")

mkdir -p "$work/bin" "$work/raw" "$work/remarks"
out=${out:-$work/results.md}
res=$work/raw/results.txt
: >"$res"

variants="o2 attr h2s hand"
vflags() {
  case $1 in
  o2) echo "" ;;
  attr) echo "-mllvm -attributor-enable=module" ;;
  h2s) echo "-fpass-plugin=$plugin" ;;
  hand) echo "-DBENCH_HAND" ;;
  esac
}

# ---- the machine --------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
clangv=$("$cc" --version | head -1)
machine="$(nproc) CPUs, $cpu; $clangv; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median and spread of numbers on stdin (one per line): "median spread",
# where spread is (max - min) / median.
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "nan nan"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.6g %.4f\n", m, (m > 0 ? (v[NR] - v[1]) / m : 0) }'
}

fmt() { awk -v x="$1" 'BEGIN { printf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# ---- runtime set --------------------------------------------------------
# A time cell of the table (uses the caller's t and sum): flagged when the
# build's checksum differs from -O2's.
cell() {
  if [ "${sum[$1]}" != "${sum[o2]}" ]; then
    printf '%s WRONG' "$(fmt "${t[$1]}")"
  else
    fmt "${t[$1]}"
  fi
}

runtime() {
  rm -f "$work"/raw/time.* "$work"/raw/sum.* "$work"/raw/count.* "$work/raw/wrong.txt" "$work/raw/more.txt"
  log "building count.so and the programs"
  "$cc" -O2 -shared -fPIC "$here/count.c" -o "$work/bin/count.so" -ldl
  progs=""
  for src in "$here"/programs/*.c "$here"/programs/*.cpp; do
    [ -f "$src" ] || continue
    p=$(basename "$src")
    p=${p%.*}
    comp=$cc libs=""
    case $src in *.cpp) comp=$cxx ;; esac
    if grep -q '#include <gc.h>' "$src"; then
      if ! echo '#include <gc.h>' | "$cc" -E -x c - >/dev/null 2>&1; then
        log "skipping $p: gc.h not found (apt-get install libgc-dev)"
        continue
      fi
      libs=-lgc
    fi
    for v in $variants; do
      extra=""
      [ "$v" = h2s ] && extra="-Rpass=heap2stack -Rpass-missed=heap2stack"
      # shellcheck disable=SC2046
      "$comp" -O2 $(vflags $v) $extra -I"$here" "$src" -o "$work/bin/$p.$v" \
        $libs 2>"$work/remarks/$p.$v.txt" ||
        die "building $p ($v) failed: $(cat "$work/remarks/$p.$v.txt")"
    done
    progs="$progs $p"
  done

  log "counting allocations"
  for p in $progs; do
    for v in $variants; do
      f=$work/raw/count.$p.$v
      rm -f "$f.0" "$f.n"
      H2S_COUNT_FILE=$f.0 LD_PRELOAD=$work/bin/count.so "$work/bin/$p.$v" 0 \
        >/dev/null
      H2S_COUNT_FILE=$f.n LD_PRELOAD=$work/bin/count.so \
        "$work/bin/$p.$v" "$count_iters" >"$f.out"
      calls=$(sed -n 's/.*calls=\([0-9]*\).*/\1/p' "$f.out")
      a0=$(sed -n 's/^count: alloc=\([0-9]*\).*/\1/p' "$f.0")
      an=$(sed -n 's/^count: alloc=\([0-9]*\).*/\1/p' "$f.n")
      awk -v a="$an" -v b="$a0" -v c="$calls" \
        'BEGIN { printf "%.2f\n", (a - b) / c }' >"$f.perop"
    done
  done

  log "timing: $rounds rounds of $(echo $progs | wc -w) programs x 4 builds"
  nv=4
  for ((r = 0; r < rounds; r++)); do
    for p in $progs; do
      set -- $variants
      order=""
      for ((k = 0; k < nv; k++)); do
        i=$(((k + r) % nv + 1))
        order="$order ${!i}"
      done
      for v in $order; do
        line=$(BENCH_SCALE=$scale "$work/bin/$p.$v")
        echo "$line" | sed -n 's/.*ns_per_op=\([0-9.]*\).*/\1/p' \
          >>"$work/raw/time.$p.$v"
        [ "$r" = 0 ] && echo "$line" | sed -n 's/.*checksum=\([0-9a-f]*\).*/\1/p' \
          >"$work/raw/sum.$p.$v"
      done
    done
    log "round $((r + 1))/$rounds done"
  done

  {
    echo "### Runtime: CPU time per operation (median of $rounds interleaved runs)"
    echo
    echo "t/O2 and t/hand are time ratios (lower is better: 0.33 is 3x faster);"
    echo "allocs/op is the heap allocations per operation counted by count.so;"
    echo "noise is the widest (max-min)/median of the four builds' runs."
    echo
    echo "| program | -O2 ns | Attributor ns | heap2stack ns | hand ns | Attr t/O2 | Attr t/hand | h2s t/O2 | h2s t/hand | allocs/op -O2 | Attr | h2s | hand | noise |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  } >"$work/raw/runtime.md"
  for p in $progs; do
    declare -A t sum al
    noise=0
    for v in $variants; do
      read -r m s < <(median <"$work/raw/time.$p.$v")
      t[$v]=$m
      noise=$(awk -v a="$noise" -v b="$s" 'BEGIN { print (b > a ? b : a) }')
      sum[$v]=$(cat "$work/raw/sum.$p.$v")
      al[$v]=$(cat "$work/raw/count.$p.$v.perop")
    done
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f%% |\n' \
      "$p" "$(cell o2)" "$(cell attr)" "$(cell h2s)" "$(cell hand)" \
      "$(ratio "${t[attr]}" "${t[o2]}")" "$(ratio "${t[attr]}" "${t[hand]}")" \
      "$(ratio "${t[h2s]}" "${t[o2]}")" "$(ratio "${t[h2s]}" "${t[hand]}")" \
      "${al[o2]}" "${al[attr]}" "${al[h2s]}" "${al[hand]}" \
      "$(awk -v n="$noise" 'BEGIN { print n * 100 }')" >>"$work/raw/runtime.md"
    # Never worse than -O2 (issue 17): heap2stack may not add allocations.
    if awk -v h="${al[h2s]}" -v o="${al[o2]}" 'BEGIN { exit !(h > o) }'; then
      echo "$p: heap2stack makes ${al[h2s]} allocations per operation, -O2 ${al[o2]}" \
        >>"$work/raw/more.txt"
    fi
    for v in $variants; do
      if [ "${sum[$v]}" != "${sum[o2]}" ]; then
        echo "$p: the $v build's checksum ${sum[$v]} differs from -O2's ${sum[o2]}" \
          >>"$work/raw/wrong.txt"
      fi
    done
    unset t sum al
  done
  {
    echo
    if [ -s "$work/raw/wrong.txt" ]; then
      echo "WRONG: a build computed a different checksum from -O2 (a miscompile):"
      echo
      sed 's/^/- /' "$work/raw/wrong.txt"
      echo
    fi
    if [ -s "$work/raw/more.txt" ]; then
      echo "MORE: heap2stack made more heap allocations than -O2 (never worse than -O2 is broken):"
      echo
      sed 's/^/- /' "$work/raw/more.txt"
      echo
    fi
    echo "#### heap2stack remarks on the runtime set (unique, from -Rpass/-Rpass-missed)"
    echo
    echo '```'
    for p in $progs; do
      grep -h 'remark:' "$work/remarks/$p.h2s.txt" |
        sed "s|^$here/programs/||; s|^/usr/[^ ]*/c++/[0-9]*/|<c++>/|; s/ \[-Rpass[-a-z]*=heap2stack\]//" |
        sort | uniq -c | sed 's/^ *\([0-9]*\) /\1x /' || true
    done
    echo '```'
  } >>"$work/raw/runtime.md"
  rm -f "$work/raw/wrong.txt" "$work/raw/more.txt"
  cat "$work/raw/runtime.md" >>"$res"
}

# ---- compile time -------------------------------------------------------
# Parse -ftime-report / -time-passes output on stdin: print the user+system
# seconds of the heap2stack pass line(s) and of the named section's total.
h2s_seconds() {
  sed 's/([^)]*)//g' | awk '/[Hh]eap2[Ss]tack/ { s += $3 } END { printf "%.4f\n", s }'
}
section_total() { # $1: section title; prints its user+system total
  awk -v t="$1" '$0 ~ t { f = 1 } f && /Total Execution Time:/ { print $4; exit }'
}

fetch_sqlite() {
  local dir=$work/sqlite
  if [ -f "$dir/sqlite3.c" ]; then
    echo "$dir/sqlite3.c"
    return
  fi
  command -v npm >/dev/null || {
    log "no npm: cannot fetch sqlite3.c"
    return 1
  }
  mkdir -p "$dir"
  (cd "$dir" && npm pack better-sqlite3 >/dev/null 2>&1) || {
    log "npm pack better-sqlite3 failed"
    return 1
  }
  tar -xzf "$dir"/better-sqlite3-*.tgz -C "$dir" package/deps/sqlite3/sqlite3.c \
    package/deps/sqlite3/sqlite3.h || return 1
  mv "$dir/package/deps/sqlite3/sqlite3.c" "$dir/package/deps/sqlite3/sqlite3.h" "$dir/"
  rm -rf "$dir/package" "$dir"/better-sqlite3-*.tgz
  echo "$dir/sqlite3.c"
}

cputime() { # run a command, print its user+system seconds
  local TIMEFORMAT='%3U %3S'
  { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.3f\n", $1 + $2 }'
}

sqlite() {
  local src
  src=$(fetch_sqlite) || {
    echo "### Compile time: SQLite amalgamation: skipped (could not fetch it)" >>"$res"
    return
  }
  local lines
  lines=$(wc -l <"$src")
  log "sqlite3.c: -ftime-report with the plugin"
  "$cc" -O2 -c "$src" -o "$work/raw/sqlite3.o" -fpass-plugin="$plugin" \
    -ftime-report >"$work/raw/sqlite.report" 2>&1
  local pass total share
  pass=$(sed -n '/Pass execution timing report/,/Total$/p' "$work/raw/sqlite.report" | h2s_seconds)
  total=$(section_total "Clang time report" <"$work/raw/sqlite.report")
  share=$(awk -v a="$pass" -v b="$total" 'BEGIN { printf "%.2f", 100 * a / b }')
  # Size in IR instructions, as the front end emits them (before inlining).
  local insts per
  "$cc" -O2 -Xclang -disable-llvm-passes -S -emit-llvm "$src" \
    -o "$work/raw/sqlite3.ll" >/dev/null 2>&1
  insts=$(grep -c '^  ' "$work/raw/sqlite3.ll" || true)
  rm -f "$work/raw/sqlite3.ll"
  per=$(awk -v a="$pass" -v n="$insts" 'BEGIN { if (n > 0) printf "%.2f", 1e6 * a / n; else print "-" }')
  {
    echo "### Compile time: SQLite amalgamation ($lines lines), clang -O2 -c"
    echo
    echo "| measure | value |"
    echo "|---|--:|"
    echo "| heap2stack pass, user+sys (-ftime-report) | ${pass} s |"
    echo "| whole compile, user+sys (-ftime-report's Clang total) | ${total} s |"
    echo "| **heap2stack's share (-ftime-report)** | **${share}%** |"
    echo "| IR instructions from the front end | ${insts} |"
    echo "| heap2stack per instruction | ${per} µs |"
  } >>"$res"
  if [ "$sqlite_pairs" -gt 0 ]; then
    : >"$work/raw/sqlite.without"
    : >"$work/raw/sqlite.with"
    for ((k = 0; k < sqlite_pairs; k++)); do
      log "sqlite3.c: compile pair $((k + 1))/$sqlite_pairs (without, with the plugin)"
      if [ $((k % 2)) = 0 ]; then
        cputime "$cc" -O2 -c "$src" -o "$work/raw/a.o" >>"$work/raw/sqlite.without"
        cputime "$cc" -O2 -c "$src" -o "$work/raw/b.o" -fpass-plugin="$plugin" >>"$work/raw/sqlite.with"
      else
        cputime "$cc" -O2 -c "$src" -o "$work/raw/b.o" -fpass-plugin="$plugin" >>"$work/raw/sqlite.with"
        cputime "$cc" -O2 -c "$src" -o "$work/raw/a.o" >>"$work/raw/sqlite.without"
      fi
    done
    local wo wi ws is
    read -r wo ws < <(median <"$work/raw/sqlite.without")
    read -r wi is < <(median <"$work/raw/sqlite.with")
    {
      echo "| clang -O2 without the plugin, user+sys (median of $sqlite_pairs, spread $(awk -v s="$ws" 'BEGIN { printf "%.1f%%", 100 * s }')) | ${wo} s |"
      echo "| clang -O2 with the plugin, user+sys (median of $sqlite_pairs, spread $(awk -v s="$is" 'BEGIN { printf "%.1f%%", 100 * s }')) | ${wi} s |"
      echo "| **difference** | **$(awk -v a="$wi" -v b="$wo" 'BEGIN { printf "%+.2f s (%+.2f%%)", a - b, 100 * (a - b) / b }')** |"
    } >>"$res"
  fi
  echo >>"$res"
}

generated() {
  "$cc" -O2 "$here/gen.c" -o "$work/bin/gen"
  {
    echo "### Compile time: generated inputs (gen.c), opt, user+sys seconds"
    echo
    echo "One function of N instructions, then the same N instructions split over"
    echo "N/300 functions that form one call-graph SCC (analysed together), then a"
    echo "chain of N/8 callers, each calling a helper whose buffer moves to the"
    echo "stack (every SCC is rewritten and asks whether its callers may recurse)."
    echo
    echo "| shape | instructions | heap2stack alone | per instruction | growth exponent | opt -O2 total | heap2stack in -O2 | share of -O2 |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|"
  } >>"$res"
  local shape
  for shape in function scc chain; do
    local pn="" pt=""
    for n in $sizes; do
      local nfn=1 name="1 function"
      if [ "$shape" = scc ]; then
        nfn=$((n / 300))
        [ "$nfn" -ge 2 ] || continue
        name="SCC of $nfn"
      elif [ "$shape" = chain ]; then
        nfn=chain name="chain of $((n / 8)) callers"
      fi
      log "generated input of $n instructions ($name)"
      local ll=$work/raw/gen$n.$nfn.ll
      "$work/bin/gen" "$n" "$nfn" >"$ll"
      local insts alone o2 o2pass grow share
      insts=$(grep -c '^  ' "$ll")
      alone=$("$opt" -load-pass-plugin="$plugin" -passes=heap2stack -time-passes \
        -disable-output "$ll" 2>&1 | h2s_seconds)
      "$opt" -load-pass-plugin="$plugin" -passes='default<O2>' -time-passes \
        -disable-output "$ll" >"$ll.o2" 2>&1
      o2=$(section_total "Pass execution timing report" <"$ll.o2")
      o2pass=$(sed -n '/Pass execution timing report/,/Total$/p' "$ll.o2" | h2s_seconds)
      share=$(awk -v a="$o2pass" -v b="$o2" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }')
      local per
      per=$(awk -v a="$alone" -v n="$insts" 'BEGIN { printf "%.2f µs", 1e6 * a / n }')
      grow="-"
      if [ -n "$pn" ]; then
        grow=$(awk -v t1="$pt" -v t2="$alone" -v n1="$pn" -v n2="$insts" \
          'BEGIN { if (t1 > 0 && t2 > 0) printf "%.2f", log(t2 / t1) / log(n2 / n1); else print "-" }')
      fi
      echo "| $name | $insts | $alone | $per | $grow | $o2 | $o2pass | $share |" >>"$res"
      pn=$insts pt=$alone
    done
  done
  {
    echo
    echo "Growth exponent: log(t2/t1)/log(n2/n1) between this row and the previous"
    echo "of the same shape (1 is linear, 2 quadratic). Times under 0.01 s are at"
    echo "the timer's resolution. The -O2 share is of opt's pass time (no code"
    echo "generation), so it is larger than the same share of a clang compile."
    echo
  } >>"$res"
}

{
  echo "## heap2stack benchmarks"
  echo
  echo "Machine: $machine."
  echo "Command: \`tools/bench/run.sh${args:+ $args}\`; plugin: \`${plugin#"$root"/}\` ($plugin_from)."
  echo
} >"$res.head"
[ "$do_runtime" = 1 ] && runtime
if [ "$do_compile" = 1 ]; then
  if [ "$do_sqlite" = 1 ]; then
    sqlite
  else
    echo "### Compile time: SQLite amalgamation: skipped (--quick or --no-sqlite; --sqlite runs it)" >>"$res"
    echo >>"$res"
  fi
  generated
fi
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$res"
cat "$res.head" "$res" >"$out"
rm -f "$res.head"
cat "$out"
log "saved to $out"
