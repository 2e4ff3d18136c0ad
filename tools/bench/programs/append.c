/* append.c: a dynamic array grown with realloc (Go's append). Each call
 * collects the values of a window of the input that pass a filter into an
 * array that starts with room for 16 and doubles, then sorts and sums
 * them. Most windows keep fewer than 16 values, so with growth buffers
 * (issue 17) the array lives on the stack and no allocation happens; a
 * window that keeps more moves to the heap once. The hand-written version
 * uses a 64-entry local array, which bounds these windows. */
#define BENCH_ITERS 3000000
#include "../bench.h"

#define N 4096
#define WINDOW 48
static uint32_t input[N];

static void setup(void) {
  uint64_t s = 11;
  for (size_t i = 0; i < N; i++)
    input[i] = (uint32_t)bench_rand(&s);
}

uint64_t op(uint64_t i) {
  const uint32_t *w = input + (i * 7) % (N - WINDOW);
  /* One window in 64 keeps nearly everything (and grows the array). */
  uint32_t mask = (i % 64 == 0) ? 0 : 3;
  size_t len = 0;
#ifdef BENCH_HAND
  uint32_t a[64];
#else
  size_t cap = 16;
  uint32_t *a = malloc(cap * sizeof *a);
  if (!a)
    abort();
#endif
  for (size_t k = 0; k < WINDOW; k++) {
    if ((w[k] & mask) != 0)
      continue;
#ifndef BENCH_HAND
    if (len == cap) {
      cap *= 2;
      uint32_t *b = realloc(a, cap * sizeof *a);
      if (!b)
        abort();
      a = b;
    }
#endif
    a[len++] = w[k] >> 8;
  }
  /* Insertion sort, then a position-weighted sum. */
  for (size_t k = 1; k < len; k++) {
    uint32_t v = a[k];
    size_t j = k;
    while (j > 0 && a[j - 1] > v) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = v;
  }
  uint64_t h = len;
  for (size_t k = 0; k < len; k++)
    h = h * 1000003u + a[k] * (k + 1);
#ifndef BENCH_HAND
  free(a);
#endif
  return h;
}
