/* graph.c: locations and edges of the escape graph (Go's graph.go), and the
 * small sorted sets the solvers use. */
#include "engine.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

void h2s_die(const char *msg) {
  fprintf(stderr, "heap2stack: internal error: %s\n", msg);
  abort();
}

void *h2s_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    h2s_die("out of memory");
  return p;
}

void *h2s_xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    h2s_die("out of memory");
  return p;
}

void *h2s_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    h2s_die("out of memory");
  return p;
}

static void grow(void **v, uint32_t *cap, uint32_t need, size_t elem) {
  if (need <= *cap)
    return;
  uint32_t c = *cap ? *cap : 4;
  while (c < need)
    c *= 2;
  *v = h2s_xrealloc(*v, (size_t)c * elem);
  *cap = c;
}

/* The graph's arena: the small per-location arrays (edges, sets, points-to
 * constraints) live in large blocks freed together with the graph. Growing
 * an array copies it and abandons the old copy, so at most half of what the
 * arena holds is garbage; in exchange a graph of a large SCC costs a few
 * hundred mallocs instead of millions. */
typedef struct ablock {
  struct ablock *next;
  size_t used, cap;
  max_align_t data[];
} ablock;

#define H2S_ABLOCK (256 * 1024)

void *h2s_arena_alloc(h2s_graph *g, size_t n) {
  n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  ablock *b = g->arena;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > H2S_ABLOCK / 4 ? n : H2S_ABLOCK;
    ablock *nb = h2s_xmalloc(sizeof *nb + cap);
    nb->used = 0;
    nb->cap = cap;
    if (b && cap != H2S_ABLOCK) {
      /* a large one-off: keep allocating from the current block */
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      g->arena = nb;
    }
    b = nb;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void h2s_arena_grow(h2s_graph *g, void **v, uint32_t *cap, uint32_t need,
                    size_t elem) {
  if (need <= *cap)
    return;
  uint32_t c = *cap ? *cap : 4;
  while (c < need) {
    if (c > UINT32_MAX / 2)
      h2s_die("array too large");
    c *= 2;
  }
  void *nv = h2s_arena_alloc(g, (size_t)c * elem);
  if (*cap)
    memcpy(nv, *v, (size_t)*cap * elem);
  *v = nv;
  *cap = c;
}

static void arena_free(h2s_graph *g) {
  for (ablock *b = g->arena, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  g->arena = NULL;
}

int locset_has(const locset *s, h2s_loc x) {
  uint32_t lo = 0, hi = s->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (s->v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < s->n && s->v[lo] == x;
}

int locset_add(h2s_graph *g, locset *s, h2s_loc x) {
  uint32_t lo = 0, hi = s->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (s->v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < s->n && s->v[lo] == x)
    return 0;
  h2s_arena_grow(g, (void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
  memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof *s->v);
  s->v[lo] = x;
  s->n++;
  return 1;
}

h2s_graph *h2s_graph_new(void) {
  h2s_graph *g = calloc(1, sizeof *g);
  if (!g)
    return NULL;
  g->pts_limit = H2S_PTS_LIMIT;
  g->skip = H2S_NOLOC;
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* heap */
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* mutator */
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* callee */
  g->locs[H2S_HEAP].escapes = 1;
  /* Unknown memory may hold pointers to unknown memory. */
  h2s_edge(g, H2S_HEAP, H2S_HEAP, -1, 0, NULL);
  locset_add(g, &g->locs[H2S_HEAP].pts, H2S_HEAP);
  g->locs[H2S_HEAP].collapsed = 1; /* the wildcard never changes */
  return g;
}

void h2s_graph_free(h2s_graph *g) {
  if (!g)
    return;
  for (uint32_t i = 0; i < g->n; i++)
    free(g->locs[i].path);
  free(g->locs);
  points_free_graph(g);
  arena_free(g);
  free(g);
}

h2s_loc h2s_loc_new(h2s_graph *g, enum h2s_lockind kind, int fn, int depth,
                    void *payload) {
  if (g->n >= INT32_MAX - 1)
    h2s_die("too many locations");
  grow((void **)&g->locs, &g->cap, g->n + 1, sizeof *g->locs);
  loc *l = &g->locs[g->n];
  memset(l, 0, sizeof *l);
  l->kind = (uint8_t)kind;
  l->fn = fn;
  l->depth = depth < 0 ? 0 : depth;
  l->payload = payload;
  l->result_idx = -1;
  l->reason.root = H2S_NOLOC;
  h2s_leaks_none(&l->leaks);
  return (h2s_loc)g->n++;
}

size_t h2s_loc_count(const h2s_graph *g) { return g->n; }

void h2s_loc_scope(h2s_graph *g, h2s_loc l, uint32_t lo, uint32_t hi) {
  if (l < 0 || (uint32_t)l >= g->n || lo > hi)
    h2s_die("bad location scope");
  g->locs[l].scope_lo = lo;
  g->locs[l].scope_hi = hi;
  g->locs[l].has_scope = 1;
}

static void check(const h2s_graph *g, h2s_loc l) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
}

enum h2s_lockind h2s_loc_kind(const h2s_graph *g, h2s_loc l) {
  check(g, l);
  return (enum h2s_lockind)g->locs[l].kind;
}

void *h2s_loc_payload(const h2s_graph *g, h2s_loc l) {
  check(g, l);
  return g->locs[l].payload;
}

int h2s_loc_depth(const h2s_graph *g, h2s_loc l) {
  check(g, l);
  return g->locs[l].depth;
}

void h2s_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs, int tag,
              void *why) {
  check(g, dst);
  check(g, src);
  if (derefs < -1)
    h2s_die("edge with derefs < -1");
  loc *d = &g->locs[dst];
  /* The same edge twice adds nothing; keep the first (its why is the
   * earliest instruction). Only the last few are checked: duplicates come
   * from the same instruction, added one after the other. */
  for (uint32_t i = d->nin, k = 0; i > 0 && k < 4; i--, k++) {
    edge *e = &d->in[i - 1];
    if (e->src == src && e->derefs == derefs)
      return;
  }
  h2s_arena_grow(g, (void **)&d->in, &d->capin, d->nin + 1, sizeof *d->in);
  d->in[d->nin++] = (edge){src, derefs, tag, why};
  g->nedges++;
  points_note_edge(g, dst, src, derefs);
  if (g->locs[dst].fields)
    fields_note_edge(g, dst, src, tag);
}

size_t h2s_in_count(const h2s_graph *g, h2s_loc l) {
  check(g, l);
  return g->locs[l].nin;
}

size_t h2s_edge_count(const h2s_graph *g) { return g->nedges; }
