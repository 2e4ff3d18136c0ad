/* The allocation wrappers of wrappers_tu (see main.c), in a file of their
   own: an xmalloc that counts and exits when malloc fails, an xfree that
   counts, and a pool allocator that keeps its blocks (not a wrapper). */
#include <stdio.h>
#include <stdlib.h>

/* Out of line by default; -DWRAPPER= lets ThinLTO import them. */
#ifndef WRAPPER
#define WRAPPER __attribute__((noinline))
#endif

unsigned long xalloc_count, xfree_count;

WRAPPER void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "xmalloc: out of memory (%zu bytes)\n", n);
    exit(1);
  }
  xalloc_count++;
  return p;
}

WRAPPER void xfree(void *p) {
  if (p)
    xfree_count++;
  free(p);
}

static void *pool[16];
static int npool;

__attribute__((noinline)) void *pool_alloc(size_t n) {
  void *p = malloc(n);
  if (npool < 16)
    pool[npool++] = p;
  return p;
}

__attribute__((noinline)) void pool_drain(void) {
  while (npool > 0)
    free(pool[--npool]);
}
