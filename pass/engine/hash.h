/* hash.h: the one hash map of the engine and the plugin: keys of a 64-bit
 * and a 32-bit word (the second below UINT32_MAX), 32-bit values, open
 * addressing with linear probing in 16-byte entries. Used
 * for LLVM values -> locations (vmap.c), the points-to solver's derived
 * edges (src, dst, k) and h2s_reachable's visited set (points.c). Never
 * iterated, so key addresses cannot leak into any output order. */
#ifndef H2S_HASH_H
#define H2S_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct h2s_hash_entry {
  uint64_t a;
  uint32_t b1; /* the key's second word plus one; 0: the entry is free */
  uint32_t val;
} h2s_hash_entry;

typedef struct h2s_hash {
  h2s_hash_entry *e;
  size_t n, cap; /* cap: 0 or a power of two, at least twice n */
} h2s_hash;

/* The value slot of key (a, b), inserted (value 0) when absent; *fresh
 * (if not NULL) says whether it was. The pointer is valid until the next
 * insertion. */
uint32_t *h2s_hash_put(h2s_hash *h, uint64_t a, uint32_t b, int *fresh);
/* The value of (a, b), or NULL when absent. */
const uint32_t *h2s_hash_get(const h2s_hash *h, uint64_t a, uint32_t b);
/* An empty map with room for cap / 2 keys (cap a power of two); a zeroed
 * h2s_hash starts smaller. */
void h2s_hash_init(h2s_hash *h, size_t cap);
void h2s_hash_free(h2s_hash *h);

#endif
