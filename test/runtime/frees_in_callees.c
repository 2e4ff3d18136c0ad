/* Trap: an object freed by a noinline helper. Deleting the caller's frees
   is not enough when a callee frees the object: free() of a stack address
   aborts. A helper that only frees its argument (always, or on some calls)
   is a free wrapper (wrappers.c): it is inlined where the object moves, and
   its free goes with the others. A helper that also reads the block before
   freeing it, or frees the pointer inside a box, is not: those objects stay
   on the heap; the box whose inner pointer the helper frees may move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *p;
};

__attribute__((noinline)) static void my_free(void *p) { free(p); }

__attribute__((noinline)) static void maybe_free(void *p, int c) {
  if (c)
    free(p);
}

__attribute__((noinline)) static void print_and_free(char *p) {
  puts(p);
  free(p);
}

__attribute__((noinline)) static void free_inner(struct box *b) { free(b->p); }

__attribute__((noinline)) static int wrapper(int i) {
  char *p = malloc(32); /* h2s: stack */
  snprintf(p, 32, "wrapper %d", i);
  int n = (int)strlen(p);
  my_free(p);
  return n;
}

__attribute__((noinline)) static int sometimes(int i) {
  char *p = malloc(32); /* h2s: stack */
  snprintf(p, 32, "sometimes %d", i);
  int n = (int)strlen(p);
  maybe_free(p, i & 1);
  if (!(i & 1))
    free(p);
  return n;
}

__attribute__((noinline)) static int printed(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "printed %d", i);
  int n = (int)strlen(p);
  print_and_free(p);
  return n;
}

__attribute__((noinline)) static int inner(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->p = malloc(32); /* h2s: heap */
  snprintf(b->p, 32, "inner %d", i);
  int n = (int)strlen(b->p);
  free_inner(b);
  free(b);
  return n;
}

int main(void) {
  int t = 0;
  for (int i = 0; i < 10; i++)
    t = t * 3 + wrapper(i) + sometimes(i) + printed(i) + inner(i);
  printf("checksum=%d\n", t);
  return 0;
}
