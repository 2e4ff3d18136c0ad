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

/* An edge seen from its source: dst reads this location's set. */
typedef struct use {
  h2s_loc dst;
} use;

/* A store constraint: for every object the pointer may point to, an edge
 * O <- val (derefs); `done` holds the objects already connected. */
typedef struct store {
  h2s_loc val;
  int derefs, tag;
  void *why;
  locset done;
} store;

typedef struct loc {
  uint8_t kind;
  int fn, depth;
  uint32_t scope_lo, scope_hi; /* valid when has_scope */
  uint8_t has_scope;
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
  /* points.c: who reads this set. `users` are the destinations of edges
   * from here with derefs >= 0 (duplicates allowed); `lusers` are loads
   * that read this object's contents; `stores` write into what this
   * location points to. */
  struct use *users;
  uint32_t nusers, capusers;
  locset lusers;
  struct store *stores;
  uint32_t nstores, capstores;
  uint8_t collapsed, pending;

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
  h2s_loc *pending; /* locations with new in-edges since the last solve */
  uint32_t npending, cappending;
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

/* points.c: note a new edge dst <- src for the next points-to solve. */
void points_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs);
void points_free_loc(loc *l);

/* leaks.c */
void leak_to(h2s_graph *g, loc *param, const loc *sink, int derefs);
void leak_mutator(loc *param, int derefs);
void leak_callee(loc *param, int derefs);

#endif
