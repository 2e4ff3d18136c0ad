/* Positive (issue 3): two local objects linked together, each holding a
   pointer to the other, and a noinline function that walks the links. Both
   move; neither escapes through the other. Also a pair where one object
   holds the other's address and the other holds plain numbers. */
#include <stdio.h>
#include <stdlib.h>

struct peer {
  struct peer *other;
  struct peer *self;
};

struct stats {
  long count, sum;
};

struct holder {
  struct stats *stats;
  const char *name;
};

/* Returns 1 when the two objects are properly cross-linked. */
__attribute__((noinline)) static int linked(const struct peer *a) {
  const struct peer *b = a->other;
  return b != a && b->other == a && a->self == a && b->self == b;
}

__attribute__((noinline)) static void add(struct holder *h, long v) {
  h->stats->count++;
  h->stats->sum += v;
}

__attribute__((noinline)) static long cross_linked(int i) {
  struct peer *a = malloc(sizeof *a); /* h2s: stack */
  struct peer *b = malloc(sizeof *b); /* h2s: stack */
  a->other = b;
  b->other = a;
  a->self = a;
  b->self = i % 2 ? b : a;
  long r = linked(a) * 10 + linked(b);
  free(a);
  free(b);
  return r;
}

__attribute__((noinline)) static long holding(int i) {
  struct holder *h = malloc(sizeof *h); /* h2s: stack */
  struct stats *s = calloc(1, sizeof *s); /* h2s: stack */
  h->stats = s;
  h->name = "holder";
  for (int k = 0; k <= i % 10; k++)
    add(h, k * i);
  long r = s->count * 1000 + s->sum;
  free(h);
  free(s);
  return r;
}

int main(void) {
  long total = 0;
  for (int i = 0; i < 100; i++)
    total = (total * 31 + cross_linked(i) + holding(i)) % 1000000007;
  printf("total=%ld\n", total);
  return 0;
}
