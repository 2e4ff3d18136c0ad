"""fam_cxx.py: the `cxx` construct family for gen.py (C++ programs only).

C++ ways for an object to outlive the function that allocated it, or to be
reached again through something the pass may not model. Shapes:

  throw_ptr     the pointer travels in an exception object to the caller,
                which reads and deletes it
  function      a lambda capturing the pointer is stored in a global
                std::function and called later
  release       a unique_ptr<u64[]> hands its array to a global with
                release(); a later function deletes it
  deleter       a unique_ptr with a deleter that keeps the object on a
                global free list for the next user
  vector_keep   a lambda given to std::sort keeps one element's address
                as an integer; the vector's buffer is read back after the
                function returned (through a heap-allocated vector that
                stays alive)
  exception_rethrow  an object promoted in a frame that an exception passes
                through (its delete is on the unwind path)
"""


def make(r, tag, frag):
    shape = r.choice(["throw_ptr", "function", "release", "deleter", "vector_keep",
                      "exception_rethrow"])
    frag.includes |= {"functional", "memory", "algorithm", "vector", "cstdint"}
    d = frag.decls
    d.append("/* cxx fragment: %s */" % shape)
    ni = "__attribute__((noinline)) "
    k = r.randrange(3, 40)
    n = r.choice([2, 4, 8])
    fill = "for (int i = 0; i < %d; i++) p[i] = x * %d + (u64)i;" % (n, k)
    if shape == "throw_ptr":
        d.append("struct %sbox { u64 *p; int tag; };" % tag)
        d.append(ni + "static void %sthrower(u64 *p) { throw %sbox{p, 1}; }" % (tag, tag))
        d.append(ni + "static u64 %smake(u64 x) {\n  u64 *p = new u64[%d];\n  %s\n"
                 "  if (x != 12345678ULL) %sthrower(p);\n  u64 s = p[0];\n  delete[] p;\n"
                 "  return s;\n}" % (tag, n, fill, tag))
        d.append("static u64 %srun(u64 x) {\n  try {\n    return %smake(x);\n"
                 "  } catch (const %sbox &b) {\n    clobber();\n    u64 s = b.p[%d] + b.tag;\n"
                 "    delete[] b.p;\n    return s;\n  }\n}" % (tag, tag, tag, n - 1))
    elif shape == "function":
        d.append("static std::function<u64(void)> %sfn;" % tag)
        d.append(ni + "static void %smake(u64 x) {\n  u64 *p = new u64[%d];\n  %s\n"
                 "  %sfn = [p]() { u64 s = p[%d]; delete[] p; return s; };\n}"
                 % (tag, n, fill, tag, n - 1))
        d.append("static u64 %srun(u64 x) {\n  %smake(x);\n  clobber();\n"
                 "  u64 s = %sfn();\n  %sfn = nullptr;\n  return s;\n}" % (tag, tag, tag, tag))
    elif shape == "release":
        d.append("static u64 *%skept;" % tag)
        d.append(ni + "static u64 %smake(u64 x) {\n  std::unique_ptr<u64[]> p(new u64[%d]);\n"
                 "  for (int i = 0; i < %d; i++) p[i] = x * %d + (u64)i;\n  u64 s = p[0];\n"
                 "  if (x %% 3 != 7) %skept = p.release();\n  return s;\n}"
                 % (tag, n, n, k, tag))
        d.append("static u64 %srun(u64 x) {\n  u64 a = %smake(x);\n  clobber();\n"
                 "  u64 s = %skept[%d];\n  delete[] %skept;\n  return a + s;\n}"
                 % (tag, tag, tag, n - 1, tag))
    elif shape == "deleter":
        d.append("static u64 *%spool[4];" % tag)
        d.append("static int %snpool;" % tag)
        d.append("struct %skeep { void operator()(u64 *p) const { if (%snpool < 4) %spool[%snpool++] = p;"
                 " else delete[] p; } };" % (tag, tag, tag, tag))
        d.append(ni + "static u64 %smake(u64 x) {\n  std::unique_ptr<u64[], %skeep> p(new u64[%d]);\n"
                 "  for (int i = 0; i < %d; i++) p[i] = x * %d + (u64)i;\n  return p[1];\n}"
                 % (tag, tag, n, n, k))
        d.append("static u64 %srun(u64 x) {\n  u64 a = %smake(x);\n  clobber();\n  u64 s = 0;\n"
                 "  while (%snpool) { u64 *q = %spool[--%snpool]; s = s * 31 + q[%d]; delete[] q; }\n"
                 "  return a + s;\n}" % (tag, tag, tag, tag, tag, n - 1))
    elif shape == "vector_keep":
        d.append("static uintptr_t %saddr;" % tag)
        d.append("static std::vector<u64> *%svec;" % tag)
        d.append(ni + "static void %smake(u64 x) {\n  u64 *p = new u64[%d];\n  %s\n"
                 "  std::vector<u64> *v = new std::vector<u64>(p, p + %d);\n  delete[] p;\n"
                 "  std::sort(v->begin(), v->end(), [](const u64 &a, const u64 &b) {\n"
                 "    if (!%saddr) %saddr = (uintptr_t)&a;\n    return a > b; });\n"
                 "  %svec = v;\n}" % (tag, n, fill, n, tag, tag, tag))
        d.append("static u64 %srun(u64 x) {\n  %saddr = 0;\n  %smake(x);\n  clobber();\n"
                 "  u64 s = (*%svec)[0] + (%saddr ? 1 : 0);\n  delete %svec;\n  return s;\n}"
                 % (tag, tag, tag, tag, tag, tag))
    else:  # exception_rethrow
        d.append(ni + "static void %sfail(u64 v) { if (v %% 2 == 0 || v %% 2 == 1) throw (int)(v %% 100); }"
                 % tag)
        d.append(ni + "static u64 %smid(u64 x) {\n  std::unique_ptr<u64[]> p(new u64[%d]);\n"
                 "  for (int i = 0; i < %d; i++) p[i] = x + (u64)i;\n  %sfail(p[%d]);\n"
                 "  return p[0];\n}" % (tag, n, n, tag, n - 1))
        d.append("static u64 %srun(u64 x) {\n  try { return %smid(x); } catch (int e) { clobber(); return (u64)e + 1; }\n}"
                 % (tag, tag))
    return "%srun(x)" % tag
