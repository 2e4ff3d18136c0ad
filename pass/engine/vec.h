/* vec.h: the one growable-array helper of the engine and the plugin.
 *
 * H2S_RESERVE(v, cap, need, first) makes the heap array `v` of `cap`
 * elements hold at least `need`, doubling from `first`; out of memory is
 * fatal (h2s_xrealloc). H2S_PUSH(v, n, cap, x, first) appends x. The
 * capacity may be any unsigned integer lvalue. */
#ifndef H2S_VEC_H
#define H2S_VEC_H

#include <stddef.h>

void *h2s_xrealloc(void *p, size_t n);

#define H2S_RESERVE(v, cap, need, first)                                       \
  do {                                                                         \
    if ((size_t)(need) > (size_t)(cap)) {                                      \
      size_t c_ = (cap) ? (size_t)(cap) : (size_t)(first);                     \
      while (c_ < (size_t)(need))                                              \
        c_ *= 2;                                                               \
      (v) = h2s_xrealloc((v), c_ * sizeof *(v));                               \
      (cap) = c_;                                                              \
    }                                                                          \
  } while (0)

#define H2S_PUSH(v, n, cap, x, first)                                          \
  do {                                                                         \
    H2S_RESERVE(v, cap, (size_t)(n) + 1, first);                               \
    (v)[(n)++] = (x);                                                          \
  } while (0)

#endif
