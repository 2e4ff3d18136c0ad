/* engine.h: private layout of the escape engine's graph, shared by
 * graph.c, solve.c, points.c and leaks.c. Nothing here knows LLVM. */
#ifndef H2S_ENGINE_H
#define H2S_ENGINE_H

#include "heap2stack.h"
#include <stdint.h>
#include <stdlib.h>

/* An edge into a location: dst <- src (derefs). */
typedef struct edge {
  h2s_loc src;
  int derefs;
  int tag;
  void *why;
} edge;

/* A growable set of locations, kept sorted. */
typedef struct locset {
  h2s_loc *v;
  uint32_t n, cap;
} locset;

typedef struct loc {
  uint8_t kind;
  int fn, depth;
  void *payload;
  edge *in; /* edges whose dst is this location */
  uint32_t nin, capin;

  /* walkOne state (Go's location.walkgen/derefs; `hop` replaces Go's
   * dst/dstEdgeIdx: the walk's log entry that last lowered derefs) */
  uint32_t walkgen;
  int derefs;
  uint32_t hop;
  uint8_t escapes, queued, is_root;
  int result_idx; /* for results: index, else -1 */

  locset pts; /* points-to set; for objects, the contents */

  h2s_escape_info reason;
  h2s_step *path;
  uint32_t npath;

  h2s_leaks leaks; /* for parameters */
} loc;

struct h2s_graph {
  loc *locs;
  uint32_t n, cap;
  size_t nedges;
  locset scratch; /* reused by set unions */
};

/* graph.c */
void *h2s_xmalloc(size_t n);
void *h2s_xrealloc(void *p, size_t n);
void *h2s_xcalloc(size_t n, size_t size);
void h2s_die(const char *msg);
/* Insert `x` into `s`; returns 1 when it was new. */
int locset_add(locset *s, h2s_loc x);
/* s |= t (t may not alias s); returns 1 when s grew. `tmp` is scratch. */
int locset_union(locset *s, const locset *t, locset *tmp);
int locset_has(const locset *s, h2s_loc x);
void locset_free(locset *s);

/* leaks.c */
void leak_to(h2s_graph *g, loc *param, const loc *sink, int derefs);
void leak_mutator(loc *param, int derefs);
void leak_callee(loc *param, int derefs);

#endif
