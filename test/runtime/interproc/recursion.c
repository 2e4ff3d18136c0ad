/* Recursion through helpers: mutually recursive noinline functions that
   walk an object handed down the recursion (it may move: nothing in the
   cycle keeps it), one that publishes it at the bottom (it stays), and a
   list linked down a recursion whose nodes only live as long as their
   frames (small: they may move, under the recursive limit). */
#include <stdio.h>
#include <stdlib.h>

struct counter {
  long even, odd;
};

static struct counter *last;

__attribute__((noinline)) static void count_odd(struct counter *c, int n);

__attribute__((noinline)) static void count_even(struct counter *c, int n) {
  c->even++;
  if (n > 0)
    count_odd(c, n - 1);
}

__attribute__((noinline)) static void count_odd(struct counter *c, int n) {
  c->odd++;
  if (n > 0)
    count_even(c, n - 1);
}

__attribute__((noinline)) static void keep_odd(struct counter *c, int n);

__attribute__((noinline)) static void keep_even(struct counter *c, int n) {
  c->even += n;
  if (n > 0)
    keep_odd(c, n - 1);
  else
    last = c; /* published at the bottom of the recursion */
}

__attribute__((noinline)) static void keep_odd(struct counter *c, int n) {
  c->odd += n;
  if (n > 0)
    keep_even(c, n - 1);
  else
    last = c;
}

struct link {
  const struct link *up;
  int depth;
};

/* Each level's node points to its caller's; the bottom walks the chain.
   (It counts the links rather than summing the depths: fields are not told
   apart, so an integer loaded from a node might be part of its pointer.) */
__attribute__((noinline)) static long chain(const struct link *up, int n) {
  struct link *node = malloc(sizeof *node); /* h2s: heap (recursive: max-size-recursive is 0) */
  node->up = up;
  node->depth = n;
  long r = 0;
  if (n > 0) {
    r = chain(node, n - 1);
  } else {
    for (const struct link *l = node; l; l = l->up)
      r++;
  }
  free(node);
  return r;
}

static long walked(int n) {
  struct counter *c = calloc(1, sizeof *c); /* h2s: stack */
  count_even(c, n);
  long r = c->even * 1000 + c->odd;
  free(c);
  return r;
}

static long published(int n) {
  struct counter *old = last;
  struct counter *c = calloc(1, sizeof *c); /* h2s: heap */
  keep_even(c, n);
  free(old);
  return last->even * 1000 + last->odd;
}

int main(void) {
  long total = 0;
  for (int i = 0; i < 50; i++) {
    total += walked(i);
    total += published(i);
    total += chain(NULL, i);
  }
  printf("total %ld last %ld/%ld\n", total, last->even, last->odd);
  free(last);
  return 0;
}
