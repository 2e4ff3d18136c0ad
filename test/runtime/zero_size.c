/* Edge sizes: malloc(0), calloc with a zero count or size, and malloc(1).
   Each moved object needs a slot of its own (at least one byte), so two
   live objects never share an address, as two heap objects would not. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int same(const void *a, const void *b) {
  return a == b;
}

__attribute__((noinline)) static long distance(const void *a, const void *b) {
  return (const char *)a - (const char *)b;
}

__attribute__((noinline)) static int zero(void) {
  char *p = malloc(0); /* h2s: stack */
  char *q = malloc(0); /* h2s: stack */
  int r = same(p, q) * 10 + (p == NULL) + (q == NULL) * 2;
  free(p);
  free(q);
  return r;
}

__attribute__((noinline)) static int zero_calloc(void) {
  char *p = calloc(0, 8); /* h2s: stack */
  char *q = calloc(4, 0); /* h2s: stack */
  int r = same(p, q) * 10 + (p == NULL) + (q == NULL) * 2;
  free(p);
  free(q);
  return r;
}

__attribute__((noinline)) static int one_byte(int i) {
  /* The difference of two objects (distance) converts both to integers:
     both are exposed and stay on the heap. */
  char *p = malloc(1); /* h2s: heap */
  char *q = malloc(1); /* h2s: heap */
  *p = (char)('a' + i);
  *q = 'b';
  int r = same(p, q) * 100 + (*p - *q) + (distance(p, q) == 0) * 1000;
  free(p);
  free(q);
  return r;
}

int main(void) {
  long t = 0;
  for (int i = 0; i < 5; i++)
    t = t * 7 + zero() + zero_calloc() + one_byte(i);
  printf("checksum=%ld\n", t);
  return 0;
}
