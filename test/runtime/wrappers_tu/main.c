/* Allocation wrappers across translation units (issue 19): xmalloc and
   xfree are defined in xalloc.c. Compiled per file, their bodies are not
   visible and the scratch buffer stays on the heap (a Missed remark says
   why); under full LTO the wrapper is seen through and inlined at the
   moved site, and the counters still count. The pooled block stays on the
   heap in every build. */
#include <stdio.h>
#include <string.h>

void *xmalloc(size_t n);
void xfree(void *p);
void *pool_alloc(size_t n);
void pool_drain(void);
extern unsigned long xalloc_count, xfree_count;

__attribute__((noinline)) static int scratch(int k) {
  char *buf = xmalloc(64);
  snprintf(buf, 64, "scratch %d", k);
  int r = (int)strlen(buf);
  xfree(buf);
  return r;
}

__attribute__((noinline)) static int pooled(int k) {
  char *p = pool_alloc(32);
  snprintf(p, 32, "pool %d", k);
  return (int)strlen(p);
}

int main(void) {
  long s = 0;
  for (int i = 0; i < 1000; i++) {
    s += scratch(i) + pooled(i);
    if (i % 16 == 15)
      pool_drain();
  }
  pool_drain();
  printf("sum %ld allocs %lu frees %lu\n", s, xalloc_count, xfree_count);
  return 0;
}
