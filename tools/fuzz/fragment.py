#!/usr/bin/env python3
"""fragment.py: a minimal program around one construct-family fragment, for
triage and for reproducers (RELIABILITY.md).

    fragment.py --family F [--pick NAME]... [--seed N] [--lto M] [-o FILE]

The program is gen.py's prelude (u64, ck, clobber, ...), one fragment of
family F, and a main that prints the fragment's result. Each --pick forces
a random choice of the family's generator: the first choice among a list
holding NAME (a channel, a shape, a buffer placement...) returns it; the
other choices come from the seed. The program's h2s-options and h2s-cflags
lines are the ones run.sh reads.

    fragment.py --family exposure --pick printf_p --pick later
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402
import gen  # noqa: E402


class Forced(random.Random):
    """random.Random whose choice() returns a forced item when the list
    offers it (items that are tuples are named by their first element)."""

    def __init__(self, seed, picks):
        super().__init__(seed)
        self.picks = list(picks)

    def choice(self, seq):
        for want in list(self.picks):
            for item in seq:
                key = item[0] if isinstance(item, tuple) else item
                if str(key) == want:
                    self.picks.remove(want)
                    return item
        return super().choice(seq)


def program(family, picks, seed, lto=None):
    fr = families.Fragments()
    r = Forced(seed, picks)
    call = families.FAMILIES[family][1].make(r, "x0_", fr)
    if r.picks:
        sys.exit("fragment.py: no choice offered %s" % ", ".join(r.picks))
    incs = sorted(fr.includes | {"pthread.h", "stdint.h", "stdio.h", "stdlib.h", "string.h"})
    # (write a cxx fragment's program to a .cpp file: check_one.sh picks
    # clang++ by the suffix)
    head = ["#include <%s>" % i for i in incs]
    cxx = family == "cxx"
    head.append(gen.PRELUDE.replace("@delete_buf@", "else if (k == K_NEW) delete[] b;" if cxx else "")
                .replace("@delete_node@", "else if (n->kind == K_NEW) delete n;" if cxx else ""))
    head.append("/* fragment %s picks %s seed %d */" % (family, " ".join(picks) or "-", seed))
    if fr.options:
        head.append("/* h2s-options: %s */" % ";".join(fr.options))
    head.append("/* h2s-cflags: -pthread */")
    tail = []
    if fr.tu2:
        lto = lto or fr.lto or r.choice(["none", "full", "thin"])
        head += ["/* h2s-tus: 2 */", "/* h2s-lto: %s */" % lto, "#if H2S_TU != 2"]
        tail = ["#else"] + fr.tu2 + ["#endif"]
    main = ["int main(void) {", "  u64 x = %dULL;" % (seed * 7919 + 12345),
            "  ck(%s);" % call, "  drain();",
            '  printf("%016llx\\n", ck_state);', "  return 0;", "}"]
    return "\n".join(head + [families.THREAD_HELPER] + fr.decls + [""] + main + tail) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--family", choices=sorted(families.FAMILIES), required=True)
    ap.add_argument("--pick", action="append", default=[])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lto", choices=["none", "full", "thin"],
                    help="for a fragment with two translation units (default: by the seed)")
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    text = program(args.family, args.pick, args.seed, args.lto)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
