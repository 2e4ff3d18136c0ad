/* Trap (DESIGN.md "Model"): pointers carried from one iteration to the next in ways
   other than a list through a phi: an irreducible loop (entered at two
   points, so only cycle info sees it), a two-slot ring in a local array, and
   the same ring in a malloc'd array. One stack slot per allocation site
   would make the previous iteration's object the current one, so the
   per-iteration objects stay on the heap; the malloc'd ring itself moves.
   The walkers only compare pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *prev;
  const char *tag;
};

static const char *const tags[] = {"a", "b", "c"};

__attribute__((noinline)) static void fill(struct node *n, struct node *prev,
                                           int v) {
  n->prev = prev;
  n->tag = tags[v % 3];
}

/* Counts nodes, and flags a node that is its own predecessor. */
__attribute__((noinline)) static long walk(const struct node *n) {
  long s = 0;
  int k = 0;
  for (; n && k < 100; n = n->prev, k++)
    s = s * 3 + (n->tag == tags[1]) + 2 * (n->prev == n);
  return s * 1000 + k;
}

/* Irreducible: the loop can be entered at top or at mid. */
__attribute__((noinline)) static long irreducible(int n, int c) {
  struct node *prev = NULL, *p;
  long s = 0;
  int i = 0;
  if (c)
    goto mid;
top:
  p = malloc(sizeof *p); /* h2s: heap */
  fill(p, prev, i);
  prev = p;
mid:
  s += walk(prev);
  if (++i < n) {
    if (i % 3 == c)
      goto mid;
    goto top;
  }
  return s;
}

/* The previous iteration's string is read through a local array. */
__attribute__((noinline)) static long ring(int n) {
  char *r[2] = {0, 0};
  long s = 0;
  for (int i = 0; i < n; i++) {
    char *p = malloc(16); /* h2s: heap */
    snprintf(p, 16, "r%d", i);
    r[i & 1] = p;
    if (i > 0) {
      s = s * 7 + (long)strlen(r[(i - 1) & 1]) + r[(i - 1) & 1][1];
      free(r[(i - 1) & 1]);
    }
  }
  free(r[(n - 1) & 1]);
  return s;
}

/* The same ring in a malloc'd array that lives outside the loop. */
__attribute__((noinline)) static long heap_ring(int n) {
  char **r = malloc(2 * sizeof *r); /* h2s: stack */
  long s = 0;
  for (int i = 0; i < n; i++) {
    char *p = malloc(16); /* h2s: heap */
    snprintf(p, 16, "h%d", i * 3);
    r[i & 1] = p;
    if (i > 0) {
      s = s * 7 + (long)strlen(r[(i - 1) & 1]) + r[(i - 1) & 1][1];
      free(r[(i - 1) & 1]);
    }
  }
  free(r[(n - 1) & 1]);
  free(r);
  return s;
}

int main(void) {
  printf("irreducible: %ld %ld\n", irreducible(10, 0), irreducible(10, 1));
  printf("ring: %ld %ld\n", ring(10), heap_ring(10));
  return 0;
}
