/* Helpers in their own translation unit: only the link-time run over the
   merged module sees their bodies. */
#include <stdlib.h>

struct item {
  long key;
  long weight;
};

static struct item *kept;

/* Only reads: LLVM's own attributes already say so. */
__attribute__((noinline)) long total_weight(const struct item *a, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += a[i].key * a[i].weight;
  return s;
}

/* *out = p: LLVM's attributes only say that p is captured; the summary says
   it goes to what out points to. */
__attribute__((noinline)) void put(struct item **out, struct item *p) {
  *out = p;
}

/* Keeps the object. */
__attribute__((noinline)) void keep(struct item *p) { kept = p; }

long kept_key(void) { return kept ? kept->key : -1; }
