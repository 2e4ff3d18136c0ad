#!/usr/bin/env python3
"""attr_oracle.py: checks heap2stack's published capture attributes against
LLVM's own inference (issue 18's attribute oracle).

    attr_oracle.py [--plugin SO] [--options OPTS] [--stage o2|early|both]
                   [--cflags FLAGS] FILE.c|FILE.ll ...

For each input, the plugin-free IR (`o2`: clang -O2's output; `early`: the
front end's IR after SROA, EarlyCSE, SimplifyCFG, InstCombine and
inferattrs, before any inlining) is run through
`opt -passes=heap2stack` and, separately, through `opt -passes=function-attrs`.
For every parameter of a defined function where heap2stack's output carries
a `captures(...)` that the input did not, the attribute must be implied by
function-attrs' answer on the same input: each capture component (address,
address_is_null, provenance, read_provenance, for the return and for other
uses) that LLVM infers must be in heap2stack's attribute too. Anything
stronger is printed as

    STRONGER file stage @function param N: heap2stack captures(...) function-attrs captures(...)

README.md's one documented beyond-LLVM rule (a pointer stored only into a
non-escaping local object) also shows up here: judge each line against it.
The last line counts the published attributes compared and the stronger
ones. Exit status: 0 when nothing is stronger, 1 otherwise, 2 on a tool error.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

BIN = os.environ.get("LLVM_BIN", "/usr/lib/llvm-22/bin")
ALL = frozenset(["address", "address_is_null", "provenance", "read_provenance"])


def components(text):
    s = set()
    for t in (x.strip() for x in text.split(",")):
        if t in ("", "none"):
            continue
        s |= ALL if t == "all" else {t}
    if "address" in s:
        s.add("address_is_null")
    if "provenance" in s:
        s.add("read_provenance")
    return frozenset(s)


def captures(attrs):
    """(other, ret) components a parameter's attribute text allows;
    no attribute allows everything."""
    m = re.search(r"\bcaptures\(([^)]*)\)", attrs)
    if not m:
        if re.search(r"\bnocapture\b", attrs):
            return frozenset(), frozenset()
        return ALL, ALL
    body = m.group(1)
    if "ret:" in body:
        other, ret = body.split("ret:", 1)
        return components(other), components(ret)
    c = components(body)
    return c, c


def split_params(text):
    """Top-level comma split (captures(ret: a, b) has commas inside)."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


DEFINE = re.compile(r'^define\b[^@]*@("[^"]+"|[\w.$]+)\((.*)$')


def params_of(ll):
    """function name -> list of parameter attribute texts, for definitions."""
    res = {}
    for line in ll.splitlines():
        m = DEFINE.match(line)
        if not m:
            continue
        rest, depth, end = m.group(2), 1, None
        for i, ch in enumerate(rest):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    end = i
                    break
        res[m.group(1)] = split_params(rest[:end]) if end is not None else []
    return res


def show(c):
    other, ret = c
    f = lambda s: ", ".join(sorted(s)) or "none"
    return "captures(%s)" % f(other) if other == ret else \
        "captures(%s, ret: %s)" % (f(other), f(ret))


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.stderr.write("attr_oracle: %s failed:\n%s" % (" ".join(cmd[:3]), p.stderr[-2000:]))
        sys.exit(2)
    return p.stdout


def plugin_free_ir(src, stage, cflags, tmp):
    if src.endswith(".ll"):
        return open(src).read()
    cc = BIN + ("/clang++" if src.endswith((".cpp", ".cc")) else "/clang")
    out = os.path.join(tmp, stage + ".ll")
    if stage == "o2":
        run([cc, "-O2", "-w", "-S", "-emit-llvm", src, "-o", out] + cflags)
        return open(out).read()
    run([cc, "-O2", "-w", "-S", "-emit-llvm", "-Xclang", "-disable-llvm-passes", src,
         "-o", out] + cflags)
    return run([BIN + "/opt", "-S", out, "-passes=inferattrs,function(sroa,early-cse,"
                "simplifycfg,instcombine<no-verify-fixpoint>)"])


def check(src, stage, args, tmp):
    ir = plugin_free_ir(src, stage, args.cflags.split(), tmp)
    inp = os.path.join(tmp, "in-%s.ll" % stage)
    with open(inp, "w") as f:
        f.write(ir)
    h2s_pass = "heap2stack<%s>" % args.options if args.options else "heap2stack"
    h2s = run([BIN + "/opt", "-S", "-load-pass-plugin=" + args.plugin,
               "-passes=" + h2s_pass, inp])
    fa = run([BIN + "/opt", "-S", "-passes=function-attrs", inp])
    before, after, llvm = params_of(ir), params_of(h2s), params_of(fa)
    bad = checked = 0
    for fn, ps in sorted(after.items()):
        for i, a in enumerate(ps):
            if "captures(" not in a:
                continue
            old = before.get(fn, [])
            if i < len(old) and captures(old[i]) == captures(a):
                continue  # not published by heap2stack
            checked += 1
            h = captures(a)
            lp = llvm.get(fn, [])
            l = captures(lp[i]) if i < len(lp) else (ALL, ALL)
            if not (l[0] <= h[0] and l[1] <= h[1]):
                print("STRONGER %s %s @%s param %d: heap2stack %s function-attrs %s"
                      % (src, stage, fn, i, show(h), show(l)))
                bad += 1
    return checked, bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--plugin", default=os.environ.get(
        "H2S_PLUGIN", os.path.join(root, "build", "pass", "heap2stack.so")))
    ap.add_argument("--options", default="", help="heap2stack pass options (a;b)")
    ap.add_argument("--stage", choices=["o2", "early", "both"], default="both")
    ap.add_argument("--cflags", default="", help="extra clang flags")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    stages = ["o2", "early"] if args.stage == "both" else [args.stage]
    bad = checked = 0
    with tempfile.TemporaryDirectory(prefix="h2s-oracle.") as tmp:
        for src in args.files:
            for st in stages:
                c, b = check(src, st, args, tmp)
                checked, bad = checked + c, bad + b
    print("attr_oracle: %d published attribute(s) checked, %d stronger than function-attrs"
          % (checked, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
