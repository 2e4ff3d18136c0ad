/* Trap (DESIGN.md "Traps"): free(c ? p : other). The free may receive p or another
   object, so it cannot simply be deleted when p moves; p stays on the heap.
   Same for a free of a phi that merges p with an object of unknown origin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *pool[8];

__attribute__((noinline)) static char *take_pooled(int i) {
  char *s = pool[i];
  pool[i] = NULL;
  return s;
}

__attribute__((noinline)) static unsigned select_free(int i) {
  char *p = malloc(24); /* h2s: heap */
  snprintf(p, 24, "scratch %d", i);
  char *other = take_pooled(i);
  unsigned h = (unsigned)strlen(p) * 100 + (unsigned)strlen(other);
  int c = i & 1;
  free(c ? p : other);
  /* The one that was not freed above is freed here. */
  free(c ? other : p);
  return h;
}

__attribute__((noinline)) static unsigned phi_free(int i) {
  char *p = malloc(24); /* h2s: heap */
  snprintf(p, 24, "phi %d", i);
  unsigned h = (unsigned)strlen(p);
  char *victim;
  char *spare;
  if (i % 3 == 0) {
    victim = p;
    spare = take_pooled(i);
  } else {
    victim = take_pooled(i);
    spare = p;
  }
  free(victim);
  free(spare);
  return h;
}

int main(void) {
  unsigned sum = 0;
  for (int i = 0; i < 8; i++) {
    pool[i] = malloc(40);
    snprintf(pool[i], 40, "pooled string number %d", i);
  }
  for (int i = 0; i < 4; i++)
    sum = sum * 7 + select_free(i);
  for (int i = 0; i < 8; i++) {
    pool[i] = malloc(40);
    snprintf(pool[i], 40, "again %d", i * i);
  }
  for (int i = 0; i < 8; i++)
    sum = sum * 7 + phi_free(i);
  printf("checksum=%u\n", sum);
  return 0;
}
