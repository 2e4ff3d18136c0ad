#!/usr/bin/env bash
# realcode.sh: heap2stack on real C programs from Debian source packages.
#
#   tools/bench/realcode.sh [--plugin=PATH] [--work=DIR] [--programs=LIST]
#                           [--variants=LIST] [--no-install] [--out=FILE]
#
# Each program (default: cmark,jq) is fetched with `apt-get source` from
# Debian bookworm into the work directory (default
# ${XDG_CACHE_HOME:-~/.cache}/heap2stack-realcode; never inside the repo,
# never committed), then built with its own build system (CMake, autotools)
# and clang -O2 -g several ways (--variants, default all five):
#
#   base   no plugin: the reference
#   h2s    -fpass-plugin=heap2stack.so, per translation unit
#   lto    -flto with the plugin at compile and link time (lld)
#   thin   -flto=thin, likewise
#   asan   h2s plus -fsanitize=address -fsanitize-address-use-after-return=always
#
# For each build it runs the program's own test suite, counts the
# allocation sites heap2stack saw and moved (from -fsave-optimization-record
# remarks, summed by heap2stack-report; LTO builds also count what moved
# at link time), runs a fixed workload under count.so (LD_PRELOAD) to count
# dynamic heap allocations, compares the workload's output with base's, and
# times the build (CPU seconds of `make`, configure excluded). It prints
# one Markdown table, also saved to build/bench/realcode.md (or --out).
#
# It installs the build dependencies with apt-get and adds a deb-src line
# for bookworm if there is none (--no-install skips both). Not part of the
# test suite. Builds use two jobs under nice; about 15 minutes on two cores.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
llvm=${LLVM_BIN:-/usr/lib/llvm-22/bin}
cc=$llvm/clang
work=${XDG_CACHE_HOME:-$HOME/.cache}/heap2stack-realcode
plugin="" out="" install=1
programs="cmark jq" variants="base h2s lto thin asan"
for a in "$@"; do
  case $a in
  --plugin=*) plugin=${a#*=} ;;
  --work=*) work=${a#*=} ;;
  --programs=*) programs=${a#*=}; programs=${programs//,/ } ;;
  --variants=*) variants=${a#*=}; variants=${variants//,/ } ;;
  --no-install) install=0 ;;
  --out=*) out=${a#*=} ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0 ;;
  *) echo "realcode.sh: unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done
for p in $programs; do
  case $p in cmark | jq) ;; *)
    echo "realcode.sh: unknown program $p (known: cmark, jq)" >&2; exit 2 ;;
  esac
done
for v in $variants; do
  case $v in base | h2s | lto | thin | asan) ;; *)
    echo "realcode.sh: unknown variant $v (known: base h2s lto thin asan)" >&2
    exit 2 ;;
  esac
done
# base is the reference for outputs and allocation counts: always built.
case " $variants " in *" base "*) ;; *) variants="base $variants" ;; esac
out=${out:-$root/build/bench/realcode.md}
case $work in "$root" | "$root"/*)
  echo "realcode.sh: --work must be outside the repository (sources are never committed)" >&2
  exit 2 ;;
esac

log() { echo "realcode: $*" >&2; }
die() { echo "realcode.sh: $*" >&2; exit 1; }

if [ -z "$plugin" ]; then
  log "building the plugin"
  H2S_BUILD=$root/build "$root/tools/build.sh"
  plugin=$root/build/pass/heap2stack.so
fi
[ -f "$plugin" ] || die "no plugin at $plugin"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
report=$(dirname "$(dirname "$plugin")")/tools/report/heap2stack-report
[ -x "$report" ] || report=$root/build/tools/report/heap2stack-report
[ -x "$report" ] || die "no heap2stack-report next to the plugin nor in build/"

# --- sources and build dependencies ------------------------------------
if [ "$install" = 1 ]; then
  if ! grep -rqs '^\(deb-src\|Types:.*deb-src\)' /etc/apt/sources.list /etc/apt/sources.list.d; then
    log "adding a deb-src source for bookworm"
    printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' \
      'Suites: bookworm' 'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
      >/etc/apt/sources.list.d/heap2stack-deb-src.sources
    apt-get update -qq
  fi
  log "installing build dependencies"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    dpkg-dev cmake make python3 autoconf automake libtool bison flex \
    libonig-dev >/dev/null
fi
mkdir -p "$work/src" "$work/b" "$(dirname "$out")"
fetch() { # fetch PKG: unpacked source dir of Debian package PKG
  local d
  d=$(find "$work/src" -maxdepth 1 -type d -name "$1-[0-9]*" | head -1)
  if [ -z "$d" ]; then
    log "apt-get source $1"
    (cd "$work/src" && apt-get source -qq "$1" >/dev/null 2>&1) ||
      die "apt-get source $1 failed (is there a deb-src line? try without --no-install)"
    d=$(find "$work/src" -maxdepth 1 -type d -name "$1-[0-9]*" | head -1)
  fi
  echo "$d"
}

"$cc" -O2 -shared -fPIC "$here/count.c" -o "$work/count.so" -ldl

flags() { # flags VARIANT: CFLAGS and LDFLAGS lines for a build variant
  local c="-O2 -g" l=""
  local rec="-fsave-optimization-record"
  local link="-fuse-ld=lld -Wl,--load-pass-plugin=$plugin -Wl,--opt-remarks-passes,heap2stack"
  case $1 in
  base) ;;
  h2s) c="$c -fpass-plugin=$plugin $rec" ;;
  lto) c="$c -flto -fpass-plugin=$plugin $rec"; l="-flto $link" ;;
  thin) c="$c -flto=thin -fpass-plugin=$plugin $rec"; l="-flto=thin $link" ;;
  asan)
    c="$c -fpass-plugin=$plugin $rec -fsanitize=address -fsanitize-address-use-after-return=always"
    l="-fsanitize=address" ;;
  esac
  echo "$c"
  echo "$l"
}

cpu_of() { # cpu_of CMD...: run CMD (output to stderr), print its CPU seconds
  # Call it in a subshell of its own: `times` then counts only CMD's
  # processes (user + system time of the subshell's children).
  # (`times` must run in this shell, not in a pipeline's subshell)
  "$@" >&2 || return 1
  times >"$work/b/.times"
  awk 'NR == 2 { split($1, u, "m"); split($2, s, "m");
    printf "%.1f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$work/b/.times"
}

# --- per-program recipes -----------------------------------------------
# Each defines build_P DIR CFLAGS LDFLAGS (configure + make; prints make's
# CPU seconds), test_P DIR (prints "passed/total"), run_P BIN OUTDIR (the
# workload) and the main binary's path bin_P DIR.
build_cmark() {
  local d=$1 src
  src=$(fetch cmark)
  rm -rf "$d"
  nice cmake -S "$src" -B "$d" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE=-DNDEBUG \
    -DCMAKE_C_FLAGS="$2" -DCMAKE_EXE_LINKER_FLAGS="$3" \
    -DCMARK_SHARED=OFF >"$d.configure.log" 2>&1 || die "cmark: cmake failed, see $d.configure.log"
  (cpu_of nice make -C "$d" -j2) 2>"$d.build.log" || die "cmark: build failed, see $d.build.log"
}
test_cmark() {
  (cd "$1" && nice ctest -j2 >"$1.test.log" 2>&1) || true
  awk '/tests passed, .* tests failed out of/ {
    printf "%d/%d\n", $NF - $4, $NF; found=1 } END { if (!found) print "none" }' "$1.test.log"
}
bin_cmark() { echo "$1/src/cmark"; }
workload_cmark() { # a 30-fold CommonMark spec, to HTML, XML and CommonMark
  local src _
  src=$(fetch cmark)
  [ -f "$work/cmark-input.md" ] ||
    for _ in $(seq 30); do cat "$src/test/spec.txt"; done >"$work/cmark-input.md"
}
run_cmark() {
  "$1" "$work/cmark-input.md" >"$2/out.html"
  "$1" -t xml "$work/cmark-input.md" >"$2/out.xml"
  "$1" -t commonmark --smart "$work/cmark-input.md" >"$2/out.md"
}

build_jq() {
  local d=$1 src
  src=$(fetch jq)
  # jq's tests run ../jq from the source tree: build in a copy of it.
  if [ ! -f "$src/configure" ]; then
    (cd "$src" && nice autoreconf -fi >/dev/null 2>&1) || die "jq: autoreconf failed"
  fi
  rm -rf "$d"
  cp -a "$src" "$d"
  # Configured once with plain flags (a cache shared by the builds: the
  # checks are slow), built with the build's flags given to make.
  (cd "$d" && nice ./configure CC="$cc" CFLAGS="-O2 -g" \
    --cache-file="$work/b/jq-config.cache" --disable-valgrind \
    --disable-docs --disable-maintainer-mode --with-oniguruma=yes \
    --disable-shared --enable-static) >"$d.configure.log" 2>&1 ||
    die "jq: configure failed, see $d.configure.log"
  (cpu_of nice make -C "$d" -j2 CFLAGS="$2" LDFLAGS="$3") 2>"$d.build.log" ||
    die "jq: build failed, see $d.build.log"
  echo "$2" >"$d.cflags"
  echo "$3" >"$d.ldflags"
}
test_jq() {
  # valgrind (if installed) would run every test under it: not wanted here.
  (cd "$1" && nice make -j2 check NO_VALGRIND=1 CFLAGS="$(cat "$1.cflags")" \
    LDFLAGS="$(cat "$1.ldflags")" >"$1.test.log" 2>&1) || true
  awk '/^# TOTAL:/ {t=$3} /^# PASS:/ {p=$3} /^# XFAIL:/ {p+=$3}
    END { if (t == "") print "none"; else printf "%d/%d\n", p, t }' "$1.test.log"
}
bin_jq() { echo "$1/jq"; }
workload_jq() { # jq's own test file in one process, and a generated document
  [ -f "$work/jq-input.json" ] || python3 - "$work/jq-input.json" <<'EOF'
import json, random, sys
random.seed(19)
words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]
docs = [{"id": i, "n": random.randrange(1000),
         "name": " ".join(random.choice(words) for _ in range(4)),
         "tags": random.sample(words, 3),
         "pos": {"x": random.random(), "y": random.random()}}
        for i in range(20000)]
json.dump(docs, open(sys.argv[1], "w"))
EOF
}
run_jq() {
  local d
  d=$(dirname "$1")
  (cd "$d" && ./jq -L tests/modules --run-tests tests/jq.test) >"$2/tests.out" 2>&1 || true
  "$1" -c 'map(select(.n % 3 == 0) | .name |= ascii_upcase | .tags |= sort)
    | group_by(.n % 7) | map({k: (.[0].n % 7), c: length, s: (map(.pos.x) | add)})' \
    "$work/jq-input.json" >"$2/out.json"
  "$1" -r '.[] | "\(.id)\t\(.name | split(" ") | join("-"))\t\(.tags | tostring)"' \
    "$work/jq-input.json" >"$2/out.tsv"
}

# --- measurements --------------------------------------------------------
sites() { # sites DIR: "allocs moved stackbytes" from the per-file remarks
  local files
  files=$(find "$1" -name '*.opt.yaml' ! -name '*-opt.ld.yaml*' 2>/dev/null)
  [ -n "$files" ] || { echo "- - -"; return; }
  # shellcheck disable=SC2086
  "$report" --format=summary $files | awk '$1 == "total" { print $2, $3, $4 }'
}
link_sites() { # link_sites BIN: "allocs moved" from the LTO link's remarks
  local files
  files=$(ls "$1"-opt.ld.yaml* 2>/dev/null || true)
  [ -n "$files" ] || { echo "- -"; return; }
  # shellcheck disable=SC2086
  "$report" --format=summary $files | awk '$1 == "total" { print $2, $3 }'
}
allocs() { # allocs COUNTFILE: total heap allocations over every process
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^alloc=/) s += substr($i, 7) }
    END { print s + 0 }' "$1"
}

rows=""
for p in $programs; do
  "workload_$p"
  for v in $variants; do
    d=$work/b/$p-$v
    mapfile -t fl < <(flags "$v")
    log "$p/$v: building"
    secs=$("build_$p" "$d" "${fl[0]}" "${fl[1]}")
    log "$p/$v: testing"
    if [ "$v" = asan ]; then
      tests=$(ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1 "test_$p" "$d")
    else
      tests=$("test_$p" "$d")
    fi
    read -r s_all s_moved s_bytes < <(sites "$d")
    read -r l_all l_moved < <(link_sites "$("bin_$p" "$d")")
    n="-" same="-"
    if [ "$v" != asan ]; then
      log "$p/$v: workload"
      o=$work/b/$p-$v.out
      rm -rf "$o"; mkdir -p "$o"
      : >"$o.count"
      H2S_COUNT_FILE=$o.count LD_PRELOAD=$work/count.so "run_$p" "$("bin_$p" "$d")" "$o"
      n=$(allocs "$o.count")
      if [ "$v" = base ]; then
        base_allocs=$n same="ref"
      elif diff -r -q "$work/b/$p-base.out" "$o" >/dev/null; then
        same="same"
      else
        same="DIFFERS"
      fi
    fi
    [ "$v" = base ] && base_secs=$secs
    removed="-"
    if [ "$n" != "-" ] && [ "$v" != base ]; then
      removed=$(awk -v a="$base_allocs" -v b="$n" \
        'BEGIN { printf "%d (%.1f%%)", a - b, a ? 100 * (a - b) / a : 0 }')
    fi
    ratio=$(awk -v a="$secs" -v b="$base_secs" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
    rows+="| $p | $v | $tests | $s_all | $s_moved | $s_bytes | $l_all | $l_moved |"
    rows+=" $n | $removed | $same | $secs | $ratio |"$'\n'
  done
done

{
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //');" \
    "$("$cc" --version | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Command: \`tools/bench/realcode.sh\`; plugin built from git" \
    "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Sources: $(for p in $programs; do basename "$(fetch "$p")"; done | tr '\n' ' ')(Debian bookworm)."
  echo
  echo "| program | build | tests passed | sites | moved | stack bytes | link sites | moved at link | allocs (workload) | removed | output | build CPU s | vs base |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|"
  printf '%s' "$rows"
} | tee "$out"
log "table saved to $out; remarks: $report --format=summary $work/b/<program>-<build>"
