/* graph.c: locations and edges of the escape graph (Go's graph.go), and the
 * small sorted sets the solvers use. */
#include "engine.h"

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

int locset_add(locset *s, h2s_loc x) {
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
  grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
  memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof *s->v);
  s->v[lo] = x;
  s->n++;
  return 1;
}

int locset_union(locset *s, const locset *t, locset *tmp) {
  if (t->n == 0)
    return 0;
  if (t->n == 1)
    return locset_add(s, t->v[0]);
  grow((void **)&tmp->v, &tmp->cap, s->n + t->n, sizeof *tmp->v);
  uint32_t i = 0, j = 0, k = 0;
  while (i < s->n && j < t->n) {
    if (s->v[i] < t->v[j])
      tmp->v[k++] = s->v[i++];
    else if (s->v[i] > t->v[j])
      tmp->v[k++] = t->v[j++];
    else
      tmp->v[k++] = s->v[i++], j++;
  }
  while (i < s->n)
    tmp->v[k++] = s->v[i++];
  while (j < t->n)
    tmp->v[k++] = t->v[j++];
  if (k == s->n)
    return 0;
  /* swap buffers: s takes the merged array, tmp keeps s's old one */
  h2s_loc *old = s->v;
  uint32_t oldcap = s->cap;
  s->v = tmp->v;
  s->cap = tmp->cap;
  s->n = k;
  tmp->v = old;
  tmp->cap = oldcap;
  tmp->n = 0;
  return 1;
}

void locset_free(locset *s) {
  free(s->v);
  s->v = NULL;
  s->n = s->cap = 0;
}

h2s_graph *h2s_graph_new(void) {
  h2s_graph *g = calloc(1, sizeof *g);
  if (!g)
    return NULL;
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* heap */
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* mutator */
  h2s_loc_new(g, H2S_LOC_PSEUDO, -1, 0, NULL); /* callee */
  g->locs[H2S_HEAP].escapes = 1;
  /* Unknown memory may hold pointers to unknown memory. */
  h2s_edge(g, H2S_HEAP, H2S_HEAP, -1, 0, NULL);
  locset_add(&g->locs[H2S_HEAP].pts, H2S_HEAP);
  g->locs[H2S_HEAP].collapsed = 1; /* the wildcard never changes */
  return g;
}

void h2s_graph_free(h2s_graph *g) {
  if (!g)
    return;
  for (uint32_t i = 0; i < g->n; i++) {
    free(g->locs[i].in);
    locset_free(&g->locs[i].pts);
    free(g->locs[i].path);
    points_free_loc(&g->locs[i]);
  }
  free(g->locs);
  points_free_graph(g);
  locset_free(&g->scratch);
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
  grow((void **)&d->in, &d->capin, d->nin + 1, sizeof *d->in);
  d->in[d->nin++] = (edge){src, derefs, tag, why};
  g->nedges++;
  points_note_edge(g, dst, src, derefs);
}

size_t h2s_edge_count(const h2s_graph *g) { return g->nedges; }
