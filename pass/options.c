/* options.c: heap2stack's options, parsed from pipeline text
 * (`heap2stack<max-size=4096>`) and from -heap2stack-options. Bad input gets
 * one line saying what is wrong, never a crash. */
#include "h2s.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void h2s_options_default(h2s_options *o) {
  memset(o, 0, sizeof *o);
  /* C stacks do not grow (Go's 64 KiB objects assume they do). A path may
   * gain at most a quarter of a 128 KiB thread stack (musl's default), and
   * one object at most half of that: BENCHMARKS.md found moving 16 KB
   * buffers gains little against the work done on them. */
  o->max_size = 16384;
  o->max_function_bytes = 32768;
  o->max_path_bytes = 32768;
  /* A frame of a recursive function multiplies by the depth: nothing moves
   * on a cycle the pass sees. A function that may recurse only through
   * code it cannot see (nearly every function calling another translation
   * unit) gets two cache lines, room for the small buffer; well under
   * LLVM's own 1 KiB for allocas inlined into recursive callers. */
  o->max_size_recursive = 0;
  o->max_size_may_recurse = 128;
  o->small_buffer = 32; /* Go 1.25's small variable-size buffer */
  o->unseen_recursion = 1; /* code outside the module may call back */
  /* growinline.c: helpers of a few hundred instructions (strbuf's
   * sb_quoted, a vector's push) are copied into the function whose growth
   * buffer they grow; LLVM's own inliner stops near this size too. */
  o->grow_inline = 300;
}

/* A non-negative decimal integer that fits in 63 bits, nothing else. */
static int parse_u64(const char *s, size_t len, uint64_t *out) {
  if (len == 0 || len > 19)
    return -1;
  uint64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  if (v > (uint64_t)INT64_MAX)
    return -1;
  *out = v;
  return 0;
}

/* A small argument index: 0..15. */
static int parse_index(const char *s, size_t len, int *out) {
  uint64_t v;
  if (parse_u64(s, len, &v) != 0 || v > 15)
    return -1;
  *out = (int)v;
  return 0;
}

static int copy_name(char *dst, const char *s, size_t len) {
  if (len == 0 || len >= H2S_MAX_NAME)
    return -1;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (!(c == '_' || c == '.' || c == '$' || (c >= '0' && c <= '9') ||
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      return -1;
  }
  memcpy(dst, s, len);
  dst[len] = 0;
  return 0;
}

/* alloc=NAME:size=I[:count=I][:zeroed][:align=N][:free=FREE[:ptr=I]].
 * Colons, not commas: pipeline text splits passes at commas. ptr=I names
 * the argument of FREE that is the block (arena_free(arena, p): ptr=1). */
static int parse_alloc(h2s_options *o, const char *v, size_t vlen, char *err,
                       size_t errlen) {
  if (o->nallocs == H2S_MAX_USER_ALLOCS) {
    snprintf(err, errlen, "too many alloc= options (at most %d)",
             H2S_MAX_USER_ALLOCS);
    return -1;
  }
  h2s_user_alloc a;
  memset(&a, 0, sizeof a);
  a.size_arg = a.count_arg = -1;
  const char *p = v, *end = v + vlen;
  int first = 1, has_ptr = 0;
  while (p < end) {
    const char *comma = memchr(p, ':', (size_t)(end - p));
    size_t len = comma ? (size_t)(comma - p) : (size_t)(end - p);
    const char *eq = memchr(p, '=', len);
    size_t klen = eq ? (size_t)(eq - p) : len;
    const char *val = eq ? eq + 1 : NULL;
    size_t valn = eq ? len - klen - 1 : 0;
    int bad = 0;
    if (first) {
      bad = eq || copy_name(a.name, p, len) != 0;
    } else if (klen == 4 && memcmp(p, "size", 4) == 0) {
      bad = !val || parse_index(val, valn, &a.size_arg) != 0;
    } else if (klen == 5 && memcmp(p, "count", 5) == 0) {
      bad = !val || parse_index(val, valn, &a.count_arg) != 0;
    } else if (klen == 6 && memcmp(p, "zeroed", 6) == 0 && !val) {
      a.zeroed = 1;
    } else if (klen == 5 && memcmp(p, "align", 5) == 0) {
      uint64_t al = 0;
      bad = !val || parse_u64(val, valn, &al) != 0 || al == 0 ||
            (al & (al - 1)) != 0 || al > 4096;
      a.align = (unsigned)al;
    } else if (klen == 4 && memcmp(p, "free", 4) == 0) {
      bad = !val || copy_name(a.free_fn, val, valn) != 0;
    } else if (klen == 3 && memcmp(p, "ptr", 3) == 0) {
      bad = !val || parse_index(val, valn, &a.free_ptr) != 0;
      has_ptr = 1;
    } else {
      bad = 1;
    }
    if (bad) {
      snprintf(err, errlen,
               "invalid allocator spec '%.*s' at '%.*s': expected "
               "alloc=NAME:size=I[:count=I][:zeroed][:align=N][:free=FREE[:ptr=I]]",
               (int)vlen, v, (int)len, p);
      return -1;
    }
    first = 0;
    p += len;
    if (p < end)
      p++; /* the colon */
  }
  if (a.size_arg < 0) {
    snprintf(err, errlen, "allocator spec '%.*s' needs size=I (the size "
             "argument's index)", (int)vlen, v);
    return -1;
  }
  if (has_ptr && !a.free_fn[0]) {
    snprintf(err, errlen, "allocator spec '%.*s' has ptr=I but no free=FREE "
             "(ptr=I is the freed argument of FREE)", (int)vlen, v);
    return -1;
  }
  if (a.align == 0)
    a.align = 16;
  o->allocs[o->nallocs++] = a;
  return 0;
}

int h2s_options_parse(h2s_options *o, const char *text, char *err,
                      size_t errlen) {
  h2s_options r = *o;
  const char *p = text ? text : "";
  while (*p) {
    const char *end = strchr(p, ';');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    const char *eq = memchr(p, '=', len);
    if (len == 0) {
      snprintf(err, errlen, "empty option in '%s'", text);
      return -1;
    }
    if (!eq) {
      snprintf(err, errlen, "option '%.*s' needs a value (key=value)",
               (int)len, p);
      return -1;
    }
    size_t klen = (size_t)(eq - p);
    const char *val = eq + 1;
    size_t vlen = len - klen - 1;
    uint64_t *num = NULL;
    if (klen == 8 && memcmp(p, "max-size", 8) == 0)
      num = &r.max_size;
    else if (klen == 18 && memcmp(p, "max-function-bytes", 18) == 0)
      num = &r.max_function_bytes;
    else if (klen == 18 && memcmp(p, "max-size-recursive", 18) == 0)
      num = &r.max_size_recursive;
    else if (klen == 20 && memcmp(p, "max-size-may-recurse", 20) == 0)
      num = &r.max_size_may_recurse;
    else if (klen == 14 && memcmp(p, "max-path-bytes", 14) == 0)
      num = &r.max_path_bytes;
    else if (klen == 12 && memcmp(p, "small-buffer", 12) == 0)
      num = &r.small_buffer;
    else if (klen == 16 && memcmp(p, "unseen-recursion", 16) == 0)
      num = &r.unseen_recursion;
    else if (klen == 11 && memcmp(p, "grow-inline", 11) == 0)
      num = &r.grow_inline;
    if (num) {
      if (parse_u64(val, vlen, num) != 0 ||
          (num == &r.unseen_recursion && *num > 1) ||
          (num == &r.grow_inline && *num > H2S_MAX_GROW_INLINE)) {
        snprintf(err, errlen, "invalid %.*s '%.*s': expected %s", (int)klen,
                 p, (int)vlen, val,
                 num == &r.unseen_recursion ? "0 or 1"
                 : num == &r.grow_inline
                     ? "a number of instructions from 0 (off) to 10000"
                     : "a number of bytes");
        return -1;
      }
    } else if (klen == 5 && memcmp(p, "alloc", 5) == 0) {
      if (parse_alloc(&r, val, vlen, err, errlen) != 0)
        return -1;
    } else {
      snprintf(err, errlen,
               "unknown option '%.*s' (known: max-size, max-function-bytes, "
               "max-path-bytes, max-size-recursive, max-size-may-recurse, small-buffer, unseen-recursion, grow-inline, alloc)",
               (int)klen, p);
      return -1;
    }
    p += len;
    if (*p == ';')
      p++;
  }
  *o = r;
  return 0;
}

int h2s_options_format(const h2s_options *o, char *buf, size_t cap) {
  h2s_options d;
  h2s_options_default(&d);
  size_t len = 0;
  int n;
  buf[0] = 0;
#define PUT(...)                                                               \
  do {                                                                         \
    n = snprintf(buf + len, cap - len, __VA_ARGS__);                           \
    if (n < 0 || (size_t)n >= cap - len)                                       \
      return -1;                                                               \
    len += (size_t)n;                                                          \
  } while (0)
  /* Only what differs from the defaults: a default pass prints as plain
   * heap2stack. */
  if (o->max_size != d.max_size)
    PUT("%smax-size=%llu", len ? ";" : "", (unsigned long long)o->max_size);
  if (o->max_function_bytes != d.max_function_bytes)
    PUT("%smax-function-bytes=%llu", len ? ";" : "",
        (unsigned long long)o->max_function_bytes);
  if (o->max_path_bytes != d.max_path_bytes)
    PUT("%smax-path-bytes=%llu", len ? ";" : "",
        (unsigned long long)o->max_path_bytes);
  if (o->max_size_recursive != d.max_size_recursive)
    PUT("%smax-size-recursive=%llu", len ? ";" : "",
        (unsigned long long)o->max_size_recursive);
  if (o->max_size_may_recurse != d.max_size_may_recurse)
    PUT("%smax-size-may-recurse=%llu", len ? ";" : "",
        (unsigned long long)o->max_size_may_recurse);
  if (o->small_buffer != d.small_buffer)
    PUT("%ssmall-buffer=%llu", len ? ";" : "",
        (unsigned long long)o->small_buffer);
  if (o->unseen_recursion != d.unseen_recursion)
    PUT("%sunseen-recursion=%llu", len ? ";" : "",
        (unsigned long long)o->unseen_recursion);
  if (o->grow_inline != d.grow_inline)
    PUT("%sgrow-inline=%llu", len ? ";" : "",
        (unsigned long long)o->grow_inline);
  for (int i = 0; i < o->nallocs; i++) {
    const h2s_user_alloc *a = &o->allocs[i];
    PUT("%salloc=%s:size=%d", len ? ";" : "", a->name, a->size_arg);
    if (a->count_arg >= 0)
      PUT(":count=%d", a->count_arg);
    if (a->zeroed)
      PUT(":zeroed");
    PUT(":align=%u", a->align);
    if (a->free_fn[0])
      PUT(":free=%s", a->free_fn);
    if (a->free_fn[0] && a->free_ptr)
      PUT(":ptr=%d", a->free_ptr);
  }
#undef PUT
  return 0;
}
