"""fam_alloc.py: the `alloc` construct family for gen.py.

Shapes at the trust boundaries of the pass:

  arena      a user allocator declared with an `alloc=` spec (gen.py writes
             it into the program's h2s-options line), with the block and
             the size at varying argument positions, and a free that keeps
             the block on the arena's free list for the next allocation:
             a promoted block comes back from a later call as a dead-frame
             address
  naked      a naked function whose assembly stores its pointer argument in
             a global (the IR body never uses the parameter)
  asm        inline asm that receives a pointer and stores it
  setjmp     a heap object changed between setjmp and longjmp: its contents
             must survive the jump (heap memory is not an automatic
             variable, so C gives no licence to lose the change)

The arena's functions are external and noinline, so their names survive to
the pass; they are usually in a second translation unit (see families.py). Inline asm and naked functions are x86-64.
"""


def make(r, tag, frag):
    shape = r.choice(["arena", "arena", "naked", "asm", "setjmp"])
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    d.append("/* alloc fragment: %s */" % shape)
    ni = "__attribute__((noinline)) "
    k = r.randrange(3, 50)
    if shape == "arena":
        return arena(r, tag, frag, k)
    if shape in ("naked", "asm"):
        d.append("__attribute__((used)) void *%skept;" % tag)
        if shape == "naked":
            d.append("__attribute__((naked, noinline)) void %skeep(void *p) {\n"
                     "  __asm__(\"movq %%rdi, %skept(%%rip)\\n\\tret\");\n}" % (tag, tag))
        else:
            clob = r.choice([' : "memory"', ""])
            d.append(ni + "void %skeep(void *p) {\n"
                     "  __asm__ volatile(\"movq %%0, %skept(%%%%rip)\" : : \"r\"(p)%s);\n}"
                     % (tag, tag, clob))
        n = r.choice([1, 2, 4, 8])
        d.append(ni + "static u64 %smake(u64 x) {\n  u64 *p = (u64 *)malloc(%d * sizeof(u64));\n"
                 "  for (int i = 0; i < %d; i++) p[i] = x + (u64)i * %d;\n"
                 "  %skeep(p);\n  return p[0];\n}" % (tag, n, n, k, tag))
        d.append(ni + "static u64 %suse(void) {\n  u64 *q = (u64 *)%skept;\n"
                 "  u64 s = q[%d] * 3 + q[0];\n  free(q);\n  return s;\n}"
                 % (tag, tag, n - 1))
        d.append("static u64 %srun(u64 x) { u64 a = %smake(x); clobber(); return a + %suse(); }"
                 % (tag, tag, tag))
        return "%srun(x)" % tag
    # setjmp
    frag.includes.add("setjmp.h")
    d.append("static jmp_buf %sjb;" % tag)
    d.append(ni + "static void %sjump(int v) { longjmp(%sjb, v); }" % (tag, tag))
    n = r.choice([2, 3, 4])
    changes = "\n".join("    p[%d] = p[%d] * %d + x;" % (i, i, k + i) for i in range(n))
    d.append(ni + "static u64 %srun(u64 x) {\n"
             "  u64 *p = (u64 *)malloc(%d * sizeof(u64));\n"
             "  for (int i = 0; i < %d; i++) p[i] = x ^ (u64)i;\n"
             "  if (setjmp(%sjb) == 0) {\n%s\n    %sjump(1);\n  }\n"
             "  u64 s = 0;\n  for (int i = 0; i < %d; i++) s = s * 31 + p[i];\n"
             "  free(p);\n  return s;\n}" % (tag, n, n, tag, changes, tag, n))
    return "%srun(x)" % tag


def arena(r, tag, frag, k):
    d = frag.decls
    size_first = r.random() < 0.5  # alloc(n, arena) or alloc(arena, n)
    block_first = r.random() < 0.4  # free(p, arena) or free(arena, p)
    backptr = r.random() < 0.5  # the arena writes itself into the block
    # The arena lives in the second translation unit (an allocator defined
    # in the module is the user's own code and is left alone) or, now and
    # then, in the first file, noinline.
    other = r.random() < 0.8
    t = frag.tu2 if other else d
    struct = ("struct %sarena { void *free_list[16]; int nfree; size_t used;"
              " _Alignas(16) unsigned char pool[4096]; };" % tag)
    d.append(struct)
    if other:
        t.append(struct)
    d.append("struct %sarena %sA;" % (tag, tag))
    params = "size_t n, struct %sarena *a" % tag if size_first else \
        "struct %sarena *a, size_t n" % tag
    back = "  *(struct %sarena **)p = a;\n" % tag if backptr else ""
    if other:
        d.append("void *%salloc(%s);" % (tag, params))
    t.append("__attribute__((noinline)) void *%salloc(%s) {\n"
             "  void *p;\n"
             "  if (a->nfree) p = a->free_list[--a->nfree];\n"
             "  else { if (a->used + n > sizeof a->pool) abort(); p = a->pool + a->used;"
             " a->used += (n + 15) & ~(size_t)15; }\n%s"
             "  return p;\n}" % (tag, params, back))
    fparams = "void *p, struct %sarena *a" % tag if block_first else \
        "struct %sarena *a, void *p" % tag
    if other:
        d.append("void %sfree(%s);" % (tag, fparams))
    t.append("__attribute__((noinline)) void %sfree(%s) {\n"
             "  if (a->nfree < 16) a->free_list[a->nfree++] = p;\n}" % (tag, fparams))
    frag.options.append("alloc=%salloc:size=%d:free=%sfree" % (tag, 0 if size_first else 1, tag))
    call_a = ("%salloc(SIZE, &%sA)" if size_first else "%salloc(&%sA, SIZE)") % (tag, tag)
    call_f = ("%sfree(p, &%sA)" if block_first else "%sfree(&%sA, p)") % (tag, tag)
    n = r.choice([4, 6, 8])
    size = n * 8
    d.append("__attribute__((noinline)) static u64 %sfirst(u64 x) {\n"
             "  u64 *p = (u64 *)%s;\n"
             "  for (int i = 1; i < %d; i++) p[i] = x * %d + (u64)i;\n"
             "  u64 s = p[1] + p[%d];\n  %s;\n  return s;\n}"
             % (tag, call_a.replace("SIZE", str(size)), n, k, n - 1, call_f))
    d.append("__attribute__((noinline)) static u64 %ssecond(u64 x) {\n"
             "  u64 *q = (u64 *)%s;\n"
             "  for (int i = 1; i < %d; i++) q[i] = x + (u64)i;\n"
             "  clobber();\n"
             "  u64 s = 0;\n  for (int i = 1; i < %d; i++) s = s * 31 + q[i];\n"
             "  return s;\n}" % (tag, call_a.replace("SIZE", str(size)), n, n))
    d.append("static u64 %srun(u64 x) { u64 a = %sfirst(x); clobber(); return a * 7 + %ssecond(x); }"
             % (tag, tag, tag))
    return "%srun(x)" % tag
