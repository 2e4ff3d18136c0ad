/* build.c: a builder that returns its buffer (Go 1.26's move2heap shape).
 * Each call renders a short key=value record into a string that starts
 * empty and doubles with realloc from NULL (1, 2, 4, ... bytes: log2(n)
 * allocations), and returns it; the caller hashes and frees it. With
 * growth buffers (issue 17) the string is built in a 32-byte stack buffer
 * and copied into one heap block at the return: one allocation per call.
 * The hand-written version renders into a local array and makes that one
 * right-sized allocation itself. */
#define BENCH_ITERS 2000000
#include "../bench.h"
#include <string.h>

struct out {
  char *data;
  size_t len, cap;
};

static void put(struct out *o, char c) {
#ifndef BENCH_HAND
  if (o->len == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 1;
    char *b = realloc(o->data, o->cap);
    if (!b)
      abort();
    o->data = b;
  }
#endif
  o->data[o->len++] = c;
}

static void put_uint(struct out *o, unsigned long v) {
  char d[24];
  int n = 0;
  do
    d[n++] = (char)('0' + v % 10);
  while (v /= 10);
  while (n)
    put(o, d[--n]);
}

static void setup(void) {}

__attribute__((noinline)) static char *render(uint64_t i) {
#ifdef BENCH_HAND
  char space[64];
  struct out o = {space, 0, sizeof space};
#else
  struct out o = {NULL, 0, 0};
#endif
  put(&o, 'k');
  put(&o, '=');
  put_uint(&o, (unsigned long)(i % 100000));
  put(&o, ';');
  put(&o, 'v');
  put(&o, '=');
  put_uint(&o, (unsigned long)(i * 7 % 1000));
  put(&o, 0);
#ifdef BENCH_HAND
  char *r = malloc(o.len);
  if (!r)
    abort();
  memcpy(r, o.data, o.len);
  return r;
#else
  return o.data;
#endif
}

uint64_t op(uint64_t i) {
  char *s = render(i);
  uint64_t h = 1469598103934665603u;
  for (const char *p = s; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211u;
  free(s);
  return h;
}
