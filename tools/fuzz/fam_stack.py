"""fam_stack.py: the `stack` construct family for gen.py.

C stacks do not grow: a buffer moved into a frame is multiplied by every
level of recursion that reaches it and adds to every call path through it.
Each fragment runs on a thread whose stack size it chooses, with a depth and
buffer sizes such that the heap version uses well under half of the stack
(a level costs at most ~2 KB without the buffer under ASan, a signal frame
~6 KB) and
a version where the buffer moved into the frames needs more than the whole
stack. Shapes:

  qsort_global  recursion through qsort, the comparator held in a global
                written at run time
  qsort_direct  the same with the comparator passed directly
  bsearch       recursion through bsearch's comparator
  raise         recursion through raise() and a SA_NODEFER signal handler
  apply         a direct recursion whose callee is reached through a
                function pointer that inlining turns into a direct call
  fnptr_struct  recursion through a function pointer stored in a struct
  chain         a long chain of distinct functions, each holding a buffer
                across the call to the next (no recursion)

The buffer is either the recursive function's own (`own`) or a helper's,
inlinable or not (`helper`, `helper_noinline`).
"""


def fill(buf, n, seedexpr):
    """Writes every 61st byte (reads must stay on those: MSan checks)."""
    return ("for (size_t i = 0; i < %d; i += 61) %s[i] = (unsigned char)(%s + i);"
            % (n, buf, seedexpr))


def make(r, tag, frag):
    shape = r.choice(["qsort_global", "qsort_direct", "bsearch", "raise", "apply",
                      "fnptr_struct", "chain", "chain"])
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    if shape == "chain":
        return chain(r, tag, d)
    where = r.choice(["own", "helper", "helper_noinline"])
    if shape == "apply":
        where = r.choice(["helper", "helper"])
    stack = r.choice([256, 512, 1024]) << 10
    if shape == "raise":
        frag.includes.add("signal.h")
        per_level = 20000
        size = r.randrange(2 * per_level, 60000)
    elif shape == "apply":
        per_level = 700  # LLVM inlines allocas of up to 1 KiB into recursion
        size = r.randrange(720, 1000)
    else:
        per_level = 5000  # qsort_r and its ASan interceptor: ~1.5 KB
        size = r.randrange(2 * per_level, 40000)
    depth = stack // per_level
    d.append("/* stack fragment: %s, buffer %s (%d bytes), depth %d, thread stack %d */"
             % (shape, where, size, depth, stack))
    d.append("static u64 %sacc;" % tag)
    # the buffer: digits(v) writes v's decimal digits and more into it
    body = ("  unsigned char *buf = (unsigned char *)malloc(%d);\n"
            "  %s\n"
            "  u64 s = 0; int k = 0;\n"
            "  for (u64 t = v; t; t /= 10) buf[k++] = (unsigned char)(t %% 10);\n"
            "  for (int i = 0; i < k; i++) s = s * 10 + buf[i];\n"
            "  s += buf[%d];\n"
            "  free(buf);\n" % (size, fill("buf", size, "v"), (size - 1) // 61 * 61))
    if where == "own":
        use = "{\n%s  %sacc = %sacc * 31 + s;\n  }" % (body, tag, tag)
    else:
        attr = "__attribute__((noinline)) " if where == "helper_noinline" else ""
        d.append("%sstatic u64 %sdigits(u64 v) {\n%s  return s;\n}" % (attr, tag, body))
        use = "%sacc = %sacc * 31 + %sdigits(v);" % (tag, tag, tag)
    d.append("static void %swalk(int d);" % tag)
    if shape in ("qsort_global", "qsort_direct", "bsearch"):
        # the comparator starts the next level once per level
        d.append("static int %snext = -1;" % tag)
        d.append("static int %scmp(const void *a, const void *b) {\n"
                 "  int l = %snext;\n"
                 "  if (l >= 0) { %snext = -1; %swalk(l); }\n"
                 "  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);\n"
                 "}" % (tag, tag, tag, tag))
        if shape == "qsort_global":
            d.append("int (*%sgcmp)(const void *, const void *);" % tag)
            cmp, setup = "%sgcmp" % tag, "%sgcmp = %scmp;" % (tag, tag)
        else:
            cmp, setup = "%scmp" % tag, ""
        if shape == "bsearch":
            recurse = ("int arr[3] = {d - 1, d, d + 1}; int key = d; %snext = d - 1;\n"
                       "    if (!bsearch(&key, arr, 3, sizeof(int), %s)) %sacc += 1;"
                       % (tag, cmp, tag))
        else:
            recurse = ("int arr[2] = {d, d - 1}; %snext = d - 1;\n"
                       "    qsort(arr, 2, sizeof(int), %s); %sacc += (u64)arr[0];"
                       % (tag, cmp, tag))
    elif shape == "raise":
        d.append("static volatile int %slevel;" % tag)
        d.append("static void %shandler(int sig) { (void)sig; %swalk(%slevel); }"
                 % (tag, tag, tag))
        setup = ("{ struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = %shandler;\n"
                 "    sa.sa_flags = SA_NODEFER; sigaction(SIGUSR1, &sa, NULL); }" % tag)
        recurse = "%slevel = d - 1; raise(SIGUSR1);" % tag
    elif shape == "fnptr_struct":
        d.append("struct %sops { void (*visit)(int); int pad; };" % tag)
        d.append("struct %sops %sops;" % (tag, tag))
        setup = "%sops.visit = %swalk;" % (tag, tag)
        recurse = "%sops.visit(d - 1);" % tag
    else:  # apply: walk recurses directly; the buffer is behind apply()
        # leaf's own buffer (issue 15.2) or a helper's
        if r.random() < 0.5:
            d.append("static void %sleaf(int v) { %sacc = %sacc * 31 + %sdigits((u64)v); }"
                     % (tag, tag, tag, tag))
        else:
            d.append("static void %sleaf(int d) {\n  u64 v = (u64)d;\n%s  %sacc = %sacc * 31 + s;\n}"
                     % (tag, body, tag, tag))
        d.append("static inline void %sapply(void (*f)(int), int v) { f(v); }" % tag)
        use = "%sapply(%sleaf, d);" % (tag, tag)
        setup = ""
        recurse = "%swalk(d - 1);" % tag
    order = r.choice(["before", "after"])
    first, second = (use, "if (d > 0) {\n    %s\n  }" % recurse)
    if order == "after":
        first, second = second, first
    d.append("static void %swalk(int d) {\n  u64 v = (u64)d * 2654435761ULL;\n"
             "  (void)v;\n  %s\n  %s\n}" % (tag, first, second))
    d.append("static u64 %sbody(u64 x) {\n  %sacc = x;\n  %s\n  %swalk(%d);\n"
             "  return %sacc;\n}" % (tag, tag, setup, tag, depth, tag))
    d.append("static u64 %srun(u64 x) { return on_thread(%d, %sbody, x); }"
             % (tag, stack, tag))
    return "%srun(x)" % tag


def chain(r, tag, d):
    """Distinct functions, each holding a buffer across the call to the
    next: no recursion, but the path adds up."""
    stack = r.choice([64, 128, 256]) << 10
    size = r.randrange(min(stack // 3, 40000), min(stack * 9 // 10, 60000))
    n = (stack * 3 // 2) // size + 1
    d.append("/* stack fragment: chain of %d functions, %d bytes each, thread stack %d */"
             % (n, size, stack))
    for i in reversed(range(n)):
        attr = "__attribute__((noinline)) " if r.random() < 0.7 else ""
        nxt = "%sc%d(x + %d)" % (tag, i + 1, i) if i + 1 < n else "x"
        d.append("%sstatic u64 %sc%d(u64 x) {\n"
                 "  unsigned char *b = (unsigned char *)malloc(%d);\n"
                 "  %s\n"
                 "  u64 r = %s;\n"
                 "  r = r * 131 + b[%d] + b[%d];\n"
                 "  free(b);\n"
                 "  return r;\n}" % (attr, tag, i, size, fill("b", size, "x"), nxt,
                                    r.randrange(size) // 61 * 61, (size - 1) // 61 * 61))
    d.append("static u64 %srun(u64 x) { return on_thread(%d, %sc0, x); }" % (tag, stack, tag))
    return "%srun(x)" % tag
