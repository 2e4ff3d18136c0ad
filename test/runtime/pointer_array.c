/* Positive (issue 3): an array of pointers to local objects. The array and
   the objects it points to come from distinct allocation sites; a noinline
   function reads through the array with a variable index. All move. The
   near miss: objects allocated in a loop and kept in the array across
   iterations must stay on the heap (one slot cannot hold them all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
  const char *name;
  const struct item *next;
};

static const char *const names[] = {"north", "east", "south", "west"};

/* Index of the name of items[k], or -1. */
__attribute__((noinline)) static long lookup(struct item *const *items, int k) {
  for (long i = 0; i < 4; i++)
    if (items[k]->name == names[i])
      return i;
  return -1;
}

__attribute__((noinline)) static long fixed(int x) {
  struct item **items = malloc(4 * sizeof *items); /* h2s: stack */
  struct item *a = malloc(sizeof *a); /* h2s: stack */
  struct item *b = malloc(sizeof *b); /* h2s: stack */
  struct item *c = malloc(sizeof *c); /* h2s: stack */
  struct item *d = malloc(sizeof *d); /* h2s: stack */
  a->name = names[x % 4];
  b->name = names[(x + 1) % 4];
  c->name = names[(x + 2) % 4];
  d->name = names[(x + 3) % 4];
  a->next = b;
  b->next = c;
  c->next = d;
  d->next = NULL;
  items[0] = a;
  items[1] = b;
  items[2] = c;
  items[3] = d;
  long r = 0;
  for (int k = 0; k < 4; k++)
    r = r * 5 + lookup(items, (k + x) % 4);
  long n = 0;
  for (const struct item *p = items[x % 4]; p; p = p->next)
    n++;
  free(a);
  free(b);
  free(c);
  free(d);
  free(items);
  return r * 10 + n;
}

__attribute__((noinline)) static long in_loop(int x) {
  struct item **items = malloc(4 * sizeof *items); /* h2s: stack */
  for (int k = 0; k < 4; k++) {
    items[k] = malloc(sizeof **items); /* h2s: heap */
    items[k]->name = names[(x + k) % 4];
    items[k]->next = NULL;
  }
  long r = 0;
  for (int k = 0; k < 4; k++)
    r = r * 5 + lookup(items, k);
  for (int k = 0; k < 4; k++)
    free(items[k]);
  free(items);
  return r;
}

int main(void) {
  long total = 0;
  for (int x = 0; x < 100; x++)
    total = (total * 17 + fixed(x) + in_loop(x)) % 1000000007;
  printf("total=%ld\n", total);
  return 0;
}
