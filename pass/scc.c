/* scc.c: the call graph of direct calls between functions defined here,
 * for h2s_run_module: the module's functions in bottom-up order, one
 * strongly connected component at a time (Go's VisitFuncsBottomUp), so
 * that a function is analysed after the functions it calls and can use
 * their summaries. An iterative Tarjan's algorithm, so that deep call
 * chains cannot overflow the stack. Whether a function may recurse is
 * stack.c's question (it also counts code outside the module). */
#include "h2s.h"

#include <stdlib.h>

/* Appends the defined functions fn calls directly to *list (in instruction
 * order, repeats included). Returns 1 when fn makes an indirect call that
 * is not inline assembly (unknown code, which may call back); *self (if not
 * NULL) is set when fn calls itself. */
static int scan_calls(LLVMValueRef fn, LLVMValueRef **list, size_t *n,
                      size_t *cap, int *self) {
  int unknown = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      LLVMValueRef f = h2s_called_function(i);
      if (!f) {
        if (!LLVMIsAInlineAsm(LLVMGetCalledValue(i)))
          unknown = 1;
        continue;
      }
      if (f == fn && self)
        *self = 1;
      if (LLVMIsDeclaration(f))
        continue;
      H2S_PUSH(*list, *n, *cap, f, 64);
    }
  return unknown;
}

/* ---- may a function be active twice at once? ----------------------------
 * Yes when it is on a cycle of direct calls (or calls itself), or when an
 * indirect call (unknown code, which may call back) is reachable from it.
 * Tarjan's algorithm over the functions reachable from the queries, grown
 * lazily: each function's calls are scanned once for all the queries of
 * one h2s_cycles. */

typedef struct cnode {
  LLVMValueRef fn;
  size_t callees, ncallees, next; /* callees: first, in the pool */
  int index, low, onstack;
  int self;    /* calls itself */
  int unknown; /* reaches an indirect call (final once its SCC is done) */
  int scc;     /* its SCC's root index once done, else -1 */
  int answer;
} cnode;

struct h2s_cycles {
  cnode *nodes;
  size_t n, cap;
  LLVMValueRef *pool; /* every node's defined callees, one after another */
  size_t npool, cappool;
  int *stack, *dfs; /* Tarjan's stack, the DFS path; both < n */
  h2s_vmap *index;  /* function -> node */
  /* Called with each SCC as it is completed (callees' SCCs first), its
   * functions in the order they leave Tarjan's stack. */
  void (*on_scc)(void *ctx, LLVMValueRef *fns, size_t n);
  void *ctx;
  LLVMValueRef *members;
};

h2s_cycles *h2s_cycles_new(void) {
  h2s_cycles *c = h2s_xcalloc(1, sizeof *c);
  c->index = h2s_vmap_new();
  return c;
}

void h2s_cycles_free(h2s_cycles *c) {
  if (!c)
    return;
  free(c->nodes);
  free(c->pool);
  free(c->stack);
  free(c->dfs);
  free(c->members);
  h2s_vmap_free(c->index);
  free(c);
}

/* A new node for fn, its calls scanned. */
static int cycles_add(h2s_cycles *c, LLVMValueRef fn) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 64;
    c->nodes = h2s_xrealloc(c->nodes, c->cap * sizeof *c->nodes);
    c->stack = h2s_xrealloc(c->stack, c->cap * sizeof *c->stack);
    c->dfs = h2s_xrealloc(c->dfs, c->cap * sizeof *c->dfs);
    if (c->on_scc)
      c->members = h2s_xrealloc(c->members, c->cap * sizeof *c->members);
  }
  int id = (int)c->n++;
  cnode *v = &c->nodes[id];
  *v = (cnode){.fn = fn, .callees = c->npool, .index = id, .low = id,
               .scc = -1};
  v->unknown = scan_calls(fn, &c->pool, &c->npool, &c->cappool, &v->self);
  v->ncallees = c->npool - v->callees;
  h2s_vmap_put(c->index, fn, id);
  return id;
}

int h2s_cycles_query(h2s_cycles *c, LLVMValueRef fn) {
  if (LLVMIsDeclaration(fn))
    return 0;
  int r = h2s_vmap_get(c->index, fn);
  if (r != H2S_NOLOC)
    return c->nodes[r].answer;
  r = cycles_add(c, fn);
  size_t dp = 0, sp = 0;
  c->dfs[dp++] = r;
  c->stack[sp++] = r;
  c->nodes[r].onstack = 1;
  while (dp > 0) {
    int vi = c->dfs[dp - 1];
    cnode *v = &c->nodes[vi];
    if (v->next < v->ncallees) {
      LLVMValueRef callee = c->pool[v->callees + v->next++];
      int w = h2s_vmap_get(c->index, callee);
      if (w == H2S_NOLOC) {
        w = cycles_add(c, callee);
        c->stack[sp++] = w;
        c->nodes[w].onstack = 1;
        c->dfs[dp++] = w;
      } else if (c->nodes[w].onstack) {
        if (c->nodes[w].index < v->low)
          v->low = c->nodes[w].index;
      } else if (c->nodes[w].unknown) {
        v->unknown = 1; /* done, and reaches unknown code */
      }
      continue;
    }
    dp--;
    if (dp > 0 && v->low < c->nodes[c->dfs[dp - 1]].low)
      c->nodes[c->dfs[dp - 1]].low = v->low;
    if (v->low != v->index)
      continue;
    /* v roots an SCC: stack[first..sp). Done SCCs below it are final. */
    size_t first = sp;
    do
      first--;
    while (c->stack[first] != vi);
    int unknown = 0;
    for (size_t k = first; k < sp; k++)
      c->nodes[c->stack[k]].scc = vi;
    for (size_t k = first; k < sp && !unknown; k++) {
      cnode *m = &c->nodes[c->stack[k]];
      unknown = m->unknown;
      for (size_t j = 0; j < m->ncallees && !unknown; j++) {
        int w = h2s_vmap_get(c->index, c->pool[m->callees + j]);
        unknown = w == H2S_NOLOC || (c->nodes[w].scc != vi &&
                                     c->nodes[w].unknown);
      }
    }
    int cycle = sp - first > 1 || v->self;
    for (size_t k = first; k < sp; k++) {
      cnode *m = &c->nodes[c->stack[k]];
      m->onstack = 0;
      m->unknown = unknown;
      m->answer = cycle || unknown;
    }
    if (c->on_scc) {
      for (size_t k = sp; k > first; k--)
        c->members[sp - k] = c->nodes[c->stack[k - 1]].fn;
      c->on_scc(c->ctx, c->members, sp - first);
    }
    sp = first;
  }
  return c->nodes[r].answer;
}

typedef struct module_run {
  h2s_host *h;
  const h2s_options *o;
  int promoted;
} module_run;

static void run_scc(void *ctx, LLVMValueRef *fns, size_t n) {
  module_run *r = ctx;
  r->promoted += h2s_run_scc(r->h, r->o, fns, n);
}

int h2s_run_module(h2s_host *h, const h2s_options *o, LLVMModuleRef m) {
  /* Recursion answers for this module as it is now (stack.c), then the
   * SCCs, walked from each function in module order for determinism; a
   * function is scanned before its SCC is analysed and rewritten. */
  h2s_recursion_publish(h, o, m);
  module_run r = {h, o, 0};
  h2s_cycles *order = h2s_cycles_new();
  order->on_scc = run_scc;
  order->ctx = &r;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
    h2s_cycles_query(order, f);
  h2s_cycles_free(order);
  return r.promoted;
}
