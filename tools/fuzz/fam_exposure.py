"""fam_exposure.py: the `exposure` construct family for gen.py.

An object's address leaves the pointer data flow (PNVI-ae "exposure":
ptrtoint, a byte read of a stored pointer, a formatted print) and comes back
later through an integer, a string or bytes, and the object is then reached
through the rebuilt pointer. A promotion of such an object is a
use-after-return, and a captures(none) published for a parameter that is
only exposed this way lets GVN forward a stale value.

Each fragment picks one *channel* (how the address is encoded and decoded)
and one *shape* (where the object lives and who reads it back). The program
never prints an address: only values read through the rebuilt pointer go into
the checksum. Everything is defined behaviour: C11 7.21.6.2 guarantees the
%p round trip, and converting an exposed address back to a pointer is the
PNVI-ae model clang follows.
"""

import random

# Channels: (name, encode, decode). `encode` stores the address held in the
# pointer variable `p` into the fragment's globals (@ is the fragment's
# prefix); `decode` sets the pointer variable `q` (of type T *) from them.
CHANNELS = [
    ("int", "@w[0] = (uintptr_t)p;", "q = (T *)@w[0];"),
    ("xor", "@w[0] = (uintptr_t)p ^ (uintptr_t)KEY;",
     "q = (T *)(@w[0] ^ (uintptr_t)KEY);"),
    ("split", "@w[0] = (uintptr_t)p >> SH; @w[1] = (uintptr_t)p & (((uintptr_t)1 << SH) - 1);",
     "q = (T *)((@w[0] << SH) | @w[1]);"),
    ("bits_if",
     "{ uintptr_t a = (uintptr_t)p, o = 0;\n"
     "  for (int i = 0; i < 64; i++) { if ((a >> i) & 1) o |= (uintptr_t)1 << i; }\n"
     "  @w[0] = o; }",
     "q = (T *)@w[0];"),
    ("bits_select",
     "{ uintptr_t a = (uintptr_t)p;\n"
     "  for (int i = 0; i < 64; i++) @b[i] = ((a >> i) & 1) ? 0x5a : 0xa5; }",
     "{ uintptr_t a = 0;\n"
     "  for (int i = 0; i < 64; i++) if (@b[i] == 0x5a) a |= (uintptr_t)1 << i;\n"
     "  q = (T *)a; }"),
    ("switch",
     "{ uintptr_t a = (uintptr_t)p;\n"
     "  for (int i = 0; i < 16; i++) {\n"
     "    char c;\n"
     "    switch ((a >> (4 * i)) & 15) {\n"
     "    case 0: c = '0'; break; case 1: c = '1'; break; case 2: c = '2'; break;\n"
     "    case 3: c = '3'; break; case 4: c = '4'; break; case 5: c = '5'; break;\n"
     "    case 6: c = '6'; break; case 7: c = '7'; break; case 8: c = '8'; break;\n"
     "    case 9: c = '9'; break; case 10: c = 'a'; break; case 11: c = 'b'; break;\n"
     "    case 12: c = 'c'; break; case 13: c = 'd'; break; case 14: c = 'e'; break;\n"
     "    default: c = 'f'; break;\n"
     "    }\n"
     "    @note[15 - i] = c;\n"
     "  }\n"
     "  @note[16] = 0; }",
     "q = (T *)(uintptr_t)strtoull(@note, NULL, 16);"),
    ("hex_table",
     "{ uintptr_t a = (uintptr_t)p;\n"
     "  for (int i = 0; i < 16; i++) @note[15 - i] = \"0123456789abcdef\"[(a >> (4 * i)) & 15];\n"
     "  @note[16] = 0; }",
     "q = (T *)(uintptr_t)strtoul(@note, NULL, 16);"),
    ("perm_table",
     "{ uintptr_t a = (uintptr_t)p;\n"
     "  for (int i = 0; i < 8; i++) @b[i] = @perm[(a >> (8 * i)) & 255]; }",
     "{ uintptr_t a = 0;\n"
     "  for (int i = 0; i < 8; i++) a |= (uintptr_t)@inv[@b[i]] << (8 * i);\n"
     "  q = (T *)a; }"),
    ("printf_p", "snprintf(@note, sizeof @note, \"%p\", (void *)p);",
     "{ void *v = NULL; sscanf(@note, \"%p\", &v); q = (T *)v; }"),
    ("printf_lx", "snprintf(@note, sizeof @note, \"%lx\", (unsigned long)(uintptr_t)p);",
     "q = (T *)(uintptr_t)strtoul(@note, NULL, 16);"),
    ("printf_lu", "sprintf(@note, \"%llu\", (unsigned long long)(uintptr_t)p);",
     "{ unsigned long long v = 0; sscanf(@note, \"%llu\", &v); q = (T *)(uintptr_t)v; }"),
    ("printf_fmt", "snprintf(@note, sizeof @note, @fmt, (void *)p);",
     "{ void *v = NULL; sscanf(@note, \"%p\", &v); q = (T *)v; }"),
    ("file",
     "@file = tmpfile(); if (@file) fprintf(@file, \"%p\\n\", (void *)p);",
     "{ void *v = NULL;\n"
     "  if (@file) { rewind(@file); if (fscanf(@file, \"%p\", &v) != 1) v = NULL; fclose(@file); @file = NULL; }\n"
     "  q = (T *)v; }"),
    ("memcpy", "memcpy(@b, &p, sizeof p);", "memcpy(&q, @b, sizeof q);"),
    ("byte_loop",
     "{ const unsigned char *s = (const unsigned char *)&p;\n"
     "  for (unsigned i = 0; i < sizeof p; i++) @b[i] = s[i]; }",
     "{ unsigned char *d = (unsigned char *)&q;\n"
     "  for (unsigned i = 0; i < sizeof q; i++) d[i] = @b[i]; }"),
    ("union",
     "{ union { T *p; uintptr_t u; } un; un.p = p; @w[0] = un.u; }",
     "{ union { T *p; uintptr_t u; } un; un.u = @w[0]; q = un.p; }"),
    ("union_bytes",
     "{ union { T *p; unsigned char c[sizeof(T *)]; } un; un.p = p;\n"
     "  for (unsigned i = 0; i < sizeof un.c; i++) @b[i] = un.c[i]; }",
     "{ union { T *p; unsigned char c[sizeof(T *)]; } un;\n"
     "  for (unsigned i = 0; i < sizeof un.c; i++) un.c[i] = @b[i]; q = un.p; }"),
]

# Channels added after the rediscovery seeds were recorded (RELIABILITY.md):
# drawn from a side generator so that the seeds listed there still produce
# the programs they did. `libm`: the pointer's bytes as a double (a
# subnormal: user addresses have their top 12 bits clear) pass through a
# library function of numbers (README "Library contracts": fmod(x, y) is x
# exactly when |x| < |y|) and are stored as bytes.
LATE_CHANNELS = [
    ("libm",
     "{ double d; memcpy(&d, &p, sizeof d); d = fmod(d, 1e300); memcpy(@b, &d, sizeof d); }",
     "memcpy(&q, @b, sizeof q);"),
]


def late_channel(r, name, enc, dec, frag):
    """Replaces the `memcpy` channel by a late one now and then, using a
    generator seeded from r's state (r itself draws nothing more)."""
    if name != "memcpy":
        return name, enc, dec
    side = random.Random(repr(r.getstate()))
    if side.random() < 0.5:
        return name, enc, dec
    name, enc, dec = side.choice(LATE_CHANNELS)
    if name == "libm":
        frag.includes.add("math.h")
        frag.cflags.add("-lm")
    return name, enc, dec


def indent(code, n):
    return "\n".join("  " * n + line for line in code.split("\n"))


def make(r, tag, frag):
    """Adds one exposure fragment named `tag` to frag; returns its call."""
    name, enc, dec = late_channel(r, *r.choice(CHANNELS), frag)
    shape = r.choice(["later", "later", "helper", "attr", "attr_global"])
    ty = r.choice(["u64", "struct node"])
    key = r.randrange(1, 1 << 62)
    sh = r.choice([8, 12, 16, 24, 32, 40])

    def sub(code):
        return (code.replace("@", tag).replace("KEY", "%dULL" % key)
                .replace("SH", str(sh)).replace("T *", ty + " *").replace("T*", ty + "*"))

    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    d.append("/* exposure fragment: channel %s, shape %s */" % (name, shape))
    d.append("static uintptr_t %sw[2];" % tag)
    d.append("static unsigned char %sb[64];" % tag)
    d.append("static char %snote[40];" % tag)
    if name == "file":
        d.append("static FILE *%sfile;" % tag)
    if name == "printf_fmt":
        # a format the optimiser cannot read: it lives in a writable global
        d.append("static char %sfmt[8] = \"%%p\";" % tag)
    if name == "perm_table":
        perm = list(range(256))
        r.shuffle(perm)
        inv = [0] * 256
        for i, v in enumerate(perm):
            inv[v] = i
        d.append("static const unsigned char %sperm[256] = {%s};" % (tag, ",".join(map(str, perm))))
        d.append("static const unsigned char %sinv[256] = {%s};" % (tag, ",".join(map(str, inv))))
    n = r.choice([1, 2, 4, 8, 16])
    val = "val" if ty == "struct node" else None
    # elem(i): an lvalue of the object
    if ty == "u64":
        alloc = "(u64 *)malloc(%d * sizeof(u64))" % n
        elem = lambda v, i: "%s[%d]" % (v, i % n)
        count = n
    else:
        alloc = "(struct node *)calloc(1, sizeof(struct node))"
        elem = lambda v, i: "%s->%s" % (v, val)
        count = 1
    inline = r.choice(["__attribute__((noinline)) ", "__attribute__((noinline)) ", ""])
    if shape in ("later", "helper"):
        if shape == "helper":
            # the encoding is in a callee: the parameter's summary must say so
            d.append("%sstatic void %senc(%s *p) {\n%s\n}" % (
                inline, tag, ty, indent(sub(enc), 1)))
            encode = "%senc(p);" % tag
        else:
            encode = sub(enc)
        fill = "\n".join("  %s = x * %dULL + %d;" % (elem("p", i), 2 * i + 3, i)
                         for i in range(min(count, 4)))
        d.append("__attribute__((noinline)) static u64 %smake(u64 x) {\n"
                 "  %s *p = %s;\n%s\n%s\n  return %s;\n}"
                 % (tag, ty, alloc, fill, indent(encode, 1), elem("p", 0)))
        reads = " + ".join(elem("q", i) for i in range(min(count, 3)))
        d.append("__attribute__((noinline)) static u64 %suse(void) {\n"
                 "  %s *q = NULL;\n%s\n  u64 s = %s;\n  %s += 1;\n  s ^= %s;\n  free(q);\n"
                 "  return s;\n}" % (tag, ty, indent(sub(dec), 1), reads,
                                      elem("q", 0), elem("q", 0)))
        d.append("static u64 %srun(u64 x) {\n  u64 a = %smake(x);\n  clobber();\n"
                 "  return a * 3 + %suse();\n}" % (tag, tag, tag))
    else:
        # attr: the callee only exposes p; the caller writes its own object
        # through the rebuilt pointer and must see the new value.
        if shape == "attr":
            d.append("__attribute__((noinline)) static void %sshow(%s *p, char *out) {\n"
                     "%s\n  memcpy(out, %snote, sizeof %snote);\n  memcpy(out + 40, %sb, 64);\n"
                     "  memcpy(out + 104, %sw, sizeof %sw);\n}"
                     % (tag, ty, indent(sub(enc), 1), tag, tag, tag, tag, tag))
            restore = ("memcpy(%snote, out, sizeof %snote); memcpy(%sb, out + 40, 64); "
                       "memcpy(%sw, out + 104, sizeof %sw);" % ((tag,) * 5))
            call = "%sshow(&a, out);" % tag
            outdecl = "char out[128];"
        else:
            d.append("__attribute__((noinline)) static void %sshow(%s *p) {\n%s\n}"
                     % (tag, ty, indent(sub(enc), 1)))
            restore = ""
            call = "%sshow(&a);" % tag
            outdecl = ""
        init = "a = x;" if ty == "u64" else "a.val = x; a.next = NULL;"
        field = "a" if ty == "u64" else "a.val"
        qf = "*q" if ty == "u64" else "q->val"
        d.append("__attribute__((noinline)) static u64 %srun(u64 x) {\n"
                 "  %s a; %s\n  %s\n  %s\n  %s\n  %s *q = NULL;\n%s\n"
                 "  %s = x + 1;\n  return %s;\n}"
                 % (tag, ty, outdecl, init, call, restore, ty, indent(sub(dec), 1), qf, field))
    return "%srun(x)" % tag
