/* engine.h: private layout of the escape engine's graph, shared by
 * graph.c, solve.c, points.c and leaks.c. Nothing here knows LLVM. */
#ifndef H2S_ENGINE_H
#define H2S_ENGINE_H

#include "heap2stack.h"
#include "hash.h"
#include "vec.h"
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

/* points.c: a load seen from its source: dst reads what is k loads below
 * this location's set (k >= 1). */
typedef struct load {
  h2s_loc dst;
  int k;
} load;

/* A store constraint: for every object the pointer may point to, an edge
 * O <- val (derefs). */
typedef struct store {
  h2s_loc val;
  int derefs, tag;
  void *why;
} store;

/* fields.c: an object's fields and the loads that read them. */
typedef struct fieldref {
  h2s_range r;
  h2s_loc loc; /* the field, or for readers the destination */
  int tag;
  void *why;
} fieldref;
typedef struct fieldinfo {
  fieldref *fields, *readers;
  uint32_t nfields, capfields, nreaders, capreaders;
  uint8_t mixed; /* written other than through a field: read whole */
} fieldinfo;

typedef struct loc {
  uint8_t kind;
  h2s_loc parent;    /* for a field, its object; else 0 */
  fieldinfo *fields; /* for an object with fields or field readers */
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
  /* points.c: `delta` holds the elements of pts not yet pushed along the
   * edges below (unsorted); `copies` are locations whose sets include this
   * one's; `loads` read below it; `stores` write into what this location
   * points to, the first `stores_done` of them already connected to every
   * element of pts outside the delta. */
  locset delta;
  h2s_loc *copies;
  uint32_t ncopies, capcopies;
  load *loads;
  uint32_t nloads, caploads;
  store *stores;
  uint32_t nstores, capstores, stores_done;
  uint8_t collapsed, queued_pts;

  h2s_escape_info reason;
  h2s_step *path;
  uint32_t npath;

  h2s_leaks leaks; /* for parameters */
} loc;

struct h2s_graph {
  loc *locs;
  uint32_t n, cap;
  size_t nedges;
  struct ablock *arena; /* the per-location arrays (graph.c) */
  /* points.c: locations whose delta or stores await the next solve */
  h2s_loc *work;
  uint32_t headwork, nwork, capwork;
  h2s_hash dyn; /* derived edges that exist: (src, dst) and k */
  size_t pts_work;    /* solver steps so far */
  uint32_t pts_limit; /* a larger set collapses */
  h2s_loc skip;       /* solve.c: a result the probe does not root at */
};

/* points.c: the work budget (see spend()). */
#define H2S_PTS_WORK_PER_EDGE 16
#define H2S_PTS_WORK_BASE 65536
#define H2S_PTS_LIMIT_OVER 4

/* graph.c */
void *h2s_xmalloc(size_t n);
void *h2s_xrealloc(void *p, size_t n);
void *h2s_xcalloc(size_t n, size_t size);
void h2s_die(const char *msg);
/* Grow the array *v of *cap elements (from g's arena) to hold `need`. */
void h2s_arena_grow(h2s_graph *g, void **v, uint32_t *cap, uint32_t need,
                    size_t elem);
/* Insert `x` into `s` (its array in g's arena); 1 when it was new. */
int locset_add(h2s_graph *g, locset *s, h2s_loc x);
int locset_has(const locset *s, h2s_loc x);

void *h2s_arena_alloc(h2s_graph *g, size_t n);

/* fields.c: an edge dst <- src was added; a write that is not one of
 * dst's fields makes dst read whole. */
void fields_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int tag);

/* points.c: note a new edge dst <- src for the next points-to solve. */
void points_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs);
void points_free_graph(h2s_graph *g);

/* leaks.c */
void leak_to(h2s_graph *g, loc *param, const loc *sink, int derefs);
void leak_mutator(loc *param, int derefs);
void leak_callee(loc *param, int derefs);

#endif
