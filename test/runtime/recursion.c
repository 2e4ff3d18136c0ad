/* Trap (DESIGN.md "Traps"): recursion. Every level of a recursive function has its
   own object, linked to its caller's; promoted objects multiply by the
   recursion depth, so only small ones may move there (a 4 KiB object per
   level at depth 4000 would need 16 MiB of stack and crash). Mutual
   recursion (a call cycle of two functions) is covered too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct level {
  const struct level *parent;
  const char *name;
};

static const char *const names[] = {"zero", "one", "two", "three", "four"};

/* Each level links a small object to its caller's; the leaf walks the
   chain, so every level's object must be distinct and alive. The walk only
   compares pointers (see chain_values for why). */
__attribute__((noinline)) static long chain(int n, const struct level *parent) {
  struct level *l = malloc(sizeof *l); /* moves when max-size-recursive >= 16 */
  l->parent = parent;
  l->name = names[n % 5];
  long r;
  if (n == 0) {
    r = 0;
    int k = 0;
    for (const struct level *p = l; p; p = p->parent, k++) {
      if (p == p->parent || p->name != names[k % 5])
        return -1;
      r++;
    }
  } else {
    r = chain(n - 1, l);
    if (l->name != names[n % 5])
      r = -1000000;
  }
  free(l);
  return r;
}

/* The same with an integer field. The analysis is field-insensitive and an
   integer loaded from an object that holds a pointer may be that pointer, so
   this one may stay on the heap; the result must not change either way. */
struct valued {
  const struct valued *parent;
  long value;
};

__attribute__((noinline)) static long chain_values(int n,
                                                   const struct valued *parent) {
  struct valued *l = malloc(sizeof *l);
  l->parent = parent;
  l->value = n * 3 + 1;
  long r;
  if (n == 0) {
    r = 0;
    for (const struct valued *p = l; p; p = p->parent)
      r = (r * 7 + p->value) % 1000000007;
  } else {
    r = chain_values(n - 1, l) + l->value;
  }
  free(l);
  return r;
}

/* A large object per level: deep recursion must not run out of stack. */
__attribute__((noinline)) static long deep_big(int n) {
  char *buf = malloc(4096); /* h2s: heap */
  memset(buf, n & 0x7f, 4096);
  long r = buf[n % 4096];
  if (n > 0)
    r += deep_big(n - 1);
  r += buf[4095 - n % 4096];
  free(buf);
  return r;
}

static long odd(int n, long acc);

__attribute__((noinline)) static long even(int n, long acc) {
  long *cell = malloc(2 * sizeof *cell); /* moves when max-size-recursive >= 16 */
  cell[0] = acc;
  cell[1] = n;
  long r = n == 0 ? cell[0] : odd(n - 1, (cell[0] * 3 + cell[1]) % 1000003);
  free(cell);
  return r;
}

__attribute__((noinline)) static long odd(int n, long acc) {
  char *buf = malloc(2048); /* h2s: heap */
  snprintf(buf, 2048, "%ld", acc % 1000003);
  long r = n == 0 ? (long)strlen(buf) : even(n - 1, acc + (long)strlen(buf));
  free(buf);
  return r;
}

int main(void) {
  printf("chain(10)=%ld\n", chain(10, NULL));
  printf("chain(20000)=%ld\n", chain(20000, NULL));
  printf("chain_values(10)=%ld\n", chain_values(10, NULL));
  printf("chain_values(20000)=%ld\n", chain_values(20000, NULL));
  printf("deep_big(4000)=%ld\n", deep_big(4000));
  printf("even(3000)=%ld\n", even(3000, 1));
  return 0;
}
