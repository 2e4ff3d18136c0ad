/* stack.c: how much a promotion can grow the stack, by construction.
 *
 * - One definition of "may recurse", for the analysis (calls.c marks a
 *   function recursive) and for the inlining guard, after LLVM's CallGraph:
 *   the module's defined functions plus one node OUT for code the module
 *   cannot see. F -> G for a direct call to G defined here; F -> OUT for a
 *   call through a pointer, to a declaration that may call back, or to a
 *   definition another one may replace; OUT -> F when F is visible outside
 *   the module (but main) or its address is taken (any use but as a
 *   callee). F is recursive when it is on a cycle of direct calls, and may
 *   recurse when it is on a cycle through OUT. Two iterative Tarjans per
 *   module; the
 *   answer is published on every function as "heap2stack.recurses", so
 *   that each later run (one per SCC in clang's pipeline) reads it.
 * - The guard: a function that may recurse gets LLVM's
 *   "inline-max-stacksize" (the inliner then refuses callees whose allocas
 *   exceed it), so that no inlining, at compile or link time, can copy a
 *   promoted buffer larger than the recursive frame budgets (the larger of
 *   max-size-recursive and max-size-may-recurse) into a recursive frame.
 * - Call paths: "heap2stack.path" on each analysed function holds the most
 *   promoted bytes on any path of direct calls starting at it. */
#include "h2s.h"

#include <llvm-c/Target.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTR_RECURSES "heap2stack.recurses"
#define ATTR_STACKSIZE "inline-max-stacksize"
#define ATTR_PATH "heap2stack.path"
#define MD_PROMOTED "heap2stack.promoted"

static const char *str_attr(LLVMValueRef fn, const char *key, unsigned *len) {
  LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(
      fn, LLVMAttributeFunctionIndex, key, (unsigned)strlen(key));
  return a ? LLVMGetStringAttributeValue(a, len) : NULL;
}

static void set_attr(LLVMValueRef fn, const char *key, const char *val) {
  LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(fn));
  unsigned klen = (unsigned)strlen(key);
  LLVMRemoveStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex, key, klen);
  LLVMAddAttributeAtIndex(
      fn, LLVMAttributeFunctionIndex,
      LLVMCreateStringAttribute(ctx, key, klen, val, (unsigned)strlen(val)));
}

/* A decimal attribute value; `none` when absent or malformed. */
static uint64_t num_attr(LLVMValueRef fn, const char *key, uint64_t none) {
  unsigned len;
  const char *v = str_attr(fn, key, &len);
  if (!v || len == 0 || len > 19)
    return none;
  uint64_t n = 0;
  for (unsigned i = 0; i < len; i++) {
    if (v[i] < '0' || v[i] > '9')
      return none;
    n = n * 10 + (uint64_t)(v[i] - '0');
  }
  return n;
}

static void set_num_attr(LLVMValueRef fn, const char *key, uint64_t n) {
  char buf[24];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
  set_attr(fn, key, buf);
}

static int has_prefix(const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s, p, n) == 0;
}

/* May a call to fn, which has no body here, run code of this module?
 * Intrinsics are leaves (LLVM's Intrinsic::isLeaf), but for those that run
 * other code. Library functions TargetLibraryInfo knows call nothing of
 * ours, but for those that run the program's handlers or callbacks. Any
 * other declaration may, unless it promises nocallback; with
 * unseen-recursion=0 the user says they do not. */
static int may_call_back(h2s_host *h, const h2s_options *o, LLVMValueRef call,
                         LLVMValueRef fn, unsigned nocallback) {
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  if (LLVMGetIntrinsicID(fn))
    return has_prefix(name, len, "llvm.experimental.gc.statepoint") ||
           has_prefix(name, len, "llvm.experimental.patchpoint") ||
           has_prefix(name, len, "llvm.coro.");
  if (LLVMGetCallSiteEnumAttribute(call, LLVMAttributeFunctionIndex,
                                   nocallback) ||
      LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, nocallback))
    return 0;
  if (h2s_host_is_library(h, call)) {
    /* qsort's comparator, exit's atexit handlers and destructors, abort's
     * SIGABRT handler, __cxa_throw's terminate handler. */
    static const char *const calls_back[] = {"qsort", "exit", "abort",
                                             "__cxa_throw"};
    for (size_t i = 0; i < sizeof calls_back / sizeof *calls_back; i++)
      if (len == strlen(calls_back[i]) && memcmp(name, calls_back[i], len) == 0)
        return 1;
    return 0;
  }
  return o->unseen_recursion != 0;
}

/* Can another definition replace fn's at link time (weak, not ODR)? */
static int replaceable(LLVMValueRef fn) {
  LLVMLinkage l = LLVMGetLinkage(fn);
  return l == LLVMWeakAnyLinkage || l == LLVMLinkOnceAnyLinkage ||
         l == LLVMExternalWeakLinkage || l == LLVMCommonLinkage;
}

static int local_linkage(LLVMValueRef fn) {
  LLVMLinkage l = LLVMGetLinkage(fn);
  return l == LLVMInternalLinkage || l == LLVMPrivateLinkage;
}

/* The C runtime enters main once; code outside the module is assumed not
 * to call it again (a call from inside the module is an edge like any). */
static int is_main(LLVMValueRef fn) {
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  return len == 4 && memcmp(name, "main", 4) == 0;
}

/* The call graph with OUT (node n), as adjacency lists in one pool. */
typedef struct cgraph {
  LLVMValueRef *fns;
  size_t n;
  size_t *first, *count; /* per node: its edges in pool */
  int *pool;
  size_t npool, cappool;
  unsigned char *self, *taken;
  LLVMValueRef *outcall; /* per node: the first call that goes to OUT */
  unsigned char *entry;   /* why OUT calls it: 1 address taken, 2 visible */
  unsigned char *seen, *unseen; /* on a cycle: of direct calls; via OUT */
  int *comp, *ucomp;      /* the root of its component: without OUT; with */
} cgraph;

static void edge(cgraph *g, int to) {
  H2S_PUSH(g->pool, g->npool, g->cappool, to, 256);
}

static void scan_function(cgraph *g, h2s_host *h, const h2s_options *o,
                          h2s_vmap *index, size_t id, unsigned nocallback) {
  LLVMValueRef fn = g->fns[id];
  LLVMValueRef *out = &g->outcall[id];
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      /* A function passed as an argument is taken, whatever the callee. */
      unsigned nargs = LLVMGetNumArgOperands(i);
      for (unsigned k = 0; k < nargs; k++) {
        h2s_loc t = h2s_vmap_get(index, LLVMGetOperand(i, k));
        if (t != H2S_NOLOC)
          g->taken[t] = 1;
      }
      LLVMValueRef f = h2s_called_function(i);
      h2s_loc t = f ? h2s_vmap_get(index, f) : H2S_NOLOC;
      int to_out = !f   ? !LLVMIsAInlineAsm(LLVMGetCalledValue(i))
                   : t == H2S_NOLOC ? may_call_back(h, o, i, f, nocallback)
                                    : replaceable(f);
      if (to_out && !*out)
        *out = i;
      if (t == H2S_NOLOC)
        continue;
      if ((size_t)t == id)
        g->self[id] = 1;
      edge(g, t);
    }
  if (*out)
    edge(g, (int)g->n);
}

/* Is fn's address taken: a use other than as the callee of a call? */
static int address_taken(LLVMValueRef fn) {
  for (LLVMUseRef u = LLVMGetFirstUse(fn); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (!LLVMIsAInstruction(user) || !h2s_is_call(user) ||
        LLVMGetCalledValue(user) != fn)
      return 1;
  }
  return 0;
}

/* Tarjan's algorithm, iterative: cyclic[v] ends as 1 when v is on a cycle
 * of more than one node; with `out` 0, of direct calls alone. comp[v] is
 * the root of v's strongly connected component. */
static void find_cycles(const cgraph *g, int out, unsigned char *cyclic,
                        int *comp) {
  size_t nn = g->n + (out ? 1 : 0);
  int *index = h2s_xmalloc(nn * sizeof *index);
  int *low = h2s_xmalloc(nn * sizeof *low);
  size_t *next = h2s_xcalloc(nn, sizeof *next);
  int *stack = h2s_xmalloc(nn * sizeof *stack);
  int *dfs = h2s_xmalloc(nn * sizeof *dfs);
  unsigned char *onstack = h2s_xcalloc(nn, 1);
  size_t sp = 0, counter = 0;
  for (size_t v = 0; v < nn; v++)
    index[v] = -1;
  for (size_t root = 0; root < nn; root++) {
    if (index[root] >= 0)
      continue;
    size_t dp = 0;
    dfs[dp++] = (int)root;
    index[root] = low[root] = (int)counter++;
    stack[sp++] = (int)root;
    onstack[root] = 1;
    while (dp > 0) {
      int v = dfs[dp - 1];
      if (next[v] < g->count[v]) {
        int w = g->pool[g->first[v] + next[v]++];
        if ((size_t)w >= nn)
          continue;
        if (index[w] < 0) {
          index[w] = low[w] = (int)counter++;
          stack[sp++] = w;
          onstack[w] = 1;
          dfs[dp++] = w;
        } else if (onstack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      dp--;
      if (dp > 0 && low[v] < low[dfs[dp - 1]])
        low[dfs[dp - 1]] = low[v];
      if (low[v] != index[v])
        continue;
      size_t first = sp;
      do
        first--;
      while (stack[first] != v);
      for (size_t k = first; k < sp; k++) {
        onstack[stack[k]] = 0;
        cyclic[stack[k]] = sp - first > 1;
        comp[stack[k]] = v;
      }
      sp = first;
    }
  }
  free(index);
  free(low);
  free(next);
  free(stack);
  free(dfs);
  free(onstack);
}

/* Why node i is recursive, for the Missed remarks: "f calls itself", or
 * "f is on a call cycle through g" (g: a callee in i's component). */
static void cycle_words(const cgraph *g, size_t i, const int *comp, char *out,
                        size_t len) {
  size_t n, m = 0;
  const char *name = LLVMGetValueName2(g->fns[i], &n), *via = NULL;
  for (size_t e = 0; e < g->count[i] && !g->self[i] && !via; e++) {
    size_t w = (size_t)g->pool[g->first[i] + e];
    if (w < g->n && w != i && comp[w] == comp[i])
      via = LLVMGetValueName2(g->fns[w], &m);
  }
  snprintf(out, len, g->self[i] ? "%.*s calls itself"
                     : via      ? "%.*s is on a call cycle through %.*s"
                                : "%.*s is on a call cycle",
           (int)n, name, (int)m, via ? via : "");
}

/* Why a function may recurse through OUT: node k of its cycle calls out,
 * and OUT enters node j of it. "through code outside the module: k calls
 * qsort, which may call back; j's address is taken". */
static void out_words(const cgraph *g, int k, int j, const unsigned char *entry,
                      char *out, size_t len) {
  if (k < 0 || j < 0) {
    snprintf(out, len, "through code outside the module");
    return;
  }
  size_t kn, jn, cn = 0;
  const char *kname = LLVMGetValueName2(g->fns[k], &kn);
  const char *jname = LLVMGetValueName2(g->fns[j], &jn);
  LLVMValueRef f = h2s_called_function(g->outcall[k]);
  const char *callee = f ? LLVMGetValueName2(f, &cn) : NULL;
  snprintf(out, len, "through code outside the module: %.*s %s%.*s%s; %.*s%s",
           (int)kn, kname, f ? "calls " : "makes an indirect call", (int)cn,
           callee ? callee : "",
           !f                    ? ""
           : LLVMIsDeclaration(f) ? ", which may call back"
                                  : ", which another definition may replace",
           (int)jn, jname,
           entry[j] == 1 ? "'s address is taken" : " is visible outside the module");
}

/* Builds m's call graph with OUT and finds its cycles, into g (free it
 * with cgraph_free). */
static void analyse(cgraph *g, h2s_host *h, const h2s_options *o,
                    LLVMModuleRef m) {
  memset(g, 0, sizeof *g);
  h2s_vmap *index = h2s_vmap_new();
  size_t cap = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
    if (LLVMIsDeclaration(f))
      continue;
    H2S_RESERVE(g->fns, cap, g->n + 1, 64);
    h2s_vmap_put(index, f, (h2s_loc)g->n);
    g->fns[g->n++] = f;
  }
  size_t nn = g->n + 1;
  g->first = h2s_xcalloc(nn, sizeof *g->first);
  g->count = h2s_xcalloc(nn, sizeof *g->count);
  g->self = h2s_xcalloc(nn, 1);
  g->taken = h2s_xcalloc(nn, 1);
  g->outcall = h2s_xcalloc(nn, sizeof *g->outcall);
  unsigned nocallback = LLVMGetEnumAttributeKindForName("nocallback", 10);
  for (size_t i = 0; i < g->n; i++) {
    g->first[i] = g->npool;
    scan_function(g, h, o, index, i, nocallback);
    g->count[i] = g->npool - g->first[i];
  }
  g->first[g->n] = g->npool;
  g->entry = h2s_xcalloc(nn, 1);
  for (size_t i = 0; i < g->n; i++) {
    g->entry[i] = g->taken[i] || address_taken(g->fns[i])                ? 1
                  : !local_linkage(g->fns[i]) && !is_main(g->fns[i]) ? 2
                                                                       : 0;
    if (g->entry[i])
      edge(g, (int)i);
  }
  g->count[g->n] = g->npool - g->first[g->n];
  g->seen = h2s_xcalloc(nn, 1);
  g->unseen = h2s_xcalloc(nn, 1);
  g->comp = h2s_xmalloc(2 * nn * sizeof *g->comp);
  g->ucomp = g->comp + nn;
  find_cycles(g, 0, g->seen, g->comp);
  find_cycles(g, 1, g->unseen, g->ucomp);
  h2s_vmap_free(index);
}

static void cgraph_free(cgraph *g) {
  free(g->fns);
  free(g->first);
  free(g->count);
  free(g->pool);
  free(g->self);
  free(g->taken);
  free(g->outcall);
  free(g->entry);
  free(g->seen);
  free(g->unseen);
  free(g->comp);
}

static int rec_of(const cgraph *g, size_t i) {
  return g->seen[i] || g->self[i] ? H2S_RECURSIVE
         : g->unseen[i]           ? H2S_MAY_RECURSE
                                  : 0;
}

void h2s_recursion_publish(h2s_host *h, const h2s_options *o,
                           LLVMModuleRef m) {
  cgraph g;
  analyse(&g, h, o, m);
  uint64_t guard = o->max_size_recursive > o->max_size_may_recurse
                       ? o->max_size_recursive
                       : o->max_size_may_recurse;
  for (size_t i = 0; i < g.n; i++) {
    int rec = rec_of(&g, i);
    set_attr(g.fns[i], ATTR_RECURSES, rec == H2S_RECURSIVE ? "2"
                                      : rec                ? "1"
                                                           : "0");
    if (rec && num_attr(g.fns[i], ATTR_STACKSIZE, UINT64_MAX) > guard)
      set_num_attr(g.fns[i], ATTR_STACKSIZE, guard);
  }
  cgraph_free(&g);
}

void h2s_recursion_why(h2s_host *h, const h2s_options *o, LLVMValueRef fn,
                       char *out, size_t len) {
  cgraph g;
  analyse(&g, h, o, LLVMGetGlobalParent(fn));
  size_t i = 0;
  while (i < g.n && g.fns[i] != fn)
    i++;
  int rec = i < g.n ? rec_of(&g, i) : 0;
  if (rec == H2S_RECURSIVE) {
    cycle_words(&g, i, g.comp, out, len);
  } else if (rec) {
    /* a node of i's cycle through OUT that calls out, and one OUT calls */
    int k = g.outcall[i] ? (int)i : -1, j = g.entry[i] ? (int)i : -1;
    for (size_t v = 0; v < g.n; v++) {
      if (k < 0 && g.outcall[v] && g.ucomp[v] == g.ucomp[i])
        k = (int)v;
      if (j < 0 && g.entry[v] && g.ucomp[v] == g.ucomp[i])
        j = (int)v;
    }
    out_words(&g, k, j, g.entry, out, len);
  } else {
    snprintf(out, len, "on a call cycle when the pass first looked");
  }
  cgraph_free(&g);
}

int h2s_may_recurse(h2s_host *h, const h2s_options *o, LLVMValueRef fn) {
  if (LLVMIsDeclaration(fn))
    return 0;
  unsigned len;
  const char *v = str_attr(fn, ATTR_RECURSES, &len);
  if (!v) {
    /* A function this module's answers do not cover yet (new, or no
     * heap2stack pass ran before): answer for the whole module again. */
    h2s_recursion_publish(h, o, LLVMGetGlobalParent(fn));
    v = str_attr(fn, ATTR_RECURSES, &len);
  }
  if (!v || len != 1 || v[0] == '2')
    return H2S_RECURSIVE;
  return v[0] == '0' ? 0 : H2S_MAY_RECURSE;
}

/* ---- call paths -------------------------------------------------------- */

void h2s_mark_promoted(LLVMValueRef slot) {
  LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(slot));
  unsigned kind = LLVMGetMDKindIDInContext(ctx, MD_PROMOTED,
                                           sizeof MD_PROMOTED - 1);
  LLVMSetMetadata(slot, kind,
                  LLVMMetadataAsValue(ctx, LLVMMDNodeInContext2(ctx, NULL, 0)));
}

uint64_t h2s_promoted_bytes(LLVMValueRef fn) {
  if (LLVMIsDeclaration(fn))
    return 0;
  LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(fn));
  unsigned kind = LLVMGetMDKindIDInContext(ctx, MD_PROMOTED,
                                           sizeof MD_PROMOTED - 1);
  LLVMTargetDataRef dl = LLVMGetModuleDataLayout(LLVMGetGlobalParent(fn));
  uint64_t sum = 0;
  /* Inlined promoted buffers stay in the entry block, as static allocas. */
  LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
  for (LLVMValueRef i = LLVMGetFirstInstruction(entry); i;
       i = LLVMGetNextInstruction(i))
    if (LLVMIsAAllocaInst(i) && LLVMGetMetadata(i, kind))
      sum += LLVMABISizeOfType(dl, LLVMGetAllocatedType(i)) +
             LLVMGetAlignment(i);
  return sum;
}

static int calls_nothing(LLVMValueRef fn) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if (h2s_is_call(i)) {
        LLVMValueRef f = h2s_called_function(i);
        if (!f || !LLVMGetIntrinsicID(f))
          return 0;
      }
  return 1;
}

uint64_t h2s_callee_path_bytes(LLVMValueRef fn, LLVMValueRef *scc, size_t n,
                               uint64_t unknown) {
  uint64_t most = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      LLVMValueRef f = h2s_called_function(i);
      if (!f || LLVMIsDeclaration(f))
        continue; /* code the pass cannot see */
      int inscc = 0;
      for (size_t k = 0; k < n && !inscc; k++)
        inscc = scc[k] == f;
      if (inscc)
        continue;
      uint64_t p = num_attr(f, ATTR_PATH, UINT64_MAX);
      if (p == UINT64_MAX) /* not analysed: a leaf holds what it holds */
        p = calls_nothing(f) ? h2s_promoted_bytes(f) : unknown;
      if (p > most)
        most = p;
    }
  return most;
}

void h2s_publish_path(LLVMValueRef fn, uint64_t bytes) {
  set_num_attr(fn, ATTR_PATH, bytes);
}
