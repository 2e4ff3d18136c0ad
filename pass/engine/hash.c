/* hash.c: the engine's hash map (hash.h). */
#include "hash.h"

#include <stdlib.h>

void *h2s_xcalloc(size_t n, size_t size);
void h2s_die(const char *msg);

static size_t slot(const h2s_hash *h, uint64_t a, uint32_t b1) {
  uint64_t x = (a ^ (uint64_t)b1 << 40) * 0x9E3779B97F4A7C15ull;
  return (size_t)(x ^ x >> 32) & (h->cap - 1);
}

static h2s_hash_entry *find(const h2s_hash *h, uint64_t a, uint32_t b1) {
  size_t i = slot(h, a, b1);
  while (h->e[i].b1 && (h->e[i].a != a || h->e[i].b1 != b1))
    i = (i + 1) & (h->cap - 1);
  return &h->e[i];
}

static void grow(h2s_hash *h) {
  h2s_hash old = *h;
  h->cap = old.cap ? old.cap * 2 : 32;
  h->e = h2s_xcalloc(h->cap, sizeof *h->e);
  for (size_t i = 0; i < old.cap; i++)
    if (old.e[i].b1)
      *find(h, old.e[i].a, old.e[i].b1) = old.e[i];
  free(old.e);
}

uint32_t *h2s_hash_put(h2s_hash *h, uint64_t a, uint32_t b, int *fresh) {
  if (b == UINT32_MAX)
    h2s_die("h2s_hash: key out of range");
  if (2 * (h->n + 1) > h->cap)
    grow(h);
  h2s_hash_entry *e = find(h, a, b + 1);
  if (fresh)
    *fresh = !e->b1;
  if (!e->b1) {
    *e = (h2s_hash_entry){a, b + 1, 0};
    h->n++;
  }
  return &e->val;
}

const uint32_t *h2s_hash_get(const h2s_hash *h, uint64_t a, uint32_t b) {
  if (!h->cap || b == UINT32_MAX)
    return NULL;
  const h2s_hash_entry *e = find(h, a, b + 1);
  return e->b1 ? &e->val : NULL;
}

void h2s_hash_init(h2s_hash *h, size_t cap) {
  h->e = h2s_xcalloc(cap, sizeof *h->e);
  h->n = 0;
  h->cap = cap;
}

void h2s_hash_free(h2s_hash *h) {
  free(h->e);
  h->e = NULL;
  h->n = h->cap = 0;
}
