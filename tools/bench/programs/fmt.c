/* fmt.c: temporary string and format buffers. A cache lookup builds its key
 * with snprintf into a scratch buffer, normalises it into a second buffer,
 * hashes it and probes a table; both buffers are freed before returning.
 * The hand-written version uses two local arrays. */
#define BENCH_ITERS 2000000
#include "../bench.h"
#include <string.h>

#define KEYMAX 64
#define SLOTS 1024
static uint64_t table[SLOTS];

static void setup(void) {
  uint64_t s = 5;
  for (int i = 0; i < SLOTS; i++)
    table[i] = bench_rand(&s);
}

static uint64_t fnv(const char *s, size_t n) {
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

static uint64_t lookup(const char *user, unsigned item, unsigned region) {
#ifdef BENCH_HAND
  char key[KEYMAX], norm[KEYMAX];
#else
  char *key = malloc(KEYMAX);
  char *norm = malloc(KEYMAX);
  if (!key || !norm)
    abort();
#endif
  int n = snprintf(key, KEYMAX, "%s:%u:%u", user, item, region);
  if (n < 0)
    n = 0;
  if (n >= KEYMAX)
    n = KEYMAX - 1;
  for (int i = 0; i < n; i++)
    norm[i] = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] + 32) : key[i];
  uint64_t h = fnv(norm, (size_t)n);
  uint64_t v = table[h % SLOTS];
#ifndef BENCH_HAND
  free(key);
  free(norm);
#endif
  return v;
}

static const char *const users[4] = {"Alice", "BOB", "carol", "DaveSmith"};

uint64_t op(uint64_t i) {
  return lookup(users[i % 4], (unsigned)(i % 1000), (unsigned)(i % 7));
}
