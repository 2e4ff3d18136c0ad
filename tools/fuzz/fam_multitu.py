"""fam_multitu.py: the `multitu` construct family for gen.py.

A fragment split over two translation units (the second one is the part of
the file under `#if H2S_TU == 2`), built per file, with full LTO, with
ThinLTO, or without LTO, the plugin at compile time and (with LTO) at link
time. As in fam_stack.py, the recursion runs on a thread whose stack the
heap version fits in with room to spare and a promoted buffer in every
level does not. Shapes:

  callback   walk() in the first file hands itself to visit() in the
             second, which calls it back (recursion through another file)
  direct     walk() calls down() in the second file, which calls walk()
  lto_inline walk() recurses directly and calls digits() from the second
             file: only the link-time inliner can copy digits()' buffer
             into walk
  exposure   the second file exposes an address (%p into a string) that the
             first turns back into a pointer after the owner returned
"""


def make(r, tag, frag):
    shape = r.choice(["callback", "direct", "lto_inline", "exposure"])
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d, t = frag.decls, frag.tu2
    d.append("/* multitu fragment: %s */" % shape)
    t.append("/* multitu fragment %s: second translation unit */" % shape)
    if shape == "exposure":
        d.append("void %sshow(u64 *p, char *out);" % tag)
        t.append("void %sshow(u64 *p, char *out) { snprintf(out, 40, \"%%p\", (void *)p); }"
                 % tag)
        d.append("static char %snote[40];" % tag)
        d.append("__attribute__((noinline)) static u64 %smake(u64 x) {\n"
                 "  u64 *p = (u64 *)malloc(4 * sizeof(u64));\n"
                 "  p[0] = x; p[1] = x * 3; p[2] = 1; p[3] = 2;\n"
                 "  %sshow(p, %snote);\n  return p[1];\n}" % (tag, tag, tag))
        d.append("__attribute__((noinline)) static u64 %suse(void) {\n"
                 "  void *v = NULL;\n  sscanf(%snote, \"%%p\", &v);\n"
                 "  u64 *q = (u64 *)v;\n  u64 s = q[0] + q[3];\n  free(q);\n  return s;\n}"
                 % (tag, tag))
        d.append("static u64 %srun(u64 x) { u64 a = %smake(x); clobber(); return a + %suse(); }"
                 % (tag, tag, tag))
        return "%srun(x)" % tag
    stack = r.choice([256, 512, 1024]) << 10
    if shape == "lto_inline":
        size = r.randrange(720, 1000)  # LLVM inlines 1 KiB into recursion
        per_level = 600
    else:
        size = r.randrange(8000, 30000)
        per_level = 4000
    depth = stack // per_level
    d.append("/* buffer %d bytes, depth %d, thread stack %d */" % (size, depth, stack))
    digits = ("u64 %sdigits(u64 v) {\n"
              "  unsigned char *buf = (unsigned char *)malloc(%d);\n"
              "  for (size_t i = 0; i < %d; i += 61) buf[i] = (unsigned char)(v + i);\n"
              "  u64 s = buf[0];\n  for (u64 t = v; t; t /= 10) s = s * 10 + t %% 10;\n"
              "  s += buf[%d];\n  free(buf);\n  return s;\n}"
              % (tag, size, size, (size - 1) // 61 * 61))
    where = r.choice(["tu1", "tu2"]) if shape != "lto_inline" else "tu2"
    if where == "tu1":
        d.append("static " + digits)
    else:
        d.append("u64 %sdigits(u64 v);" % tag)
        t.append(digits)
    d.append("u64 %sacc;" % tag)
    d.append("void %swalk(int d);" % tag)
    if shape == "callback":
        d.append("void %svisit(void (*f)(int), int d);" % tag)
        t.append("void %svisit(void (*f)(int), int d) { if (d >= 0) f(d); }" % tag)
        recurse = "%svisit(%swalk, d - 1);" % (tag, tag)
    elif shape == "direct":
        d.append("void %sdown(int d);" % tag)
        t.append("void %swalk(int d);" % tag)
        t.append("void %sdown(int d) { if (d >= 0) %swalk(d); }" % (tag, tag))
        recurse = "%sdown(d - 1);" % tag
    else:
        recurse = "if (d > 0) %swalk(d - 1);" % tag
    d.append("void %swalk(int d) {\n  %sacc = %sacc * 31 + %sdigits((u64)d * 2654435761ULL);\n"
             "  %s\n}" % (tag, tag, tag, tag, recurse))
    d.append("static u64 %sbody(u64 x) { %sacc = x; %swalk(%d); return %sacc; }"
             % (tag, tag, tag, depth, tag))
    d.append("static u64 %srun(u64 x) { return on_thread(%d, %sbody, x); }" % (tag, stack, tag))
    return "%srun(x)" % tag
