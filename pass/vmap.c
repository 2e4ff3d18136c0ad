/* vmap.c: a map from LLVM values to small integers (locations, node
 * numbers), open addressing on the value's address. Only ever looked up,
 * never iterated, so the addresses cannot leak into the output order. */
#include "h2s.h"

#include <stdlib.h>

struct h2s_vmap {
  LLVMValueRef *keys;
  h2s_loc *vals;
  size_t cap, n;
};

h2s_vmap *h2s_vmap_new(void) { return h2s_xcalloc(1, sizeof(h2s_vmap)); }

void h2s_vmap_free(h2s_vmap *m) {
  if (!m)
    return;
  free(m->keys);
  free(m->vals);
  free(m);
}

static size_t slot(const h2s_vmap *m, LLVMValueRef k) {
  uintptr_t h = (uintptr_t)k;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> 7) & (m->cap - 1);
}

static void grow(h2s_vmap *m) {
  h2s_vmap old = *m;
  m->cap = old.cap ? old.cap * 2 : 256;
  m->n = 0;
  m->keys = h2s_xcalloc(m->cap, sizeof *m->keys);
  m->vals = h2s_xcalloc(m->cap, sizeof *m->vals);
  for (size_t i = 0; i < old.cap; i++)
    if (old.keys[i])
      h2s_vmap_put(m, old.keys[i], old.vals[i]);
  free(old.keys);
  free(old.vals);
}

void h2s_vmap_put(h2s_vmap *m, LLVMValueRef k, h2s_loc v) {
  if ((m->n + 1) * 2 > m->cap)
    grow(m);
  size_t i = slot(m, k);
  while (m->keys[i] && m->keys[i] != k)
    i = (i + 1) & (m->cap - 1);
  if (!m->keys[i])
    m->n++;
  m->keys[i] = k;
  m->vals[i] = v;
}

h2s_loc h2s_vmap_get(const h2s_vmap *m, LLVMValueRef k) {
  if (!m->cap)
    return H2S_NOLOC;
  size_t i = slot(m, k);
  while (m->keys[i]) {
    if (m->keys[i] == k)
      return m->vals[i];
    i = (i + 1) & (m->cap - 1);
  }
  return H2S_NOLOC;
}
