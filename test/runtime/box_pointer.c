/* Positive (issue 3): a box holding a pointer to another local object. The
   box is passed by address to noinline functions that fill and read the
   inner buffer through it, and the inner buffer is freed through the box
   (free(box->buf)). Both move. Also a box whose pointer is replaced by a
   second local buffer halfway. The
   box holds only pointers to local objects: see box_fields.c for a box with
   an integer field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *buf;
  struct box *spare; /* a second pointer field, not used by the functions */
};

__attribute__((noinline)) static void fill(struct box *b, int i) {
  snprintf(b->buf, 16, "box:%d:%d", i, i * 7);
}

__attribute__((noinline)) static size_t measure(const struct box *b) {
  return strlen(b->buf);
}

__attribute__((noinline)) static size_t simple(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->buf = malloc(32); /* h2s: stack */
  b->spare = NULL;
  fill(b, i);
  size_t n = measure(b);
  free(b->buf);
  free(b);
  return n;
}

__attribute__((noinline)) static size_t swapped(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  char *first = malloc(32); /* h2s: stack */
  char *second = malloc(16); /* h2s: stack */
  b->buf = first;
  b->spare = NULL;
  fill(b, i);
  size_t n = measure(b);
  b->buf = second;
  fill(b, i * 3);
  n = n * 100 + measure(b);
  n = n * 100 + strlen(first);
  /* Field-insensitive: b->buf may be first or second here, so the frees
     name the buffers directly. */
  free(first);
  free(second);
  free(b);
  return n;
}

int main(void) {
  size_t total = 0;
  for (int i = 0; i < 200; i++)
    total = (total * 13 + simple(i) + swapped(i)) % 1000000007;
  printf("total=%zu\n", total);
  return 0;
}
