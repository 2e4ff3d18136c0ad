/* heap2stack-report on inlined copies of one allocation site (report/inlined.test). */
#include <stdlib.h>
#include <string.h>

char *keep;

/* The site: always inlined, so each caller holds a copy of the call. */
static inline __attribute__((always_inline)) char *scratch(int n) {
  char *p = malloc(48);
  memset(p, 'a', 47);
  p[n & 47] = 0;
  return p;
}

static inline __attribute__((always_inline)) size_t measure(int n) {
  char *p = scratch(n);
  size_t r = strlen(p);
  free(p);
  return r;
}

__attribute__((noinline)) size_t parse_a(int n) { return measure(n) + 1; }
__attribute__((noinline)) size_t parse_b(int n) { return measure(n) + 2; }
__attribute__((noinline)) size_t parse_c(int n) { return measure(n) + 3; }
__attribute__((noinline)) size_t parse_d(int n) { return measure(n) + 4; }

/* A copy with another outcome: its own line. */
__attribute__((noinline)) void publish(int n) { keep = scratch(n); }

/* Near miss: the same code written out, not inlined: no chain. */
__attribute__((noinline)) size_t direct(int n) {
  char *p = malloc(48);
  memset(p, 'a', 47);
  p[n & 47] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}

/* A non-constant size moved as a small buffer: its bytes count. */
__attribute__((noinline)) size_t small(int n) {
  char *p = malloc(n);
  memset(p, 'a', n - 1);
  p[n - 1] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}
