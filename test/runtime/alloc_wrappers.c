/* Allocation wrappers (issue 19): a scratch buffer from an out-of-line
   xmalloc with a counter and an error exit, freed by an xfree with a
   counter, moves to the stack, and both counters still count (the wrappers
   are inlined at the moved site); so do a zeroing wrapper and ones shaped
   like GLib's g_malloc (NULL for a zero size) and libiberty's xmalloc (a
   zero size becomes 1). Near misses, which stay on the heap: a
   wrapper that keeps the pointer (a pool, a global list), a free wrapper
   that recycles blocks into a free list, a wrapper whose side effect reads
   the pointer's value (prints it), a wrapper that may return a cached
   block instead of a fresh one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long nalloc, nfree, nbytes;

__attribute__((noinline)) void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "xmalloc: out of memory (%zu bytes)\n", n);
    exit(1);
  }
  nalloc++;
  nbytes += n;
  return p;
}

__attribute__((noinline)) void *xzalloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    abort();
  memset(p, 0, n);
  nalloc++;
  return p;
}

/* GLib's g_malloc shape: NULL for a zero size. */
__attribute__((noinline)) void *g_malloc_like(size_t n) {
  if (n == 0)
    return NULL;
  void *p = malloc(n);
  if (!p)
    abort();
  nalloc++;
  return p;
}

/* libiberty's shape: a zero size becomes 1 (a size computed in the body). */
__attribute__((noinline)) void *libiberty_xmalloc(size_t size) {
  if (size == 0)
    size = 1;
  void *p = malloc(size);
  if (!p) {
    fprintf(stderr, "out of memory allocating %zu bytes\n", size);
    exit(1);
  }
  return p;
}

__attribute__((noinline)) void xfree(void *p) {
  if (p)
    nfree++;
  free(p);
}

/* Near misses. */
static void *pool[64];
static int npool;
__attribute__((noinline)) void *pool_alloc(size_t n) {
  void *p = malloc(n);
  if (npool < 64)
    pool[npool++] = p; /* kept: freed later by pool_drain */
  return p;
}
__attribute__((noinline)) void pool_drain(void) {
  while (npool > 0)
    free(pool[--npool]);
}

struct tracked {
  struct tracked *next;
  char data[40];
};
static struct tracked *all;
__attribute__((noinline)) void *tracked_alloc(void) {
  struct tracked *t = malloc(sizeof *t);
  t->next = all; /* on a global list */
  all = t;
  return t->data;
}

static void *freelist[8];
static int nfreelist;
__attribute__((noinline)) void recycle(void *p) {
  if (nfreelist < 8)
    freelist[nfreelist++] = p; /* handed out again by reuse_alloc */
  else
    free(p);
}
__attribute__((noinline)) void *reuse_alloc(size_t n) {
  if (nfreelist > 0)
    return freelist[--nfreelist];
  return malloc(n < 32 ? 32 : n);
}

__attribute__((noinline)) void *noisy_alloc(size_t n) {
  void *p = malloc(n);
  fprintf(stderr, "noisy_alloc: %p\n", p); /* the address is an effect */
  return p;
}

static char cache[64];
static int cache_used;
__attribute__((noinline)) void *cached_alloc(size_t n) {
  if (n <= sizeof cache && !cache_used) {
    cache_used = 1;
    return cache; /* not a fresh block */
  }
  return malloc(n);
}

static int format_item(int k) {
  char *buf = xmalloc(48); /* h2s: stack */
  snprintf(buf, 48, "item %d", k);
  int r = (int)strlen(buf);
  xfree(buf);
  return r;
}

static int zeroed_counts(int k) {
  int *c = xzalloc(16 * sizeof *c); /* h2s: stack */
  for (int i = 0; i < k; i++)
    c[i % 16]++;
  int s = c[0] + 2 * c[15];
  xfree(c);
  return s;
}

static int glib_style(int k) {
  char *p = g_malloc_like(24); /* h2s: stack */
  snprintf(p, 24, "glib %d", k);
  int r = (int)strlen(p);
  xfree(p);
  return r;
}

static int libiberty_style(int k) {
  char *p = libiberty_xmalloc(40); /* h2s: stack */
  snprintf(p, 40, "libiberty %d", k);
  int r = (int)strlen(p);
  free(p);
  return r;
}

static int pooled(int k) {
  char *p = pool_alloc(32); /* h2s: heap */
  snprintf(p, 32, "pool %d", k);
  return (int)strlen(p);
}

static int listed(int k) {
  char *p = tracked_alloc(); /* h2s: heap */
  snprintf(p, 40, "list %d", k);
  return (int)strlen(p);
}

static int recycled(int k) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "recycled %d", k);
  int r = (int)strlen(p);
  recycle(p);
  char *q = reuse_alloc(32); /* h2s: heap */
  q[0] = (char)k;
  r += q[0] == (char)k;
  recycle(q);
  return r;
}

static int noisy(int k) {
  char *p = noisy_alloc(32); /* h2s: heap */
  snprintf(p, 32, "noisy %d", k);
  int r = (int)strlen(p);
  free(p);
  return r;
}

static int cached(int k) {
  char *p = cached_alloc(32); /* h2s: heap */
  snprintf(p, 32, "cached %d", k);
  int r = (int)strlen(p);
  if (p != cache)
    free(p);
  return r;
}

int main(void) {
  long s = 0;
  for (int i = 0; i < 200; i++)
    s += format_item(i) + zeroed_counts(i) + glib_style(i) +
         libiberty_style(i) + pooled(i) + listed(i) + recycled(i) + noisy(i) +
         cached(i);
  pool_drain();
  while (nfreelist > 0)
    free(freelist[--nfreelist]);
  int nlist = 0;
  while (all) {
    struct tracked *t = all;
    all = t->next;
    free(t);
    nlist++;
  }
  printf("sum %ld allocs %lu frees %lu bytes %lu listed %d\n", s, nalloc,
         nfree, nbytes, nlist);
  return 0;
}
