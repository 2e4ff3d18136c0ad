#!/usr/bin/env python3
"""stressify.py: turn llvm-stress output into input for heap2stack.

    llvm-stress -seed=N -size=S | stressify.py --seed N > module.ll

llvm-stress makes no allocation calls: its functions use allocas and their
pointer parameters. This rewrites a random subset of the entry block's
allocas into allocation calls (malloc, calloc, aligned_alloc, C++ new, Boehm
GC_malloc, sizes from 1 byte to over max-size), and adds the uses that drive
the escape analysis: frees before returns, stores of one object's address
into another, into a parameter or a global, calls to an unknown function,
allocations inside non-entry blocks (often loops) linked into entry objects,
and realloc. Every insertion keeps the module valid: values are used only
where their definition dominates (entry-block definitions, or right after
the definition in its own block).
"""
import argparse
import random
import re
import sys

DECLS = """
declare noalias ptr @malloc(i64)
declare noalias ptr @calloc(i64, i64)
declare noalias ptr @aligned_alloc(i64, i64)
declare noalias ptr @realloc(ptr, i64)
declare void @free(ptr)
declare noalias nonnull ptr @_Znwm(i64)
declare void @_ZdlPv(ptr)
declare ptr @GC_malloc(i64)
declare void @h2s_unknown(ptr)
declare void @h2s_nocapture(ptr captures(none))
declare ptr @h2s_identity(ptr returned)
@h2s_global = global ptr null
"""

ALLOCA = re.compile(r"^  (%[\w.]+) = alloca (.*?)(, align \d+)?$")
DEF_PTR = re.compile(r"^  (%[\w.]+) = (select i1 [^,]+, ptr |load ptr,)")
LABEL = re.compile(r"^([\w.]+):")


def alloc_call(r, name):
    size = r.choice([1, 4, 8, 16, 24, 64, 256, 4096, 65536, 65537, 1 << 20])
    kind = r.randrange(8)
    if kind < 3:
        return "  %s = call ptr @malloc(i64 %d)" % (name, size), "free"
    if kind == 3:
        return "  %s = call ptr @calloc(i64 %d, i64 8)" % (name, max(1, size // 8)), "free"
    if kind == 4:
        return "  %s = call ptr @aligned_alloc(i64 32, i64 %d)" % (name, (size + 31) // 32 * 32), "free"
    if kind == 5:
        return "  %s = call ptr @_Znwm(i64 %d)" % (name, size), "delete"
    if kind == 6:
        return "  %s = call ptr @GC_malloc(i64 %d)" % (name, size), None
    return "  %s = tail call ptr @malloc(i64 %d)" % (name, size), "free"


def transform(text, r):
    lines = text.split("\n")
    out = []
    in_func = False
    in_entry = False
    entry_objs = []  # (name, freer) defined in the entry block so far
    all_entry = []  # every entry-block pointer, for stores
    params = []
    counter = [0]

    def fresh():
        counter[0] += 1
        return "%%h2s.%d" % counter[0]

    def use(name, pool):
        """Random uses of pointer `name` just after its definition."""
        res = []
        for _ in range(r.randrange(0, 3)):
            k = r.randrange(7)
            if k == 0:
                res.append("  call void @h2s_unknown(ptr %s)" % name)
            elif k == 1:
                res.append("  call void @h2s_nocapture(ptr %s)" % name)
            elif k == 2 and pool:
                res.append("  store ptr %s, ptr %s, align 8" % (name, r.choice(pool)))
            elif k == 3:
                res.append("  store ptr %s, ptr @h2s_global, align 8" % name)
            elif k == 4 and params:
                res.append("  store ptr %s, ptr %s, align 8" % (name, r.choice(params)))
            elif k == 5:
                t = fresh()
                res.append("  %s = call ptr @h2s_identity(ptr %s)" % (t, name))
                res.append("  store i8 1, ptr %s, align 1" % t)
            else:
                t = fresh()
                res.append("  %s = load ptr, ptr %s, align 8" % (t, name))
        return res

    for line in lines:
        if line.startswith("define "):
            in_func = True
            in_entry = True
            entry_objs = []
            all_entry = []
            params = re.findall(r"ptr (%\d+)", line)
            out.append(line)
            continue
        if not in_func:
            out.append(line)
            continue
        if line == "}":
            in_func = False
            out.append(line)
            continue
        m = LABEL.match(line)
        if m and not in_entry:
            out.append(line)
            # an allocation at the top of a (possibly looping) block
            if entry_objs and r.random() < 0.3:
                h = fresh()
                call, _ = alloc_call(r, h)
                out.append(call)
                tgt = r.choice(entry_objs)[0]
                out.append("  store ptr %s, ptr %s, align 8" % (h, tgt))
            continue
        if m:
            out.append(line)
            continue
        am = ALLOCA.match(line) if in_entry else None
        if in_entry and line.strip().startswith(("br ", "ret ", "switch ")):
            in_entry = False
        if am and r.random() < 0.7:
            name = am.group(1)
            call, freer = alloc_call(r, name)
            out.append(call)
            entry_objs.append((name, freer))
            out.extend(use(name, all_entry))
            all_entry.append(name)
            continue
        if am:
            all_entry.append(am.group(1))
        s = line.strip()
        if s.startswith("ret "):
            for name, freer in entry_objs:
                if freer and r.random() < 0.6:
                    if freer == "free" and r.random() < 0.15:
                        t = fresh()
                        out.append("  %s = call ptr @realloc(ptr %s, i64 128)" % (t, name))
                        out.append("  call void @free(ptr %s)" % t)
                    elif freer == "free":
                        out.append("  call void @free(ptr %s)" % name)
                    else:
                        out.append("  call void @_ZdlPv(ptr %s)" % name)
            out.append(line)
            continue
        out.append(line)
        dm = DEF_PTR.match(line)
        if dm and r.random() < 0.3:
            out.extend(use(dm.group(1), all_entry if in_entry else entry_objs and [n for n, _ in entry_objs]))
    return "\n".join(out) + DECLS


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    sys.stdout.write(transform(sys.stdin.read(), random.Random(args.seed)))


if __name__ == "__main__":
    main()
