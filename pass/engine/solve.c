/* solve.c: Go's walkAll/walkOne (cmd/compile/internal/escape/solve.go).
 *
 * From every root, walk the reversed graph computing the minimum derefs with
 * which each location's value reaches the root. A location whose address
 * (derefs < 0) reaches a root that outlives it escapes, and is walked again
 * as a root so that what reaches it escapes too. A parameter's value reaching
 * the heap, a result, the mutator or the callee is recorded in its leaks.
 *
 * Go walks from every location. Here a location is a root only if the walk
 * can matter: the pseudo-locations, results, escaping locations, and
 * locations that live outside the loop of some object of the same function
 * (only those can outlive something). */
#include "engine.h"

#include <string.h>

/* Does `root` outlive `l` (Go's batch.outlives)? `skip` (a probe's
 * result, h2s_escapes_except) outlives nothing of its own. */
static int outlives(const h2s_graph *g, const loc *root, const loc *l) {
  if (root->escapes)
    return 1;
  if (g->skip != H2S_NOLOC && root == &g->locs[g->skip])
    return 0;
  if (root == &g->locs[H2S_MUTATOR] || root == &g->locs[H2S_CALLEE])
    return 0;
  /* Callers may do anything with results: they outlive everything. */
  if (root->kind == H2S_LOC_RESULT)
    return 1;
  if (root->fn != l->fn)
    return 0;
  /* Loop scopes: the root lives outside l's loop (an outer loop, or a
   * sibling one) unless its scope is inside l's. */
  if (root->has_scope && l->has_scope)
    return !(l->scope_lo <= root->scope_lo && root->scope_hi <= l->scope_hi);
  return root->depth < l->depth;
}

/* A double-ended queue of roots (Go pushes escaping roots to the front so
 * they are walked first and non-escaping ones are walked last, with their
 * final attributes). */
typedef struct deque {
  h2s_loc *v;
  uint32_t cap, head, len;
} deque;

static void dq_push(deque *q, h2s_loc l, int front) {
  if (q->len == q->cap)
    h2s_die("root queue overflow");
  if (front) {
    q->head = (q->head + q->cap - 1) % q->cap;
    q->v[q->head] = l;
  } else {
    q->v[(q->head + q->len) % q->cap] = l;
  }
  q->len++;
}

static h2s_loc dq_pop(deque *q) {
  h2s_loc l = q->v[q->head];
  q->head = (q->head + 1) % q->cap;
  q->len--;
  return l;
}

static void enqueue(h2s_graph *g, deque *q, h2s_loc l) {
  loc *x = &g->locs[l];
  if (x->queued)
    return;
  x->queued = 1;
  dq_push(q, l, x->escapes);
}

/* The walk's log: one hop per lowering of a location's derefs, naming the
 * edge that lowered it and the hop of that edge's dst at the time. Hops are
 * never overwritten, so following `from` always retraces a flow that
 * existed, down to the root (hop 0). Go keeps only the latest dst per
 * location, and its paths can then loop when a negative cycle lowered a
 * location twice (golang.org/issue/35518); a faithful path may visit a
 * location twice. `first` is the root's in-edge the flow entered by, so a
 * reason costs O(1) even on long paths. */
typedef struct hop {
  h2s_loc loc;
  uint32_t edge;  /* index in the in-edges of from's location */
  uint32_t from;  /* hop of the edge's dst */
  uint32_t first; /* index in the root's in-edges */
} hop;

typedef struct walk {
  hop *log;
  uint32_t nlog, caplog;
  h2s_loc *stack;
  uint32_t top, capstack;
} walk;

static uint32_t add_hop(walk *w, hop h) {
  if (w->nlog == UINT32_MAX)
    h2s_die("walk log overflow");
  H2S_RESERVE(w->log, w->caplog, (size_t)w->nlog + 1, 64);
  w->log[w->nlog] = h;
  return w->nlog++;
}

static void push(walk *w, h2s_loc l) {
  H2S_PUSH(w->stack, w->top, w->capstack, l, 64);
}

/* Record why `l` escapes: the root, the edge that entered it, and with
 * `explain` the whole path, all from l's hop in the current walk. */
static void record(h2s_graph *g, const walk *w, h2s_loc l, h2s_loc root,
                   int explain) {
  loc *x = &g->locs[l];
  const loc *r = &g->locs[root];
  x->reason.root = root;
  x->reason.by_depth = !r->escapes && r->kind != H2S_LOC_RESULT;
  x->reason.tag = 0;
  x->reason.why = NULL;
  if (x->hop != 0) {
    const edge *e = &r->in[w->log[x->hop].first];
    x->reason.tag = e->tag;
    x->reason.why = e->why;
  }
  if (!explain)
    return;
  uint32_t steps = 0;
  for (uint32_t k = x->hop; k != 0; k = w->log[k].from)
    steps++;
  free(x->path);
  x->path = NULL;
  x->npath = 0;
  if (steps == 0)
    return;
  x->path = h2s_xcalloc(steps, sizeof *x->path);
  for (uint32_t k = x->hop; k != 0; k = w->log[k].from) {
    const hop *h = &w->log[k];
    h2s_loc dst = w->log[h->from].loc;
    const edge *e = &g->locs[dst].in[h->edge];
    x->path[x->npath++] = (h2s_step){dst, h->loc, e->derefs, e->tag, e->why};
  }
}

static void walk_one(h2s_graph *g, h2s_loc root, uint32_t gen, deque *q,
                     walk *w, int explain) {
  loc *r = &g->locs[root];
  r->walkgen = gen;
  r->derefs = 0;
  w->nlog = 0;
  r->hop = add_hop(w, (hop){root, 0, 0, 0});
  int mutates = r->escapes || root == H2S_MUTATOR;
  int calls = r->escapes || root == H2S_CALLEE;

  w->top = 0;
  push(w, root);
  while (w->top > 0) {
    h2s_loc li = w->stack[--w->top];
    loc *l = &g->locs[li];
    int derefs = l->derefs;
    int newly = 0;
    if (derefs < 0) {
      /* l's address flows to root. For "root = &l; l = x", x's address
       * does not: bound derefs below at 0. */
      derefs = 0;
      if (outlives(g, r, l) && !l->escapes) {
        l->escapes = 1;
        newly = 1;
        record(g, w, li, root, explain);
        enqueue(g, q, li);
      }
    }
    if (l->kind == H2S_LOC_PARAM && g->skip == H2S_NOLOC) {
      if (outlives(g, r, l))
        leak_to(g, l, r, derefs);
      if (mutates)
        leak_mutator(l, derefs);
      if (calls)
        leak_callee(l, derefs);
    }
    /* Go: a location that just escaped is walked as a root of its own,
     * which reaches everything behind it with derefs from 0, as here. */
    if (newly)
      continue;
    for (uint32_t i = 0; i < l->nin; i++) {
      const edge *e = &l->in[i];
      loc *s = &g->locs[e->src];
      if (s->escapes)
        continue; /* already walked as a root of its own */
      int d = derefs + e->derefs;
      if (s->walkgen != gen || s->derefs > d) {
        s->walkgen = gen;
        s->derefs = d;
        uint32_t first = li == root ? i : w->log[l->hop].first;
        s->hop = add_hop(w, (hop){e->src, i, l->hop, first});
        push(w, e->src);
      }
    }
  }
}

/* The loops objects live in, per function: a location is only worth
 * walking from (by loop) if it lives outside one of them. */
typedef struct objscope {
  int fn, depth;
  uint32_t lo, hi;
  uint8_t has_scope;
} objscope;

static int by_fn(const void *a, const void *b) {
  const objscope *x = a, *y = b;
  if (x->fn != y->fn)
    return (x->fn > y->fn) - (x->fn < y->fn);
  if (x->lo != y->lo)
    return (x->lo > y->lo) - (x->lo < y->lo);
  if (x->hi != y->hi)
    return (x->hi > y->hi) - (x->hi < y->hi);
  return (x->depth > y->depth) - (x->depth < y->depth);
}

/* Too many loops with objects in one function: walk from everything. */
#define MAX_SCOPES 64

/* Can l outlive an object of its function by loop? */
static int may_outlive_by_loop(const objscope *v, uint32_t n, const loc *l) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v[mid].fn < l->fn)
      lo = mid + 1;
    else
      hi = mid;
  }
  uint32_t count = 0;
  for (uint32_t i = lo; i < n && v[i].fn == l->fn; i++, count++) {
    if (count == MAX_SCOPES)
      return 1;
    if (v[i].has_scope && l->has_scope) {
      if (!(v[i].lo <= l->scope_lo && l->scope_hi <= v[i].hi))
        return 1;
    } else if (l->depth < v[i].depth) {
      return 1;
    }
  }
  return 0;
}

static void solve_all(h2s_graph *g, int explain) {
  objscope *scopes = h2s_xmalloc(((size_t)g->n + 1) * sizeof *scopes);
  uint32_t ns = 0;
  for (uint32_t i = 0; i < g->n; i++) {
    const loc *l = &g->locs[i];
    if (l->kind != H2S_LOC_OBJECT)
      continue;
    int inloop = l->has_scope ? !(l->scope_lo == 0 && l->scope_hi == UINT32_MAX)
                              : l->depth > 0;
    if (inloop)
      scopes[ns++] = (objscope){l->fn, l->depth, l->scope_lo, l->scope_hi,
                                l->has_scope};
  }
  qsort(scopes, ns, sizeof *scopes, by_fn);
  uint32_t nu = 0;
  for (uint32_t i = 0; i < ns; i++)
    if (nu == 0 || by_fn(&scopes[nu - 1], &scopes[i]) != 0)
      scopes[nu++] = scopes[i];

  deque q = {h2s_xmalloc((g->n + 1) * sizeof(h2s_loc)), g->n + 1, 0, 0};
  for (uint32_t i = 0; i < g->n; i++) {
    loc *l = &g->locs[i];
    l->queued = 0;
    l->walkgen = 0;
    int root = l->kind == H2S_LOC_PSEUDO ||
               (l->kind == H2S_LOC_RESULT && (h2s_loc)i != g->skip) ||
               l->escapes || may_outlive_by_loop(scopes, nu, l);
    if (root)
      enqueue(g, &q, (h2s_loc)i);
  }
  free(scopes);

  walk w = {0};
  uint32_t gen = 0;
  while (q.len > 0) {
    h2s_loc root = dq_pop(&q);
    g->locs[root].queued = 0;
    if (++gen == 0) {
      /* walkgen wrapped: clear it so stale marks cannot match */
      for (uint32_t i = 0; i < g->n; i++)
        g->locs[i].walkgen = 0;
      gen = 1;
    }
    walk_one(g, root, gen, &q, &w, explain);
  }
  free(w.log);
  free(w.stack);
  free(q.v);
}

int h2s_escape_solve(h2s_graph *g, int explain) {
  solve_all(g, explain);
  return 0;
}

/* A probe: the same walk from scratch with `skip` not a root, on saved and
 * restored escape state (leaks are not touched: the probe has fewer roots,
 * so it could only find leaks the real solve found). */
void h2s_escapes_except(h2s_graph *g, h2s_loc skip, uint8_t *out) {
  if (skip < 0 || (uint32_t)skip >= g->n)
    h2s_die("location out of range");
  uint8_t *esc = h2s_xmalloc((size_t)g->n + 1);
  h2s_escape_info *why = h2s_xmalloc(((size_t)g->n + 1) * sizeof *why);
  for (uint32_t i = 0; i < g->n; i++) {
    esc[i] = g->locs[i].escapes;
    why[i] = g->locs[i].reason;
    g->locs[i].escapes = i == H2S_HEAP; /* as h2s_graph_new left it */
  }
  g->skip = skip;
  solve_all(g, 0);
  g->skip = H2S_NOLOC;
  for (uint32_t i = 0; i < g->n; i++) {
    out[i] = g->locs[i].escapes;
    g->locs[i].escapes = esc[i];
    g->locs[i].reason = why[i];
  }
  free(esc);
  free(why);
}

int h2s_escapes(const h2s_graph *g, h2s_loc l) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  return g->locs[l].escapes;
}

int h2s_escape_reason(const h2s_graph *g, h2s_loc l, h2s_escape_info *out) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  const loc *x = &g->locs[l];
  if (!x->escapes || x->reason.root == H2S_NOLOC)
    return -1;
  *out = x->reason;
  return 0;
}

const h2s_step *h2s_escape_path(const h2s_graph *g, h2s_loc l, size_t *n) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  *n = g->locs[l].npath;
  return g->locs[l].path;
}
