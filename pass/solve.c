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
 * locations whose loop depth is smaller than some object's in the same
 * function (only those can outlive something). */
#include "engine.h"

#include <string.h>

/* Does `root` outlive `l` (Go's batch.outlives)? */
static int outlives(const h2s_graph *g, const loc *root, const loc *l) {
  if (root->escapes)
    return 1;
  if (root == &g->locs[H2S_MUTATOR] || root == &g->locs[H2S_CALLEE])
    return 0;
  /* Callers may do anything with results: they outlive everything. */
  if (root->kind == H2S_LOC_RESULT)
    return 1;
  return root->fn == l->fn && root->depth < l->depth;
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

/* Record why `l` escapes: the root, the edge that entered it, and with
 * `explain` the whole path. The dst chain was set by the current walk. */
static void record(h2s_graph *g, h2s_loc l, h2s_loc root, int explain) {
  loc *x = &g->locs[l];
  const loc *r = &g->locs[root];
  x->reason.root = root;
  x->reason.by_depth = !r->escapes && r->kind != H2S_LOC_RESULT;
  uint32_t steps = 0;
  for (h2s_loc c = l; c != root && c != H2S_NOLOC && steps <= g->n; steps++) {
    const loc *cl = &g->locs[c];
    const edge *e = &g->locs[cl->dst].in[cl->dst_edge];
    x->reason.tag = e->tag;
    x->reason.why = e->why;
    c = cl->dst;
  }
  if (!explain)
    return;
  free(x->path);
  x->path = h2s_xcalloc(steps ? steps : 1, sizeof *x->path);
  x->npath = 0;
  for (h2s_loc c = l; c != root && c != H2S_NOLOC && x->npath < steps;) {
    const loc *cl = &g->locs[c];
    const edge *e = &g->locs[cl->dst].in[cl->dst_edge];
    x->path[x->npath++] = (h2s_step){cl->dst, c, e->derefs, e->tag, e->why};
    c = cl->dst;
  }
}

static void walk_one(h2s_graph *g, h2s_loc root, uint32_t gen, deque *q,
                     h2s_loc **stack, uint32_t *stackcap, int explain) {
  loc *r = &g->locs[root];
  r->walkgen = gen;
  r->derefs = 0;
  r->dst = H2S_NOLOC;
  int mutates = r->escapes || root == H2S_MUTATOR;
  int calls = r->escapes || root == H2S_CALLEE;

  uint32_t top = 0;
  (*stack)[top++] = root;
  while (top > 0) {
    h2s_loc li = (*stack)[--top];
    loc *l = &g->locs[li];
    int derefs = l->derefs;
    if (derefs < 0) {
      /* l's address flows to root. For "root = &l; l = x", x's address
       * does not: bound derefs below at 0. */
      derefs = 0;
      if (outlives(g, r, l) && !l->escapes) {
        l->escapes = 1;
        record(g, li, root, explain);
        enqueue(g, q, li);
      }
    }
    if (l->kind == H2S_LOC_PARAM) {
      if (outlives(g, r, l))
        leak_to(g, l, r, derefs);
      if (mutates)
        leak_mutator(l, derefs);
      if (calls)
        leak_callee(l, derefs);
    }
    for (uint32_t i = 0; i < l->nin; i++) {
      const edge *e = &l->in[i];
      loc *s = &g->locs[e->src];
      if (s->escapes && e->src != root)
        continue; /* already walked as a root of its own */
      int d = derefs + e->derefs;
      if (s->walkgen != gen || s->derefs > d) {
        s->walkgen = gen;
        s->derefs = d;
        s->dst = li;
        s->dst_edge = i;
        if (top == *stackcap) {
          *stackcap *= 2;
          *stack = h2s_xrealloc(*stack, *stackcap * sizeof **stack);
        }
        (*stack)[top++] = e->src;
      }
    }
    /* A location may be pushed again with smaller derefs; the stack never
     * holds more entries than edges walked, bounded by the growth above. */
  }
}

int h2s_escape_solve(h2s_graph *g, int explain) {
  /* Which functions have objects at which depth: a location can only
   * outlive something if its depth is below the deepest object of its
   * function. Functions are small integers in practice; use a sorted scan. */
  int maxfn = -1;
  for (uint32_t i = 0; i < g->n; i++)
    if (g->locs[i].fn > maxfn)
      maxfn = g->locs[i].fn;
  int *deepest = h2s_xcalloc((size_t)maxfn + 2, sizeof *deepest);
  for (uint32_t i = 0; i < g->n; i++) {
    const loc *l = &g->locs[i];
    if (l->kind == H2S_LOC_OBJECT && l->fn >= 0 && l->depth > deepest[l->fn])
      deepest[l->fn] = l->depth;
  }

  deque q = {h2s_xmalloc((g->n + 1) * sizeof(h2s_loc)), g->n + 1, 0, 0};
  for (uint32_t i = 0; i < g->n; i++) {
    loc *l = &g->locs[i];
    l->queued = 0;
    l->walkgen = 0;
    int root = l->kind == H2S_LOC_PSEUDO || l->kind == H2S_LOC_RESULT ||
               l->escapes || (l->fn >= 0 && l->depth < deepest[l->fn]);
    if (root)
      enqueue(g, &q, (h2s_loc)i);
  }
  free(deepest);

  uint32_t stackcap = 64;
  h2s_loc *stack = h2s_xmalloc(stackcap * sizeof *stack);
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
    walk_one(g, root, gen, &q, &stack, &stackcap, explain);
  }
  free(stack);
  free(q.v);
  return 0;
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
