/* Positive: objects initialised by a noinline helper that returns its
   argument (the `return n;` style of constructors, memset and strcpy). The
   caller frees what the helper returned, which is its own object, so the
   objects should move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point {
  long x, y;
};

__attribute__((noinline)) static struct point *point_init(struct point *p,
                                                          long x, long y) {
  p->x = x;
  p->y = y;
  return p;
}

__attribute__((noinline)) static char *label_init(char *s, int i) {
  snprintf(s, 24, "label %d", i);
  return s;
}

__attribute__((noinline)) static long use(int i) {
  struct point *p = point_init(malloc(sizeof(struct point)), i, 2 * i); /* h2s: stack */
  char *s = label_init(malloc(24), i); /* h2s: stack */
  long r = p->x * 3 + p->y + (long)strlen(s);
  free(p);
  free(s);
  return r;
}

int main(void) {
  long total = 0;
  for (int i = 0; i < 100; i++)
    total += use(i);
  printf("total=%ld\n", total);
  return 0;
}
