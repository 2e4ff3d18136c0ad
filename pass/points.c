/* points.c: which objects each location may point to, Andersen-style, on the
 * escape graph's own edges. This is what lets a store `*p = v` write into the
 * objects p may point to instead of the heap.
 *
 * An object's set is its contents. For an edge dst <- src (d):
 *   d = -1: dst may point to src (src is an object);
 *   d =  0: dst may point to whatever src may point to;
 *   d >= 1: dst may point to whatever is d loads away from src.
 * A store constraint on p adds the edge O <- v for every object O in p's set
 * as the set grows.
 *
 * H2S_HEAP is the wildcard: unknown memory, or any object that escapes. Its
 * own set is always {H2S_HEAP}. Sound because every object stored into the
 * heap escapes (the escape walk follows the same edges), and a load from
 * unknown memory yields the wildcard. A set that would pass H2S_PTS_LIMIT
 * collapses to {H2S_HEAP} with an edge heap <- l (0), so that what it pointed
 * to escapes: bounded sets keep the solve near-linear.
 *
 * The solve is an incremental worklist: a location is recomputed from its
 * in-edges when it has new edges, when a set it copies grows (`users`), or
 * when the contents it loads grow (`lusers`). */
#include "engine.h"

#include <string.h>

void points_free_loc(loc *l) {
  free(l->users);
  locset_free(&l->lusers);
  for (uint32_t i = 0; i < l->nstores; i++)
    locset_free(&l->stores[i].done);
  free(l->stores);
}

static void mark_pending(h2s_graph *g, h2s_loc l) {
  loc *x = &g->locs[l];
  if (x->pending)
    return;
  x->pending = 1;
  if (g->npending == g->cappending) {
    g->cappending = g->cappending ? g->cappending * 2 : 64;
    g->pending = h2s_xrealloc(g->pending, g->cappending * sizeof *g->pending);
  }
  g->pending[g->npending++] = l;
}

void points_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs) {
  if (derefs >= 0) {
    loc *s = &g->locs[src];
    if (s->nusers == s->capusers) {
      s->capusers = s->capusers ? s->capusers * 2 : 4;
      s->users = h2s_xrealloc(s->users, s->capusers * sizeof *s->users);
    }
    s->users[s->nusers++] = (use){dst};
  }
  mark_pending(g, dst);
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
  if (p->nstores == p->capstores) {
    p->capstores = p->capstores ? p->capstores * 2 : 2;
    p->stores = h2s_xrealloc(p->stores, p->capstores * sizeof *p->stores);
  }
  p->stores[p->nstores++] = (store){val, derefs, tag, why, {0}};
  mark_pending(g, ptr); /* its targets must be connected */
}

typedef struct solver {
  h2s_graph *g;
  h2s_loc *q;
  uint32_t head, len, cap;
  uint8_t *queued;
  locset tmp, cur, next;
} solver;

static void enqueue(solver *s, h2s_loc l) {
  if (l == H2S_HEAP || s->queued[l])
    return;
  if (s->len == s->cap) {
    /* grow the ring, unrolling it */
    uint32_t cap = s->cap * 2;
    h2s_loc *q = h2s_xmalloc(cap * sizeof *q);
    for (uint32_t i = 0; i < s->len; i++)
      q[i] = s->q[(s->head + i) % s->cap];
    free(s->q);
    s->q = q;
    s->head = 0;
    s->cap = cap;
  }
  s->queued[l] = 1;
  s->q[(s->head + s->len++) % s->cap] = l;
}

/* dst |= the set `derefs` loads below src; dst is registered as a reader of
 * every object whose contents it reads. */
static int flow(solver *s, h2s_loc dst, locset *set, h2s_loc src, int derefs) {
  h2s_graph *g = s->g;
  if (derefs < 0)
    return locset_add(set, src);
  if (derefs == 0)
    return locset_union(set, &g->locs[src].pts, &s->tmp);
  s->cur.n = 0;
  locset_union(&s->cur, &g->locs[src].pts, &s->tmp);
  for (int k = 0; k < derefs; k++) {
    s->next.n = 0;
    for (uint32_t i = 0; i < s->cur.n; i++) {
      loc *o = &g->locs[s->cur.v[i]];
      if (!o->collapsed) /* a collapsed set never grows */
        locset_add(&o->lusers, dst);
      locset_union(&s->next, &o->pts, &s->tmp);
    }
    locset t = s->cur;
    s->cur = s->next;
    s->next = t;
  }
  return locset_union(set, &s->cur, &s->tmp);
}

/* Replace an oversized set by the wildcard; what it pointed to escapes. */
static void collapse(solver *s, h2s_loc l) {
  loc *x = &s->g->locs[l];
  x->collapsed = 1;
  x->pts.n = 0;
  locset_add(&x->pts, H2S_HEAP);
  h2s_edge(s->g, H2S_HEAP, l, 0, H2S_TAG_COLLAPSED, NULL);
}

/* Connect l's stores to every object l may point to. */
static void connect_stores(solver *s, h2s_loc l) {
  h2s_graph *g = s->g;
  for (uint32_t k = 0; k < g->locs[l].nstores; k++) {
    for (uint32_t i = 0; i < g->locs[l].pts.n; i++) {
      loc *x = &g->locs[l];
      store *st = &x->stores[k];
      h2s_loc o = x->pts.v[i];
      if (!locset_add(&st->done, o))
        continue;
      h2s_edge(g, o, st->val, st->derefs, st->tag, st->why);
      enqueue(s, o);
    }
  }
}

/* Recompute l from all its in-edges; 1 when its set grew. */
static int update(solver *s, h2s_loc l) {
  loc *x = &s->g->locs[l];
  if (x->collapsed)
    return 0;
  int grew = 0;
  for (uint32_t k = 0; k < x->nin; k++) {
    const edge *e = &x->in[k];
    if (e->src == l && e->derefs == 0)
      continue;
    grew |= flow(s, l, &x->pts, e->src, e->derefs);
  }
  if (x->pts.n > H2S_PTS_LIMIT) {
    collapse(s, l);
    grew = 1;
  }
  return grew;
}

int h2s_points_to_solve(h2s_graph *g) {
  if (g->npending == 0)
    return 0;
  solver s = {g, NULL, 0, 0, 64, NULL, {0}, {0}, {0}};
  s.q = h2s_xmalloc(s.cap * sizeof *s.q);
  s.queued = h2s_xcalloc(g->n, 1);
  for (uint32_t i = 0; i < g->npending; i++) {
    g->locs[g->pending[i]].pending = 0;
    enqueue(&s, g->pending[i]);
  }
  g->npending = 0;
  while (s.len > 0) {
    h2s_loc l = s.q[s.head];
    s.head = (s.head + 1) % s.cap;
    s.len--;
    s.queued[l] = 0;
    int grew = update(&s, l);
    loc *x = &g->locs[l];
    if (grew || x->nstores)
      connect_stores(&s, l);
    if (!grew)
      continue;
    x = &g->locs[l];
    for (uint32_t k = 0; k < x->nusers; k++)
      enqueue(&s, x->users[k].dst);
    for (uint32_t k = 0; k < x->lusers.n; k++)
      enqueue(&s, x->lusers.v[k]);
  }
  /* Edges added inside the loop were processed by it. */
  for (uint32_t i = 0; i < g->npending; i++)
    g->locs[g->pending[i]].pending = 0;
  g->npending = 0;
  locset_free(&s.tmp);
  locset_free(&s.cur);
  locset_free(&s.next);
  free(s.q);
  free(s.queued);
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
