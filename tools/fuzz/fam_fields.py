"""fam_fields.py: the `fields` construct family for gen.py.

Field-sensitive objects (issue 16) trust that a load of a field which never
received a pointer carries no pointer. Each fragment builds an array of
records that link into the array itself (a ring through `next`, `prev`
pointing back) beside integer fields, and a helper reads one value out of
the array through a *channel*. Integer channels read an integer field (the
array may move to the stack). Pointer channels read the bytes of a pointer
field as an integer (a memcpy of the field, two 32-bit halves, a byte loop
over the record, a runtime offset, a copy of the whole record, an integer
field overlapping a union's pointer, an integer field into which the
pointer's bytes were stored, at a constant or a runtime offset): the helper's caller returns that
integer without freeing the array, and a later function rebuilds the pointer,
reads the records and frees them. A promoted array is then a use after
return. Everything is defined behaviour: pointer bytes are read with memcpy
or unsigned char, and converting an exposed address back is PNVI-ae.
"""

INT_CHANNELS = ["count", "count_copy", "count_var", "count_stride", "tag_union"]
PTR_CHANNELS = ["memcpy_field", "halves", "bytes", "var_off", "copy_rec", "union_int",
                "tag_holds_ptr", "store_var_off"]


def make(r, tag, frag):
    frag.includes |= {"stddef.h", "stdint.h", "stdio.h", "stdlib.h", "string.h"}
    d = frag.decls
    ptr = r.random() < 0.5
    chan = r.choice(PTR_CHANNELS if ptr else INT_CHANNELS)
    m = r.randrange(2, 41)
    layout = r.choice(["count_first", "count_last", "count_middle"])
    ni = r.choice(["__attribute__((noinline)) ", "__attribute__((noinline)) ", "static inline "])
    d.append("/* fields fragment: channel %s, %d records, layout %s */" % (chan, m, layout))
    fields = {"count_first": ["int count;", "struct %srec *next, *prev;" % tag, "u64 tag;"],
              "count_last": ["struct %srec *next;" % tag, "u64 tag;", "struct %srec *prev;" % tag,
                             "int count;"],
              "count_middle": ["struct %srec *next;" % tag, "int count;", "short small;",
                               "struct %srec *prev;" % tag, "u64 tag;"]}[layout]
    if chan in ("tag_union", "union_int"):
        fields.append("union { struct %srec *link; u64 bits; } u;" % tag)
    d.append("struct %srec { %s };" % (tag, " ".join(fields)))
    d.append("static volatile size_t %soff = offsetof(struct %srec, next);" % (tag, tag))
    d.append("static volatile int %sidx;" % tag)
    d.append("static volatile size_t %stagoff = offsetof(struct %srec, tag);" % (tag, tag))
    k = r.randrange(0, m)  # the record the helper reads
    last = m - 1            # its next points at the first record
    # The helper: reads one u64 out of the array `a` of m records.
    if chan == "count":
        body = "return (u64)a[%d].count;" % k
    elif chan == "count_copy":
        body = "struct %srec t = a[%d];\n  return (u64)t.count + t.tag;" % (tag, k)
    elif chan == "count_var":
        body = "int i = %sidx %% %d;\n  return (u64)a[i].count * 3 + a[i].tag;" % (tag, m)
    elif chan == "count_stride":
        body = "u64 s = 0;\n  for (int i = 0; i < %d; i++) s = s * 5 + (u64)a[i].count;\n  return s;" % m
    elif chan == "tag_union":
        body = "return a[%d].u.bits & 0xff;" % k  # the integer member was the one written
    elif chan == "memcpy_field":
        body = "u64 v;\n  memcpy(&v, &a[%d].next, sizeof v);\n  return v;" % last
    elif chan == "halves":
        body = ("uint32_t lo, hi;\n  memcpy(&lo, (char *)&a[%d] + offsetof(struct %srec, next), 4);\n"
                "  memcpy(&hi, (char *)&a[%d] + offsetof(struct %srec, next) + 4, 4);\n"
                "  return ((u64)hi << 32) | lo;" % (last, tag, last, tag))
    elif chan == "bytes":
        body = ("const unsigned char *c = (const unsigned char *)&a[%d];\n  u64 v = 0;\n"
                "  for (size_t i = 0; i < sizeof a[0]; i++)\n"
                "    if (i >= offsetof(struct %srec, next) && i < offsetof(struct %srec, next) + 8)\n"
                "      v |= (u64)c[i] << (8 * (i - offsetof(struct %srec, next)));\n  return v;"
                % (last, tag, tag, tag))
    elif chan == "var_off":
        body = "u64 v;\n  memcpy(&v, (char *)&a[%d] + %soff, sizeof v);\n  return v;" % (last, tag)
    elif chan == "copy_rec":
        body = ("struct %srec t;\n  memcpy(&t, &a[%d], sizeof t);\n  u64 v;\n"
                "  memcpy(&v, &t.next, sizeof v);\n  return v;" % (tag, last))
    elif chan in ("tag_holds_ptr", "store_var_off"):
        # make() put the first record's address into the integer field
        body = "return a[%d].tag;" % last
    else:  # union_int: the pointer member was written, the integer one is read
        body = "return a[%d].u.bits;" % last
    d.append("%sstatic u64 %speek(struct %srec *a) {\n  %s\n}" % (ni, tag, tag, body))
    setu = ""
    if chan == "tag_union":
        setu = " a[i].u.bits = x + (u64)i;"
    elif chan == "union_int":
        setu = " a[i].u.link = &a[(i + 1) %% %d];" % m
    elif chan == "tag_holds_ptr":
        # the pointer's bytes stored into an integer field
        setu = "\n    if (i == %d) { struct %srec *f = &a[0]; memcpy(&a[i].tag, &f, sizeof f); }" % (last, tag)
    elif chan == "store_var_off":
        # ... at an offset known only at run time
        setu = ("\n    if (i == %d) { struct %srec *f = &a[0]; memcpy((char *)&a[i] + %stagoff, &f, sizeof f); }"
                % (last, tag, tag))
    d.append("__attribute__((noinline)) static u64 %smake(u64 x, int keep) {\n"
             "  struct %srec *a = (struct %srec *)malloc(%d * sizeof *a);\n  if (!a) return 0;\n"
             "  for (int i = 0; i < %d; i++) {\n"
             "    a[i].count = (int)((x + (u64)i * 7) %% 1000); a[i].tag = x ^ (u64)i;\n"
             "    a[i].next = &a[(i + 1) %% %d]; a[i].prev = &a[(i + %d) %% %d];%s\n  }\n"
             "  u64 v = %speek(a);\n"
             "  if (!keep) { free(a); return v %% 100003; }\n"
             "  return v;\n}"
             % (tag, tag, tag, m, m, m, m - 1, m, setu, tag))
    if ptr:
        # the value is the address of the first record: rebuild, read, free
        d.append("__attribute__((noinline)) static u64 %suse(u64 v) {\n"
                 "  struct %srec *q = (struct %srec *)(uintptr_t)v;\n  u64 s = 0;\n"
                 "  for (int i = 0; i < %d; i++) s = s * 3 + (u64)q[i].count + (q[i].next == &q[(i + 1) %% %d]);\n"
                 "  free(q);\n  return s;\n}" % (tag, tag, tag, m, m))
        d.append("static u64 %srun(u64 x) {\n  u64 v = %smake(x, 1);\n  clobber();\n"
                 "  return %suse(v);\n}" % (tag, tag, tag))
    else:
        d.append("static u64 %srun(u64 x) {\n  %sidx = (int)(x %% 7);\n  u64 s = %smake(x, 0);\n"
                 "  clobber();\n  return s + %smake(x + 1, 0);\n}" % (tag, tag, tag, tag))
    return "%srun(x)" % tag
