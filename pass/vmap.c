/* vmap.c: a map from LLVM values to small integers (locations, node
 * numbers), keyed by the value's address in the engine's hash map
 * (engine/hash.h). Only ever looked up, never iterated, so the addresses
 * cannot leak into the output order. */
#include "h2s.h"

#include "engine/hash.h"

#include <stdlib.h>

struct h2s_vmap {
  h2s_hash h;
};

h2s_vmap *h2s_vmap_new(void) {
  h2s_vmap *m = h2s_xcalloc(1, sizeof *m);
  h2s_hash_init(&m->h, 256);
  return m;
}

void h2s_vmap_free(h2s_vmap *m) {
  if (!m)
    return;
  h2s_hash_free(&m->h);
  free(m);
}

void h2s_vmap_put(h2s_vmap *m, LLVMValueRef k, h2s_loc v) {
  *h2s_hash_put(&m->h, (uint64_t)(uintptr_t)k, 0, NULL) = (uint32_t)v;
}

h2s_loc h2s_vmap_get(const h2s_vmap *m, LLVMValueRef k) {
  const uint32_t *v = h2s_hash_get(&m->h, (uint64_t)(uintptr_t)k, 0);
  return v ? (h2s_loc)*v : H2S_NOLOC;
}
