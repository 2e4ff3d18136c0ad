/* scc.c: the module's functions in bottom-up order of the call graph, one
 * strongly connected component at a time (Go's VisitFuncsBottomUp), so that
 * a function is analysed after the functions it calls and can use their
 * summaries. Tarjan's algorithm over direct calls, iterative so that deep
 * call chains cannot overflow the stack. */
#include "h2s.h"

#include <stdlib.h>

typedef struct node {
  LLVMValueRef fn;
  int index, low, onstack;
  LLVMValueRef *callees; /* defined functions called directly */
  size_t ncallees;
  size_t next; /* DFS: the next callee to visit */
} node;

static int find(node *nodes, size_t n, LLVMValueRef fn) {
  /* nodes are sorted by address */
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((uintptr_t)nodes[mid].fn < (uintptr_t)fn)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && nodes[lo].fn == fn ? (int)lo : -1;
}

static int by_address(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const node *)a)->fn;
  uintptr_t y = (uintptr_t)((const node *)b)->fn;
  return x < y ? -1 : x > y;
}

static void collect_callees(node *nd) {
  size_t cap = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(nd->fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      LLVMValueRef f = h2s_called_function(i);
      if (!f || LLVMIsDeclaration(f))
        continue;
      if (nd->ncallees == cap) {
        cap = cap ? cap * 2 : 8;
        nd->callees = h2s_xrealloc(nd->callees, cap * sizeof *nd->callees);
      }
      nd->callees[nd->ncallees++] = f;
    }
}

/* Can `from` call back into `target`, through direct calls between
 * functions defined here? Unknown code on the way (an indirect call) may.
 * For the function pass, which does not see SCCs. */
static int reaches(LLVMValueRef from, LLVMValueRef target, int from_counts) {
  size_t cap = 64, n = 0, nseen = 0, capseen = 64;
  LLVMValueRef *stack = h2s_xmalloc(cap * sizeof *stack);
  LLVMValueRef *seen = h2s_xmalloc(capseen * sizeof *seen);
  int found = 0, first = 1;
  stack[n++] = from;
  while (n > 0 && !found) {
    LLVMValueRef f = stack[--n];
    if (f == target && (from_counts || !first)) {
      found = 1;
      break;
    }
    int dup = 0;
    for (size_t i = 0; i < nseen && !dup; i++)
      dup = seen[i] == f;
    first = 0;
    if (dup || LLVMIsDeclaration(f))
      continue;
    if (nseen == capseen)
      seen = h2s_xrealloc(seen, (capseen *= 2) * sizeof *seen);
    seen[nseen++] = f;
    if (nseen > 4096) {
      found = 1; /* too far to look: assume it may */
      break;
    }
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb && !found;
         bb = LLVMGetNextBasicBlock(bb))
      for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
           i = LLVMGetNextInstruction(i)) {
        if (!h2s_is_call(i))
          continue;
        LLVMValueRef c = h2s_called_function(i);
        if (!c) {
          if (!LLVMIsAInlineAsm(LLVMGetCalledValue(i)))
            found = 1;
          continue;
        }
        if (n == cap)
          stack = h2s_xrealloc(stack, (cap *= 2) * sizeof *stack);
        stack[n++] = c;
      }
  }
  free(stack);
  free(seen);
  return found;
}

int h2s_may_call_back(LLVMValueRef from, LLVMValueRef target) {
  return reaches(from, target, 1);
}

/* Can fn be active twice at once: a cycle of direct calls through it, or
 * an indirect call on the way (which may call back)? */
int h2s_in_cycle(LLVMValueRef fn) { return reaches(fn, fn, 0); }

int h2s_run_module(h2s_host *h, const h2s_options *o, LLVMModuleRef m) {
  size_t n = 0, cap = 0;
  node *nodes = NULL;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
    if (LLVMIsDeclaration(f))
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      nodes = h2s_xrealloc(nodes, cap * sizeof *nodes);
    }
    nodes[n++] = (node){f, -1, 0, 0, NULL, 0, 0};
  }
  if (n == 0) {
    free(nodes);
    return 0;
  }
  /* Sort by address for lookup; visit in module order for determinism. */
  LLVMValueRef *order = h2s_xmalloc(n * sizeof *order);
  for (size_t i = 0; i < n; i++)
    order[i] = nodes[i].fn;
  qsort(nodes, n, sizeof *nodes, by_address);
  for (size_t i = 0; i < n; i++)
    collect_callees(&nodes[i]);

  int *stack = h2s_xmalloc(n * sizeof *stack); /* Tarjan's stack */
  int *dfs = h2s_xmalloc(n * sizeof *dfs);     /* the DFS path */
  LLVMValueRef *scc = h2s_xmalloc(n * sizeof *scc);
  size_t sp = 0;
  int counter = 0, promoted = 0;
  for (size_t r = 0; r < n; r++) {
    int root = find(nodes, n, order[r]);
    if (nodes[root].index >= 0)
      continue;
    size_t dp = 0;
    dfs[dp++] = root;
    nodes[root].index = nodes[root].low = counter++;
    stack[sp++] = root;
    nodes[root].onstack = 1;
    while (dp > 0) {
      node *v = &nodes[dfs[dp - 1]];
      if (v->next < v->ncallees) {
        int w = find(nodes, n, v->callees[v->next++]);
        if (w < 0)
          continue;
        if (nodes[w].index < 0) {
          nodes[w].index = nodes[w].low = counter++;
          stack[sp++] = w;
          nodes[w].onstack = 1;
          dfs[dp++] = w;
        } else if (nodes[w].onstack && nodes[w].index < v->low) {
          v->low = nodes[w].index;
        }
        continue;
      }
      /* v is done: pop it, and emit its SCC if it is a root. */
      dp--;
      if (dp > 0 && v->low < nodes[dfs[dp - 1]].low)
        nodes[dfs[dp - 1]].low = v->low;
      if (v->low == v->index) {
        size_t k = 0;
        int w;
        do {
          w = stack[--sp];
          nodes[w].onstack = 0;
          scc[k++] = nodes[w].fn;
        } while (&nodes[w] != v);
        promoted += h2s_run_scc(h, o, scc, k);
      }
    }
  }
  for (size_t i = 0; i < n; i++)
    free(nodes[i].callees);
  free(nodes);
  free(order);
  free(stack);
  free(dfs);
  free(scc);
  return promoted;
}
