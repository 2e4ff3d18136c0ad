"""fam_library.py: the `library` construct family for gen.py.

Library calls that keep a pointer past the call, or call back into the
program with it: a function allocates a small object, hands it to the
library and returns; a later function makes the library use it. A promotion
of the object is a use-after-return (or output from a dead frame after
clobber() has overwritten it). Shapes:

  setvbuf      a stream buffer that the stream writes into later
  putenv       the environment keeps the string itself
  strtok       strtok keeps its position in the string
  tsearch      the tree keeps the key pointer
  specific     pthread_setspecific keeps the value
  on_exit      on_exit keeps the argument for the exit handler
  qsort_keep   a comparator (direct or through a global) keeps an element,
               as a pointer or exposed (an integer, a string, bytes)
  bsearch_keep a comparator keeps the key, the same ways
  sigqueue     a SA_SIGINFO handler keeps the pointer sent with the signal
  atexit       an atexit handler reads an object through a global
"""

import fam_exposure

# How a callback keeps the pointer it was handed: a plain pointer store, or
# one of fam_exposure's channels (the address as an integer, a string, bytes).
KEEP = ["ptr", "ptr", "int", "bits_if", "switch", "hex_table", "printf_p", "printf_lx",
        "memcpy", "byte_loop", "union"]


def keeper(r, tag, d):
    """(statement keeping `p`, statement setting `q` or NULL) for a const
    u64 pointer, and the globals they use."""
    how = r.choice(KEEP)
    d.append("/* kept through: %s */" % how)
    d.append("static const u64 *%skept;" % tag)
    d.append("static int %shave;" % tag)
    if how == "ptr":
        return "%skept = p;" % tag, "q = %skept;" % tag
    d.append("static uintptr_t %sw[2];" % tag)
    d.append("static unsigned char %sb[64];" % tag)
    d.append("static char %snote[40];" % tag)
    _, enc, dec = next(c for c in fam_exposure.CHANNELS if c[0] == how)

    def sub(code):
        return code.replace("@", tag).replace("T *", "const u64 *")
    return sub(enc), sub(dec)


SHAPES = ["setvbuf", "putenv", "strtok", "tsearch", "specific", "on_exit",
          "qsort_keep", "bsearch_keep", "sigqueue", "atexit"]


def make(r, tag, frag):
    shape = r.choice(SHAPES)
    frag.includes |= {"stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    d.append("/* library fragment: %s */" % shape)
    ni = "__attribute__((noinline)) "
    k = r.randrange(3, 40)
    if shape == "setvbuf":
        size = r.choice([64, 128, 256, 512])
        d.append("static FILE *%sf;" % tag)
        d.append(ni + "static void %sopen(u64 x) {\n"
                 "  %sf = tmpfile();\n  if (!%sf) return;\n"
                 "  char *buf = (char *)malloc(%d);\n"
                 "  setvbuf(%sf, buf, _IOFBF, %d);\n"
                 "  fprintf(%sf, \"%%llu \", x * %dULL);\n}"
                 % (tag, tag, tag, size, tag, size, tag, k))
        d.append(ni + "static u64 %sclose(u64 x) {\n"
                 "  unsigned long long a = 0, b = 0;\n  if (!%sf) return 1;\n"
                 "  fprintf(%sf, \"%%llu\\n\", x + %d);\n  rewind(%sf);\n"
                 "  if (fscanf(%sf, \"%%llu %%llu\", &a, &b) != 2) a = b = 7;\n"
                 "  fclose(%sf);\n  return a * 3 + b;\n}"
                 % (tag, tag, tag, k, tag, tag, tag))
        d.append("static u64 %srun(u64 x) { %sopen(x); clobber(); return %sclose(x); }"
                 % (tag, tag, tag))
    elif shape == "putenv":
        d.append(ni + "static void %sset(u64 x) {\n  char *s = (char *)malloc(48);\n"
                 "  snprintf(s, 48, \"H2S_FUZZ_%s=%%llu\", x %% %dULL);\n  putenv(s);\n}"
                 % (tag, tag.upper(), 1000 + k))
        d.append(ni + "static u64 %sget(void) {\n  const char *v = getenv(\"H2S_FUZZ_%s\");\n"
                 "  return v ? strtoull(v, NULL, 10) + 1 : 0;\n}" % (tag, tag.upper()))
        d.append("static u64 %srun(u64 x) { %sset(x); clobber(); return %sget(); }"
                 % (tag, tag, tag))
    elif shape == "strtok":
        d.append(ni + "static u64 %sfirst(u64 x) {\n  char *s = (char *)malloc(64);\n"
                 "  snprintf(s, 64, \"%%llu %%llu %%llu\", x %% 1000, x %% %d, x %% 7);\n"
                 "  char *t = strtok(s, \" \");\n  return t ? strtoull(t, NULL, 10) : 0;\n}"
                 % (tag, k))
        d.append(ni + "static u64 %srest(void) {\n  u64 s = 0;\n"
                 "  for (char *t = strtok(NULL, \" \"); t; t = strtok(NULL, \" \"))\n"
                 "    s = s * 1000 + strtoull(t, NULL, 10);\n  return s;\n}" % tag)
        d.append("static u64 %srun(u64 x) { u64 a = %sfirst(x); clobber(); return a + %srest(); }"
                 % (tag, tag, tag))
    elif shape == "tsearch":
        frag.includes.add("search.h")
        d.append("static void *%sroot;" % tag)
        d.append("static int %scmp(const void *a, const void *b) {\n"
                 "  u64 x = *(const u64 *)a, y = *(const u64 *)b;\n  return (x > y) - (x < y);\n}"
                 % tag)
        d.append(ni + "static void %sput(u64 v) {\n  u64 *key = (u64 *)malloc(2 * sizeof(u64));\n"
                 "  key[0] = v; key[1] = v * 3;\n  tsearch(key, &%sroot, %scmp);\n}"
                 % (tag, tag, tag))
        d.append(ni + "static u64 %sget(u64 v) {\n  u64 probe[2] = {v, 0};\n"
                 "  void *n = tfind(probe, &%sroot, %scmp);\n"
                 "  return n ? (*(u64 **)n)[1] : 5;\n}" % (tag, tag, tag))
        d.append("static u64 %srun(u64 x) {\n  for (u64 i = 0; i < %d; i++) %sput(x + i);\n"
                 "  clobber();\n  return %sget(x + %d);\n}" % (tag, k, tag, tag, k // 2))
    elif shape == "specific":
        d.append("static pthread_key_t %skey;" % tag)
        d.append(ni + "static void %sset(u64 x) {\n  u64 *p = (u64 *)malloc(4 * sizeof(u64));\n"
                 "  for (int i = 0; i < 4; i++) p[i] = x + (u64)i * %d;\n"
                 "  pthread_setspecific(%skey, p);\n}" % (tag, k, tag))
        d.append(ni + "static u64 %sget(void) {\n  u64 *p = (u64 *)pthread_getspecific(%skey);\n"
                 "  return p ? p[0] + p[3] : 9;\n}" % (tag, tag))
        d.append("static u64 %srun(u64 x) {\n  if (pthread_key_create(&%skey, NULL)) return 0;\n"
                 "  %sset(x);\n  clobber();\n  return %sget();\n}" % (tag, tag, tag, tag))
    elif shape == "on_exit":
        d.append("static void %sbye(int status, void *arg) {\n"
                 "  const u64 *p = (const u64 *)arg;\n"
                 "  printf(\"on_exit %%d %%llu\\n\", status, p[0] * 7 + p[1]);\n}" % tag)
        d.append(ni + "static void %sreg(u64 x) {\n  u64 *p = (u64 *)malloc(2 * sizeof(u64));\n"
                 "  p[0] = x %% %d; p[1] = x %% 1000;\n  on_exit(%sbye, p);\n}" % (tag, k, tag))
        d.append("static u64 %srun(u64 x) { %sreg(x); clobber(); return 1; }" % (tag, tag))
    elif shape in ("qsort_keep", "bsearch_keep"):
        via = r.choice(["direct", "global"])
        keep, back = keeper(r, tag, d)
        d.append("static int %scmp(const void *a, const void *b) {\n"
                 "  const u64 *p = (const u64 *)%s;\n"
                 "  if (!%shave) {\n%s\n  %shave = 1;\n  }\n"
                 "  u64 x = *(const u64 *)a, y = *(const u64 *)b;\n  return (x > y) - (x < y);\n}"
                 % (tag, "a" if shape == "bsearch_keep" else r.choice(["a", "b"]),
                    tag, fam_exposure.indent(keep, 2), tag))
        if via == "global":
            d.append("int (*%sgcmp)(const void *, const void *);" % tag)
            cmp, setup = "%sgcmp" % tag, "%sgcmp = %scmp; " % (tag, tag)
        else:
            cmp, setup = "%scmp" % tag, ""
        n = r.choice([2, 3, 5, 8])
        if shape == "qsort_keep":
            d.append(ni + "static void %ssort(u64 x) {\n  u64 *a = (u64 *)malloc(%d * sizeof(u64));\n"
                     "  for (int i = 0; i < %d; i++) a[i] = (x * %dULL + (u64)i * 977) %% 1000;\n"
                     "  qsort(a, %d, sizeof(u64), %s);\n}" % (tag, n, n, k, n, cmp))
        else:
            d.append("static const u64 %stable[%d] = {%s};"
                     % (tag, n, ", ".join(str(10 * i) for i in range(n))))
            d.append(ni + "static void %ssort(u64 x) {\n  u64 *key = (u64 *)malloc(sizeof(u64));\n"
                     "  *key = (x %% %d) * 10;\n"
                     "  bsearch(key, %stable, %d, sizeof(u64), %s);\n}" % (tag, n, tag, n, cmp))
        # Which element qsort hands the comparator first depends on the
        # implementation (ASan intercepts qsort): for qsort only the range
        # of the kept element is printed (every element is below 1000).
        use = "(*q < 1000) + 1" if shape == "qsort_keep" else "*q + 1"
        d.append("static u64 %srun(u64 x) {\n  %s%shave = 0;\n  %ssort(x);\n  clobber();\n"
                 "  const u64 *q = NULL;\n  if (!%shave) return 0;\n%s\n  return %s;\n}"
                 % (tag, setup, tag, tag, tag, fam_exposure.indent(back, 1), use))
    elif shape == "sigqueue":
        frag.includes |= {"signal.h", "unistd.h"}
        d.append("static u64 *volatile %sgot;" % tag)
        d.append("static void %shandler(int sig, siginfo_t *si, void *uc) {\n"
                 "  (void)sig; (void)uc;\n  %sgot = (u64 *)si->si_value.sival_ptr;\n}"
                 % (tag, tag))
        d.append(ni + "static void %ssend(u64 x) {\n  u64 *p = (u64 *)malloc(3 * sizeof(u64));\n"
                 "  p[0] = x; p[1] = x * %d; p[2] = 0;\n"
                 "  union sigval v; v.sival_ptr = p;\n"
                 "  sigqueue(getpid(), SIGUSR2, v);\n}" % (tag, k))
        d.append("static u64 %srun(u64 x) {\n  struct sigaction sa;\n"
                 "  memset(&sa, 0, sizeof sa);\n  sa.sa_sigaction = %shandler;\n"
                 "  sa.sa_flags = SA_SIGINFO;\n  sigaction(SIGUSR2, &sa, NULL);\n"
                 "  %sgot = NULL;\n  %ssend(x);\n  clobber();\n"
                 "  u64 r = %sgot ? %sgot[0] + %sgot[1] : 3;\n"
                 "  if (%sgot) free(%sgot);\n  signal(SIGUSR2, SIG_DFL);\n  return r;\n}"
                 % ((tag,) * 9))
    else:  # atexit
        d.append("static u64 *%sobj;" % tag)
        d.append("static void %sbye(void) { printf(\"atexit %%llu\\n\", %sobj[0] + %sobj[1]); }"
                 % (tag, tag, tag))
        d.append(ni + "static void %sreg(u64 x) {\n  u64 *p = (u64 *)malloc(2 * sizeof(u64));\n"
                 "  p[0] = x %% %d; p[1] = 5;\n  %sobj = p;\n  atexit(%sbye);\n}"
                 % (tag, k, tag, tag))
        d.append("static u64 %srun(u64 x) { %sreg(x); clobber(); return 2; }" % (tag, tag))
    return "%srun(x)" % tag
