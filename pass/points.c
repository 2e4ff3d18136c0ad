/* points.c: which objects each location may point to, Andersen-style, on the
 * escape graph's own edges. This is what lets a store `*p = v` write into the
 * objects p may point to instead of the heap (the pass adds those edges and
 * asks again until nothing changes).
 *
 * An object's set is its contents. For an edge dst <- src (d):
 *   d = -1: dst may point to src (src is an object);
 *   d =  0: dst may point to whatever src may point to;
 *   d >= 1: dst may point to whatever is d loads away from src.
 * H2S_HEAP stands for unknown memory; its contents include itself. */
#include "engine.h"

#include <string.h>

/* pts |= the set d loads below `src`. */
static int flow(h2s_graph *g, locset *dst, h2s_loc src, int derefs,
                locset *tmp, locset *cur, locset *next) {
  if (derefs < 0)
    return locset_add(dst, src);
  if (derefs == 0)
    return locset_union(dst, &g->locs[src].pts, tmp);
  /* cur = pts(src); then `derefs` times: next = union of contents */
  cur->n = 0;
  locset_union(cur, &g->locs[src].pts, tmp);
  for (int k = 0; k < derefs; k++) {
    next->n = 0;
    for (uint32_t i = 0; i < cur->n; i++)
      locset_union(next, &g->locs[cur->v[i]].pts, tmp);
    locset t = *cur;
    *cur = *next;
    *next = t;
  }
  return locset_union(dst, cur, tmp);
}

/* A location's set, recomputed from all its in-edges; 1 when it grew. */
static int update(h2s_graph *g, h2s_loc i, locset *tmp, locset *cur,
                  locset *next) {
  loc *l = &g->locs[i];
  int changed = 0;
  for (uint32_t k = 0; k < l->nin; k++) {
    const edge *e = &l->in[k];
    if (e->src == i && e->derefs == 0)
      continue;
    if (flow(g, &l->pts, e->src, e->derefs, tmp, cur, next))
      changed = 1;
  }
  return changed;
}

/* A worklist: when a set grows, only the locations that read it are
 * recomputed. Copies and loads read their source's set (the `users` of
 * the source); loads also read the contents of whatever their source points
 * to, so when a location that can be pointed to (the source of an
 * address-of edge) grows, every location with a load edge is recomputed.
 * Sweeping all locations until nothing changes would cost one sweep per
 * edge that runs against index order. */
int h2s_points_to_solve(h2s_graph *g) {
  uint32_t n = g->n;
  uint32_t *first = h2s_xcalloc((size_t)n + 1, sizeof *first);
  uint8_t *pointee = h2s_xcalloc(n, 1), *queued = h2s_xcalloc(n, 1);
  uint32_t nusers = 0, nloads = 0;
  for (uint32_t i = 0; i < n; i++) {
    const loc *l = &g->locs[i];
    int loads = 0;
    for (uint32_t k = 0; k < l->nin; k++) {
      const edge *e = &l->in[k];
      if (e->derefs < 0) {
        pointee[e->src] = 1;
      } else {
        first[e->src + 1]++;
        nusers++;
        loads |= e->derefs > 0;
      }
    }
    nloads += loads;
  }
  for (uint32_t i = 0; i < n; i++)
    first[i + 1] += first[i];
  h2s_loc *users = h2s_xmalloc((size_t)nusers * sizeof *users);
  h2s_loc *loaders = h2s_xmalloc((size_t)nloads * sizeof *loaders);
  uint32_t *fill = h2s_xmalloc((size_t)n * sizeof *fill);
  memcpy(fill, first, (size_t)n * sizeof *fill);
  nloads = 0;
  for (uint32_t i = 0; i < n; i++) {
    const loc *l = &g->locs[i];
    int loads = 0;
    for (uint32_t k = 0; k < l->nin; k++) {
      const edge *e = &l->in[k];
      if (e->derefs >= 0) {
        users[fill[e->src]++] = (h2s_loc)i;
        loads |= e->derefs > 0;
      }
    }
    if (loads)
      loaders[nloads++] = (h2s_loc)i;
  }
  free(fill);

  /* A circular queue holding each location at most once. */
  h2s_loc *q = h2s_xmalloc((size_t)n * sizeof *q);
  uint32_t head = 0, len = 0;
  for (uint32_t i = 0; i < n; i++)
    q[len++] = (h2s_loc)i, queued[i] = 1;
  locset tmp = {0}, cur = {0}, next = {0};
  while (len > 0) {
    h2s_loc i = q[head];
    head = (head + 1) % n;
    len--;
    queued[i] = 0;
    if (!update(g, i, &tmp, &cur, &next))
      continue;
    for (uint32_t k = first[i]; k < first[i + 1]; k++)
      if (!queued[users[k]])
        queued[users[k]] = 1, q[(head + len++) % n] = users[k];
    if (pointee[i])
      for (uint32_t k = 0; k < nloads; k++)
        if (!queued[loaders[k]])
          queued[loaders[k]] = 1, q[(head + len++) % n] = loaders[k];
  }
  locset_free(&tmp);
  locset_free(&cur);
  locset_free(&next);
  free(q);
  free(users);
  free(loaders);
  free(first);
  free(pointee);
  free(queued);
  return 0;
}

const h2s_loc *h2s_points_to(const h2s_graph *g, h2s_loc l, size_t *n) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  *n = g->locs[l].pts.n;
  return g->locs[l].pts.v;
}

int h2s_may_point_to(const h2s_graph *g, h2s_loc l, h2s_loc obj) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  return locset_has(&g->locs[l].pts, obj);
}

int h2s_may_reach(const h2s_graph *g, h2s_loc l, h2s_loc obj) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  /* Breadth-first over contents, from the objects l points to. */
  uint8_t *seen = h2s_xcalloc(g->n, 1);
  h2s_loc *work = h2s_xmalloc(g->n * sizeof *work);
  uint32_t nwork = 0;
  int found = 0;
  const locset *s = &g->locs[l].pts;
  for (uint32_t i = 0; i < s->n; i++)
    if (!seen[s->v[i]])
      seen[s->v[i]] = 1, work[nwork++] = s->v[i];
  while (nwork > 0 && !found) {
    h2s_loc o = work[--nwork];
    if (o == obj) {
      found = 1;
      break;
    }
    const locset *c = &g->locs[o].pts;
    for (uint32_t i = 0; i < c->n; i++)
      if (!seen[c->v[i]])
        seen[c->v[i]] = 1, work[nwork++] = c->v[i];
  }
  free(seen);
  free(work);
  return found;
}
