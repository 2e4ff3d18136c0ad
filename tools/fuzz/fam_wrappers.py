"""fam_wrappers.py: the `wrappers` construct family for gen.py.

Allocation wrappers (issue 19): a call to an xmalloc-style function defined
in the program is an allocation site of the allocator inside it, and moves
by inlining the wrapper where the site moves. Each fragment defines a
wrapper pair and a function that allocates a scratch buffer through it; the
wrappers count calls and bytes, and the counters go into the checksum (the
wrapper's side effects must survive the move). The wrappers live in the same
file (static, inlinable or not) or in the second translation unit (full LTO,
ThinLTO or none). Shapes:

  counter      malloc or calloc after a null check with abort(), counters;
               a free wrapper that counts (may move)
  zero_to_one  libiberty's xmalloc: a zero size asks for one byte
  null_zero    GLib's g_malloc: a zero size returns NULL
  pool         near miss: the wrapper keeps the last block in a global that
               a later function reads and frees
  stash_int    near miss: the wrapper keeps the block's address as an
               integer; a later function rebuilds the pointer
  recycle      near miss: the free wrapper puts the block on a free list
               that the next allocation takes it from, in a later function
  header       near miss: the wrapper hides a header before the block and
               the free wrapper steps back to it
"""

SHAPES = ["counter", "counter", "zero_to_one", "null_zero", "pool", "stash_int",
          "recycle", "header"]


def make(r, tag, frag):
    shape = r.choice(SHAPES)
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    where = r.choice(["tu1", "tu1", "tu1_noinline", "tu2"])
    d = frag.decls
    d.append("/* wrappers fragment: %s, wrappers in %s */" % (shape, where))
    alloc = r.choice(["malloc(n)", "malloc(n)", "calloc(1, n)"])
    W = []  # the wrapper definitions
    W.append("u64 %scalls, %sbytes, %sfrees;" % (tag, tag, tag))
    if shape in ("pool", "stash_int", "recycle"):
        W.append("void *%skeep; uintptr_t %skeepint;" % (tag, tag))
    pre, post, fpre = "", "", ""
    if shape == "zero_to_one":
        pre = "  if (n == 0) n = 1;\n"
    elif shape == "null_zero":
        pre = "  if (n == 0) return NULL;\n"
    elif shape == "pool":
        post = "  %skeep = p;\n" % tag
    elif shape == "stash_int":
        post = "  %skeepint = (uintptr_t)p;\n" % tag
    elif shape == "recycle":
        pre = ("  if (%skeep && n <= 256) { void *q = %skeep; %skeep = NULL; %scalls++; return q; }\n"
               % (tag, tag, tag, tag))
        fpre = ("  if (p && !%skeep) { %skeep = p; %sfrees++; return; }\n" % (tag, tag, tag))
    if shape == "recycle":
        alloc = "malloc(n < 256 ? 256 : n)"
    attr = "__attribute__((noinline)) " if where == "tu1_noinline" else ""
    if shape == "header":
        W.append("%svoid *%salloc(size_t n) {\n  char *p = (char *)%s;\n"
                 "  if (!p) { fprintf(stderr, \"out of memory\\n\"); abort(); }\n"
                 "  %scalls++; %sbytes += n;\n  return p + 16;\n}"
                 % (attr, tag, alloc.replace("n)", "n + 16)"), tag, tag))
        W.append("%svoid %sfree(void *p) {\n  if (!p) return;\n  %sfrees++;\n"
                 "  free((char *)p - 16);\n}" % (attr, tag, tag))
    else:
        W.append("%svoid *%salloc(size_t n) {\n%s  void *p = %s;\n"
                 "  if (!p) { fprintf(stderr, \"out of memory\\n\"); abort(); }\n"
                 "  %scalls++; %sbytes += n;\n%s  return p;\n}"
                 % (attr, tag, pre, alloc, tag, tag, post))
        W.append("%svoid %sfree(void *p) {\n%s  if (!p) return;\n  %sfrees++;\n  free(p);\n}"
                 % (attr, tag, fpre, tag))
    if where == "tu2":
        d.append("extern u64 %scalls, %sbytes, %sfrees;" % (tag, tag, tag))
        if shape in ("pool", "stash_int", "recycle"):
            d.append("extern void *%skeep; extern uintptr_t %skeepint;" % (tag, tag))
        d.append("void *%salloc(size_t n);\nvoid %sfree(void *p);" % (tag, tag))
        frag.tu2.append("/* wrappers fragment %s: second translation unit */" % tag)
        frag.tu2.extend(W)
        frag.lto = frag.lto or r.choice(["full", "thin", "none"])
    else:
        d.append("static " + W[0])
        if shape in ("pool", "stash_int", "recycle"):
            d.append("static " + W[1])
        for w in W[-2:]:
            d.append(w.replace("void *%salloc" % tag, "static void *%salloc" % tag)
                     .replace("void %sfree" % tag, "static void %sfree" % tag))
    k = r.randrange(1, 64)
    mul = r.randrange(3, 97)
    # the scratch user: fills k u64s, sums them, frees through the wrapper
    # (except where the near miss keeps the block for later)
    keeps = shape in ("pool", "stash_int")
    d.append("__attribute__((noinline)) static u64 %sscratch(u64 x, size_t k) {\n"
             "  u64 *b = (u64 *)%salloc(k * sizeof(u64));\n"
             "  if (!b) return 7;\n"
             "  for (size_t i = 0; i < k; i++) b[i] = x * %dULL + i;\n"
             "  u64 s = 0;\n  for (size_t i = 0; i < k; i++) s = s * 31 + b[i];\n"
             "%s  return s;\n}"
             % (tag, tag, mul, "" if keeps else "  %sfree(b);\n" % tag))
    if shape == "pool":
        later = ("  u64 *q = (u64 *)%skeep;\n  u64 s = q ? q[0] + q[%d] : 1;\n"
                 "  %sfree(q); %skeep = NULL;\n  return s;" % (tag, k - 1, tag, tag))
    elif shape == "stash_int":
        later = ("  u64 *q = (u64 *)%skeepint;\n  u64 s = q ? q[0] + q[%d] : 1;\n"
                 "  %sfree(q); %skeepint = 0;\n  return s;" % (tag, k - 1, tag, tag))
    elif shape == "recycle":
        # the next allocation takes the recycled block and reads what the
        # scratch user left in it (defined: the block was never freed)
        later = ("  u64 *q = (u64 *)%salloc(8 * sizeof(u64));\n"
                 "  u64 s = q[0];\n  %sfree(q);\n  if (%skeep) { free(%skeep); %skeep = NULL; }\n"
                 "  return s;" % (tag, tag, tag, tag, tag))
    else:
        later = "  return %scalls * 1000 + %sbytes + %sfrees;" % (tag, tag, tag)
    d.append("__attribute__((noinline)) static u64 %slater(void) {\n%s\n}" % (tag, later))
    sizes = [k, 0, 1, k + 3] if shape in ("zero_to_one", "null_zero", "counter") else [k]
    if shape == "recycle":
        sizes = [min(k, 8)]  # the recycled block holds what `later` reads
        d[-2] = d[-2].replace("for (size_t i = 0; i < k; i++) b[i]",
                              "for (size_t i = 0; i < 8; i++) b[i]")
        d[-2] = d[-2].replace("%salloc(k * sizeof(u64))" % tag, "%salloc(8 * sizeof(u64))" % tag)
        d[-2] = d[-2].replace("for (size_t i = 0; i < k; i++) s", "for (size_t i = 0; i < 8; i++) s")
    body = "".join("  s = s * 3 + %sscratch(x + %d, %d);\n  clobber();\n  s += %slater();\n"
                   % (tag, j, n, tag) for j, n in enumerate(sizes))
    d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n%s"
             "  return s + %scalls + %sbytes + %sfrees;\n}" % (tag, body, tag, tag, tag))
    return "%srun(x)" % tag
