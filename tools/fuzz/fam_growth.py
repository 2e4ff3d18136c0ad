"""fam_growth.py: the `growth` construct family for gen.py.

Buffers grown with realloc (issue 17: stack-first growth starts them in a
stack buffer and moves them to the heap when they outgrow it). Each fragment
runs its builder for several lengths around the initial capacity K, so that
the buffer both stays within K and grows past it (and shrinks to zero). A
wrong rewrite is a free of a stack address (`free(): invalid pointer`), a
use of a dead frame, or lost contents. Shapes:

  builder      a struct {data, len, cap} grown by a helper (static, inline
               or not), read, then freed
  append       one function appends into an array grown with realloc or
               reallocarray, from malloc(K), calloc or realloc(NULL, K)
  shrink       the buffer is grown, then reallocated down (to 0 bytes now
               and then)
  returned     a line-builder returns its buffer; the caller reads and frees
               it (near miss: escapes by return)
  global       the builder's data is stored in a global after growth and
               read by another function after the frame is clobbered
               (near miss)
  other_free   the free may receive the builder's data or another block
               (near miss: the free is not the buffer's alone)
  keeping_grow a helper "grows" by copying into a new block and keeps the
               old one in a global, read later (near miss)
  head         a builder from NULL (cap 0, then 1, 2, 4...): the realloc is
               the first allocation, and shrinks that still fit
  kept_rounds  a head in a loop of rounds whose first round's block is kept
               while later rounds build theirs (the buffer is in use: they
               must take the heap)
  returned_head a builder from NULL returned to the caller (copied to the
               heap at the return), which grows it further and frees it;
               now and then an interior pointer is returned
  returned_boxed the builder returned inside a heap box (near miss: the box
               carries the pointer out)
"""

SHAPES = ["builder", "builder", "append", "append", "shrink", "returned",
          "global", "other_free", "keeping_grow", "head", "kept_rounds",
          "returned_head", "returned_boxed"]


def first_alloc(r, k):
    """An expression allocating k u64s the way a builder starts."""
    how = r.choice(["malloc", "malloc", "calloc", "realloc_null"])
    if how == "calloc":
        return "(u64 *)calloc(%d, sizeof(u64))" % k
    if how == "realloc_null":
        return "(u64 *)realloc(NULL, %d * sizeof(u64))" % k
    return "(u64 *)malloc(%d * sizeof(u64))" % k


def grow_call(r, ptr, cap):
    if r.random() < 0.3:
        return "(u64 *)reallocarray(%s, %s, sizeof(u64))" % (ptr, cap)
    return "(u64 *)realloc(%s, %s * sizeof(u64))" % (ptr, cap)


def make(r, tag, frag):
    shape = r.choice(SHAPES)
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    k = r.choice([1, 2, 3, 4, 8, 16])
    lens = sorted({0, 1, max(k - 1, 0), k, k + 1, 2 * k + r.randrange(1, 9),
                   r.randrange(0, 5 * k + 10)})
    d.append("/* growth fragment: %s, initial capacity %d */" % (shape, k))
    d.append("static const int %slens[] = {%s};" % (tag, ", ".join(map(str, lens))))
    ni = r.choice(["__attribute__((noinline)) ", "", "static inline "])
    mul = r.randrange(3, 99)

    if shape in ("builder", "global", "other_free"):
        d.append("struct %sbuf { u64 *data; size_t len, cap; };" % tag)
        d.append("%sstatic int %sinit(struct %sbuf *b) {\n"
                 "  b->data = %s;\n  b->len = 0; b->cap = %d;\n  return b->data != NULL;\n}"
                 % (ni if ni != "static inline " else "", tag, tag, first_alloc(r, k), k))
        d.append("%sstatic int %spush(struct %sbuf *b, u64 v) {\n"
                 "  if (b->len == b->cap) {\n"
                 "    size_t nc = b->cap * 2;\n"
                 "    u64 *t = %s;\n"
                 "    if (!t) return 0;\n"
                 "    b->data = t; b->cap = nc;\n  }\n"
                 "  b->data[b->len++] = v;\n  return 1;\n}"
                 % (ni if ni != "static inline " else "", tag, tag, grow_call(r, "b->data", "nc")))
        tail = "  free(b.data);\n"
        extra = ""
        if shape == "global":
            d.append("static u64 *%skept;" % tag)
            d.append("static size_t %skeptn;" % tag)
            d.append("__attribute__((noinline)) static u64 %sreadkept(void) {\n"
                     "  u64 s = 0;\n  for (size_t i = 0; i < %skeptn; i++) s = s * 31 + %skept[i];\n"
                     "  free(%skept); %skept = NULL;\n  return s;\n}" % ((tag,) * 5))
            tail = "  %skept = b.data; %skeptn = b.len;\n" % (tag, tag)
            extra = "    clobber();\n    s += %sreadkept();\n" % tag
        elif shape == "other_free":
            tail = ("  u64 *o = (u64 *)malloc(%d * sizeof(u64));\n"
                    "  if (o) o[0] = n;\n"
                    "  if (b.len == 0) b.data[0] = 5;\n"
                    "  u64 *f = (n & 1) ? b.data : o;\n"
                    "  s += f ? f[0] : 0;\n"
                    "  free(f);\n"
                    "  free((n & 1) ? o : b.data);\n" % r.choice([1, 2, k, 2 * k]))
        d.append("__attribute__((noinline)) static u64 %sone(u64 x, int n) {\n"
                 "  struct %sbuf b;\n  if (!%sinit(&b)) return 1;\n"
                 "  for (int i = 0; i < n; i++) if (!%spush(&b, x * %dULL + (u64)i)) break;\n"
                 "  u64 s = b.len;\n  for (size_t i = 0; i < b.len; i++) s = s * 7 + b.data[i];\n"
                 "%s  return s;\n}" % (tag, tag, tag, tag, mul, tail))
        d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
                 "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++) {\n"
                 "    s = s * 3 + %sone(x + j, %slens[j]);\n%s  }\n  return s;\n}"
                 % (tag, tag, tag, tag, tag, extra))
        return "%srun(x)" % tag

    if shape in ("append", "shrink"):
        shrink = ""
        if shape == "shrink":
            # down to half the length, or to nothing (realloc(p, 0): glibc
            # frees and returns NULL)
            shrink = ("  if (len > 0) {\n"
                      "    size_t nl = (x & 3) == 0 ? 0 : len / 2;\n"
                      "    u64 *t = (u64 *)realloc(a, nl * sizeof(u64));\n"
                      "    if (t || nl == 0) { a = t; len = nl; }\n"
                      "  }\n")
        d.append("__attribute__((noinline)) static u64 %sone(u64 x, int n) {\n"
                 "  size_t cap = %d, len = 0;\n  u64 *a = %s;\n  if (!a) return 1;\n"
                 "  for (int i = 0; i < n; i++) {\n"
                 "    if (len == cap) {\n      size_t nc = cap * 2;\n"
                 "      u64 *t = %s;\n      if (!t) { free(a); return 2; }\n"
                 "      a = t; cap = nc;\n    }\n"
                 "    a[len++] = x * %dULL + (u64)i;\n  }\n%s"
                 "  u64 s = len;\n  for (size_t i = 0; i < len; i++) s = s * 7 + a[i];\n"
                 "  free(a);\n  return s;\n}"
                 % (tag, k, first_alloc(r, k), grow_call(r, "a", "nc"), mul, shrink))
        d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
                 "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++)\n"
                 "    s = s * 3 + %sone(x + j, %slens[j]);\n  return s;\n}"
                 % (tag, tag, tag, tag, tag))
        return "%srun(x)" % tag

    if shape == "returned":
        d.append("%sstatic char *%sline(u64 x, int n) {\n"
                 "  size_t cap = %d, len = 0;\n  char *s = (char *)malloc(cap);\n  if (!s) return NULL;\n"
                 "  for (int i = 0; i <= n; i++) {\n"
                 "    if (len + 1 >= cap) {\n      char *t = (char *)realloc(s, cap * 2);\n"
                 "      if (!t) { free(s); return NULL; }\n      s = t; cap *= 2;\n    }\n"
                 "    s[len++] = (char)('a' + (x + (u64)i) %% 26);\n  }\n"
                 "  s[len] = 0;\n  return s;\n}"
                 % ("__attribute__((noinline)) " if ni == "__attribute__((noinline)) " else "",
                    tag, 8 * k))
        d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
                 "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++) {\n"
                 "    char *l = %sline(x + j, %slens[j] * 3);\n"
                 "    clobber();\n"
                 "    if (l) { for (char *c = l; *c; c++) s = s * 31 + (u64)*c; free(l); }\n"
                 "  }\n  return s;\n}" % (tag, tag, tag, tag, tag))
        return "%srun(x)" % tag

    if shape in ("head", "kept_rounds"):
        # cap 0 -> 1 -> 2 ...: the first realloc receives NULL
        grow = ("    if (len == cap) {\n      size_t nc = cap ? cap * 2 : 1;\n"
                "      u64 *t = %s;\n      if (!t) { free(a); return 2; }\n"
                "      a = t; cap = nc;\n    }\n" % grow_call(r, "a", "nc"))
        if shape == "head":
            # now and then a shrink that fits, which keeps the block
            d.append("__attribute__((noinline)) static u64 %sone(u64 x, int n) {\n"
                     "  size_t cap = 0, len = 0;\n  u64 *a = NULL;\n"
                     "  for (int i = 0; i < n; i++) {\n%s"
                     "    a[len++] = x * %dULL + (u64)i;\n  }\n"
                     "  if (len > 1 && (x & 1)) {\n"
                     "    u64 *t = (u64 *)realloc(a, (len / 2) * sizeof(u64));\n"
                     "    if (t) { a = t; len /= 2; }\n  }\n"
                     "  u64 s = len;\n  for (size_t i = 0; i < len; i++) s = s * 7 + a[i];\n"
                     "  free(a);\n  return s;\n}" % (tag, grow, mul))
        else:
            d.append("__attribute__((noinline)) static u64 %sone(u64 x, int n) {\n"
                     "  u64 *keep = NULL; size_t keepn = 0; u64 s = 0;\n"
                     "  for (int round = 0; round < 3; round++) {\n"
                     "    size_t cap = 0, len = 0;\n    u64 *a = NULL;\n"
                     "    for (int i = 0; i < n + round; i++) {\n  %s"
                     "      a[len++] = x * %dULL + (u64)(i + round);\n    }\n"
                     "    if (!a) continue;\n"
                     "    if (!keep) { keep = a; keepn = len; continue; }\n"
                     "    clobber();\n"
                     "    s = s * 5 + a[len - 1] + keep[keepn - 1];\n    free(a);\n  }\n"
                     "  if (keep) { for (size_t i = 0; i < keepn; i++) s = s * 7 + keep[i]; free(keep); }\n"
                     "  return s;\n}" % (tag, grow.replace("\n    ", "\n      ").replace("return 2;", "free(keep); return 2;"), mul))
        d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
                 "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++)\n"
                 "    s = s * 3 + %sone(x + j, %slens[j]);\n  return s;\n}"
                 % (tag, tag, tag, tag, tag))
        return "%srun(x)" % tag

    if shape in ("returned_head", "returned_boxed"):
        skip = r.choice([0, 0, 1])
        if shape == "returned_head":
            d.append("%sstatic char *%sline(u64 x, int n) {\n"
                     "  size_t cap = 0, len = 0;\n  char *s = NULL;\n"
                     "  for (int i = 0; i <= n + 1; i++) {\n"
                     "    if (len + 1 >= cap) {\n      size_t nc = cap ? cap * 2 : 2;\n"
                     "      char *t = (char *)realloc(s, nc);\n"
                     "      if (!t) { free(s); return NULL; }\n      s = t; cap = nc;\n    }\n"
                     "    s[len++] = (char)('a' + (x + (u64)i) %% 26);\n  }\n"
                     "  s[len] = 0;\n  return s + %d;\n}"
                     % (ni if ni == "__attribute__((noinline)) " else "", tag, skip))
            use = ("    char *l = %sline(x + j, %slens[j]);\n    clobber();\n"
                   "    if (l) {\n      char *b = l - %d;\n"
                   "      size_t n = strlen(b);\n"
                   "      char *g = (char *)realloc(b, n + 9);\n"
                   "      if (g) { b = g; memcpy(b + n, \"-grown-\", 8); }\n"
                   "      for (char *c = b; *c; c++) s = s * 31 + (u64)*c;\n      free(b);\n    }\n"
                   % (tag, tag, skip))
        else:
            d.append("struct %sbox { char *data; size_t len; };" % tag)
            d.append("%sstatic struct %sbox *%sline(u64 x, int n) {\n"
                     "  struct %sbox *bx = (struct %sbox *)malloc(sizeof *bx);\n"
                     "  if (!bx) return NULL;\n"
                     "  size_t cap = 0, len = 0;\n  char *s = NULL;\n"
                     "  for (int i = 0; i <= n + 1; i++) {\n"
                     "    if (len + 1 >= cap) {\n      size_t nc = cap ? cap * 2 : 2;\n"
                     "      char *t = (char *)realloc(s, nc);\n"
                     "      if (!t) { free(s); free(bx); return NULL; }\n      s = t; cap = nc;\n    }\n"
                     "    s[len++] = (char)('a' + (x + (u64)i) %% 26);\n  }\n"
                     "  s[len] = 0;\n  bx->data = s; bx->len = len;\n  return bx;\n}"
                     % (ni if ni == "__attribute__((noinline)) " else "", tag, tag, tag, tag))
            use = ("    struct %sbox *l = %sline(x + j, %slens[j]);\n    clobber();\n"
                   "    if (l) {\n      for (char *c = l->data; *c; c++) s = s * 31 + (u64)*c;\n"
                   "      s += l->len;\n      free(l->data);\n      free(l);\n    }\n"
                   % (tag, tag, tag))
        d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
                 "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++) {\n"
                 "%s  }\n  return s;\n}" % (tag, tag, tag, use))
        return "%srun(x)" % tag

    # keeping_grow: the "grow" helper copies into a new block and keeps the
    # old one, which a later function reads and frees.
    d.append("static u64 *%sold;" % tag)
    d.append("static size_t %soldn;" % tag)
    d.append("__attribute__((noinline)) static u64 *%sgrow(u64 *p, size_t len, size_t cap) {\n"
             "  u64 *q = (u64 *)malloc(cap * sizeof(u64));\n"
             "  if (!q) return NULL;\n  memcpy(q, p, len * sizeof(u64));\n"
             "  if (%sold) free(%sold);\n  %sold = p; %soldn = len;\n  return q;\n}"
             % ((tag,) * 5))
    d.append("__attribute__((noinline)) static u64 %sreadold(void) {\n"
             "  u64 s = 0;\n  for (size_t i = 0; i < %soldn; i++) s = s * 5 + %sold[i];\n"
             "  free(%sold); %sold = NULL; %soldn = 0;\n  return s;\n}" % ((tag,) * 6))
    d.append("__attribute__((noinline)) static u64 %sone(u64 x, int n) {\n"
             "  size_t cap = %d, len = 0;\n  u64 *a = (u64 *)malloc(cap * sizeof(u64));\n"
             "  if (!a) return 1;\n"
             "  for (int i = 0; i < n; i++) {\n"
             "    if (len == cap) {\n      u64 *t = %sgrow(a, len, cap * 2);\n"
             "      if (!t) break;\n      a = t; cap *= 2;\n    }\n"
             "    a[len++] = x * %dULL + (u64)i;\n  }\n"
             "  u64 s = len;\n  for (size_t i = 0; i < len; i++) s = s * 7 + a[i];\n"
             "  free(a);\n  return s;\n}" % (tag, k, tag, mul))
    d.append("static u64 %srun(u64 x) {\n  u64 s = 0;\n"
             "  for (unsigned j = 0; j < sizeof %slens / sizeof %slens[0]; j++) {\n"
             "    s = s * 3 + %sone(x + j, %slens[j]);\n    clobber();\n    s += %sreadold();\n"
             "  }\n  return s;\n}" % ((tag,) * 6))
    return "%srun(x)" % tag
