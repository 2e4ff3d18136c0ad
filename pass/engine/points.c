/* points.c: which objects each location may point to, Andersen-style, on the
 * escape graph's own edges. This is what lets a store `*p = v` write into the
 * objects p may point to instead of the heap.
 *
 * An object's set is its contents. For an edge dst <- src (d):
 *   d = -1: dst may point to src (src is an object);
 *   d =  0: dst may point to whatever src may point to (a copy edge);
 *   d >= 1: dst may point to whatever is d loads away from src (a load).
 * A store constraint on p adds the edge O <- v for every object O in p's set
 * as the set grows.
 *
 * H2S_HEAP is the wildcard: unknown memory, or any object that escapes. Its
 * own set is always {H2S_HEAP}. Sound because every object stored into the
 * heap escapes (the escape walk follows the same edges), and a load from
 * unknown memory yields the wildcard. A set that would pass H2S_PTS_LIMIT
 * collapses to {H2S_HEAP} with an edge heap <- l (0), so that what it pointed
 * to escapes.
 *
 * Difference propagation: every edge is applied to the sets the moment it is
 * added, and a location whose set grows queues only the new elements (its
 * delta). The solve pushes each delta once along the location's copy edges,
 * its loads and its stores; a load reaching a new object o adds the copy edge
 * (or a shorter load) from o, once (a hash set remembers which exist). Each
 * element therefore crosses each edge at most once, and with sets bounded by
 * H2S_PTS_LIMIT the whole solve is linear in the number of edges. */
#include "engine.h"

#include <string.h>

void points_free_graph(h2s_graph *g) {
  free(g->work);
  h2s_hash_free(&g->dyn);
}

static void enqueue(h2s_graph *g, h2s_loc l) {
  loc *x = &g->locs[l];
  if (x->queued_pts)
    return;
  x->queued_pts = 1;
  if (g->nwork == g->capwork) {
    /* compact the consumed prefix before growing */
    if (g->headwork > 0) {
      memmove(g->work, g->work + g->headwork,
              (g->nwork - g->headwork) * sizeof *g->work);
      g->nwork -= g->headwork;
      g->headwork = 0;
    }
  }
  H2S_PUSH(g->work, g->nwork, g->capwork, l, 64);
}

/* Remember the derived edge src -> dst (k loads); 1 when it is new. */
static int dyn_insert(h2s_graph *g, h2s_loc src, h2s_loc dst, int k) {
  int fresh;
  h2s_hash_put(&g->dyn, (uint64_t)(uint32_t)src << 32 | (uint32_t)dst,
               (uint32_t)k, &fresh);
  return fresh;
}

static void collapse(h2s_graph *g, h2s_loc l);

/* One unit of solver work. Past a budget linear in the graph's size, sets
 * collapse at H2S_PTS_LIMIT_OVER elements instead of H2S_PTS_LIMIT: large
 * call-graph SCCs of field-insensitive C (SQLite's parser, for one) make
 * most sets hold tens of objects, each pushed along hundreds of loads. The
 * switch depends only on the order edges were added, so the result stays
 * deterministic; it costs precision only in such graphs. */
static void spend(h2s_graph *g) {
  if (++g->pts_work > H2S_PTS_WORK_PER_EDGE * (g->nedges + g->n) +
                          H2S_PTS_WORK_BASE)
    g->pts_limit = H2S_PTS_LIMIT_OVER;
}

/* Add x to l's set; a new element joins l's delta. */
static void add_pts(h2s_graph *g, h2s_loc l, h2s_loc x) {
  loc *y = &g->locs[l];
  if (y->collapsed)
    return;
  spend(g);
  if (!locset_add(g, &y->pts, x))
    return;
  if (y->pts.n > g->pts_limit) {
    collapse(g, l);
    return;
  }
  locset *d = &y->delta;
  h2s_arena_grow(g, (void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
  d->v[d->n++] = x;
  enqueue(g, l);
}

/* Replace an oversized set by the wildcard; what it pointed to escapes.
 * Destinations already given some of its elements keep them; from now on
 * they also get the wildcard, which stands for the rest. */
static void collapse(h2s_graph *g, h2s_loc l) {
  loc *x = &g->locs[l];
  x->collapsed = 1;
  x->pts.n = 0;
  locset_add(g, &x->pts, H2S_HEAP);
  x->delta.n = 0;
  h2s_arena_grow(g, (void **)&x->delta.v, &x->delta.cap, 1,
                 sizeof *x->delta.v);
  x->delta.v[x->delta.n++] = H2S_HEAP;
  enqueue(g, l);
  h2s_edge(g, H2S_HEAP, l, 0, H2S_TAG_COLLAPSED, NULL);
}

/* A copy of l's set, which calls below may change. */
typedef struct snapshot {
  h2s_loc v[H2S_PTS_LIMIT + 1];
  uint32_t n;
} snapshot;

static void take(const h2s_graph *g, h2s_loc l, snapshot *s) {
  const locset *p = &g->locs[l].pts;
  s->n = p->n;
  memcpy(s->v, p->v, p->n * sizeof *p->v);
}

/* dst reads `k` loads below what `src` holds: src's set (k = 0) or the
 * contents of each object in it (k >= 1). Registers the edge on src so that
 * src's later growth reaches dst. */
static void derive(h2s_graph *g, h2s_loc src, h2s_loc dst, int k) {
  loc *s = &g->locs[src];
  if (k == 0 && src == dst)
    return;
  if (src == H2S_HEAP || s->collapsed) {
    /* the wildcard's set never grows: {HEAP}, whatever the loads */
    add_pts(g, dst, H2S_HEAP);
    return;
  }
  spend(g);
  if (!dyn_insert(g, src, dst, k))
    return;
  s = &g->locs[src];
  if (k == 0) {
    h2s_arena_grow(g, (void **)&s->copies, &s->capcopies, s->ncopies + 1,
                   sizeof *s->copies);
    s->copies[s->ncopies++] = dst;
  } else {
    h2s_arena_grow(g, (void **)&s->loads, &s->caploads, s->nloads + 1,
                   sizeof *s->loads);
    s->loads[s->nloads++] = (load){dst, k};
  }
  snapshot now;
  take(g, src, &now);
  for (uint32_t i = 0; i < now.n; i++) {
    if (k == 0)
      add_pts(g, dst, now.v[i]);
    else
      derive(g, now.v[i], dst, k - 1);
  }
}

void points_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs) {
  if (dst == H2S_HEAP || g->locs[dst].collapsed)
    return; /* the wildcard stands for anything */
  if (derefs < 0)
    add_pts(g, dst, src);
  else
    derive(g, src, dst, derefs);
}

void h2s_store_edge(h2s_graph *g, h2s_loc ptr, h2s_loc val, int derefs,
                    int tag, void *why) {
  if (ptr < 0 || (uint32_t)ptr >= g->n || val < 0 || (uint32_t)val >= g->n)
    h2s_die("location out of range");
  if (ptr == H2S_HEAP) {
    h2s_edge(g, H2S_HEAP, val, derefs, tag, why);
    return;
  }
  loc *p = &g->locs[ptr];
  h2s_arena_grow(g, (void **)&p->stores, &p->capstores, p->nstores + 1,
                 sizeof *p->stores);
  p->stores[p->nstores++] = (store){val, derefs, tag, why};
  enqueue(g, ptr); /* connected to ptr's whole set by the next solve */
}

/* Push l's delta along its copies, loads and stores; connect stores added
 * since the last visit to l's whole set. */
static void visit(h2s_graph *g, h2s_loc l, locset *d) {
  loc *x = &g->locs[l];
  /* take the delta: growth during this visit queues l again */
  locset t = x->delta;
  x->delta = *d;
  x->delta.n = 0;
  *d = t;
  /* Edges added from here on were given l's whole set when created. */
  uint32_t ncopies = x->ncopies, nloads = x->nloads;
  uint32_t old_stores = x->stores_done, nstores = x->nstores;
  x->stores_done = nstores;
  for (uint32_t i = 0; i < ncopies; i++) {
    h2s_loc dst = g->locs[l].copies[i];
    for (uint32_t j = 0; j < d->n; j++)
      add_pts(g, dst, d->v[j]);
  }
  for (uint32_t i = 0; i < nloads; i++) {
    load ld = g->locs[l].loads[i];
    for (uint32_t j = 0; j < d->n; j++)
      derive(g, d->v[j], ld.dst, ld.k - 1);
  }
  if (nstores == 0)
    return;
  for (uint32_t i = 0; i < old_stores; i++) {
    store st = g->locs[l].stores[i];
    for (uint32_t j = 0; j < d->n; j++)
      h2s_edge(g, d->v[j], st.val, st.derefs, st.tag, st.why);
  }
  if (old_stores == nstores)
    return;
  snapshot all;
  take(g, l, &all);
  for (uint32_t i = old_stores; i < nstores; i++) {
    store st = g->locs[l].stores[i];
    for (uint32_t j = 0; j < all.n; j++)
      h2s_edge(g, all.v[j], st.val, st.derefs, st.tag, st.why);
  }
}

int h2s_points_to_solve(h2s_graph *g) {
  locset d = {0};
  while (g->headwork < g->nwork) {
    h2s_loc l = g->work[g->headwork++];
    g->locs[l].queued_pts = 0;
    visit(g, l, &d);
  }
  g->headwork = g->nwork = 0; /* d's buffer belongs to the arena */
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
/* Append x to the list r (n of cap) unless already seen. */
static void reach_add(h2s_hash *seen, h2s_loc **r, size_t *n, size_t *cap,
                      h2s_loc x) {
  int fresh;
  h2s_hash_put(seen, (uint64_t)(uint32_t)x, 0, &fresh);
  if (!fresh)
    return;
  H2S_PUSH(*r, *n, *cap, x, 16);
}

size_t h2s_reachable(const h2s_graph *g, const h2s_loc *from, size_t nfrom,
                     h2s_loc **out) {
  h2s_hash seen = {0};
  h2s_loc *r = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < nfrom; i++) {
    if (from[i] < 0 || (uint32_t)from[i] >= g->n)
      h2s_die("location out of range");
    const locset *s = &g->locs[from[i]].pts;
    for (uint32_t j = 0; j < s->n; j++)
      reach_add(&seen, &r, &n, &cap, s->v[j]);
  }
  /* breadth-first over contents: r doubles as the queue */
  for (size_t k = 0; k < n; k++) {
    const locset *c = &g->locs[r[k]].pts;
    for (uint32_t j = 0; j < c->n; j++)
      reach_add(&seen, &r, &n, &cap, c->v[j]);
  }
  h2s_hash_free(&seen);
  *out = r;
  return n;
}

int h2s_may_reach(const h2s_graph *g, h2s_loc l, h2s_loc obj) {
  h2s_loc *r;
  size_t n = h2s_reachable(g, &l, 1, &r);
  int found = 0;
  for (size_t i = 0; i < n && !found; i++)
    found = r[i] == obj;
  free(r);
  return found;
}
