/* growth.c: which growth buffers start on the stack (issue 17, Go 1.26's
 * append and move2heap; DESIGN.md "Growth buffers"). growrw.c rewrites.
 *
 * The chain of a site: its object and, transitively, the objects of the
 * reallocs whose block may be one of the chain (calls.c gives every
 * realloc result an object of its own). A site is `malloc(K)`/`calloc` of
 * constant size, or a *head*: a realloc whose block may only be null or
 * one of its own chain (`realloc(NULL, n)` as the first allocation), with
 * the small-buffer size as K. The proof: no object of the chain escapes,
 * or it escapes only by being returned (then the rewrite copies it to the
 * heap at the return), and every free or realloc that may receive one of
 * the chain receives only the chain (globals aside: freeing one is
 * undefined).
 */
#include "h2s.h"

#include <stdlib.h>
#include <string.h>

/* --- the chain of a growth site ------------------------------------------ */

/* The object a realloc's result points to (calls.c), or H2S_NOLOC. */
static h2s_loc realloc_obj(h2s_build *b, const h2s_use *r) {
  h2s_loc v = h2s_value(b, r->inst);
  size_t n;
  const h2s_loc *pts = v == H2S_NOLOC ? NULL : h2s_points_to(b->g, v, &n);
  for (size_t j = 0; pts && j < n; j++)
    if (h2s_loc_payload(b->g, pts[j]) == r->inst &&
        h2s_loc_kind(b->g, pts[j]) == H2S_LOC_OBJECT)
      return pts[j];
  return H2S_NOLOC;
}

/* Is `o` (or the object `o` is a field of) one of the chain? */
static int in_chain(h2s_build *b, const h2s_loc *chain, size_t n, h2s_loc o) {
  h2s_loc whole;
  h2s_range r;
  if (o >= 0 && h2s_field_of(b->g, o, &whole, &r))
    o = whole;
  for (size_t i = 0; i < n; i++)
    if (chain[i] == o)
      return 1;
  return 0;
}

/* How `u` (a free or realloc) meets the chain: 0 not at all, 1 it
 * receives only the chain (and perhaps globals), -1 it may receive the
 * chain and something else. */
static int meets(h2s_build *b, const h2s_use *u, const h2s_loc *chain,
                 size_t n) {
  if (u->arg == H2S_NOLOC)
    return 0;
  size_t k;
  const h2s_loc *pts = h2s_points_to(b->g, u->arg, &k);
  int hit = 0, other = 0;
  for (size_t j = 0; j < k; j++) {
    if (pts[j] == b->globals)
      continue;
    if (in_chain(b, chain, n, pts[j]))
      hit = 1;
    else
      other = 1;
  }
  return !hit ? 0 : other ? -1 : 1;
}

/* The chain from object `o`: a new array (*n elements). */
static h2s_loc *chain_from(h2s_build *b, h2s_loc o, size_t *n) {
  h2s_loc *chain = h2s_xmalloc((b->nreallocs + 1) * sizeof *chain);
  *n = 0;
  chain[(*n)++] = o;
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t k = 0; k < b->nreallocs; k++) {
      h2s_loc r = realloc_obj(b, &b->reallocs[k]);
      if (r != H2S_NOLOC && !in_chain(b, chain, *n, r) &&
          meets(b, &b->reallocs[k], chain, *n)) {
        chain[(*n)++] = r;
        changed = 1;
      }
    }
  }
  return chain;
}

static int named(const char *name, const char *const *list) {
  for (; name && *list; list++)
    if (strcmp(name, *list) == 0)
      return 1;
  return 0;
}

/* Growth applies to malloc's family, through the reallocs for which
 * realloc(NULL, ...) is an allocation of the same family. */
static const char *const growth_allocs[] = {"malloc", "calloc", NULL};
static const char *const growth_reallocs[] = {"realloc", "reallocarray",
                                              "reallocf", NULL};

static const char *callee_name(LLVMValueRef call) {
  LLVMValueRef fn = h2s_called_function(call);
  return fn ? LLVMGetValueName(fn) : NULL;
}

/* The guards compare with the buffer, which only its own function sees
 * (an SCC may hand the chain to another of its functions). */
static int same_function(h2s_build *b, const h2s_site *s, LLVMValueRef inst) {
  return LLVMGetBasicBlockParent(LLVMGetInstructionParent(inst)) ==
         b->fns[s->fn];
}

static int growth_realloc(LLVMValueRef inst) {
  return LLVMGetInstructionOpcode(inst) == LLVMCall &&
         named(callee_name(inst), growth_reallocs) &&
         LLVMGetNumArgOperands(inst) <= 3;
}

/* --- heads: realloc(NULL, n) as the first allocation ---------------------- */

/* A realloc whose block is null or one of its own chain starts a chain of
 * its own: a site of the small-buffer size (h2s_decide moves it like
 * any growth site, with the NULL path taking the buffer). */
void h2s_growth_heads(h2s_build *b) {
  if (!b->opt->small_buffer)
    return;
  for (size_t k = 0; k < b->nreallocs; k++) {
    h2s_use *r = &b->reallocs[k];
    if (!growth_realloc(r->inst))
      continue;
    /* A constant null block (realloc(NULL, n)) has no location. */
    LLVMValueRef q = LLVMGetOperand(r->inst, (unsigned)r->ptr_arg);
    if (r->arg == H2S_NOLOC && !(LLVMIsConstant(q) && LLVMIsNull(q)))
      continue;
    /* Cheap first: a chain of reallocs holds only reallocs' blocks. */
    size_t np = 0;
    const h2s_loc *pts =
        r->arg == H2S_NOLOC ? NULL : h2s_points_to(b->g, r->arg, &np);
    int only = 1;
    for (size_t j = 0; j < np && only; j++) {
      LLVMValueRef v = h2s_loc_payload(b->g, pts[j]);
      only = h2s_loc_kind(b->g, pts[j]) == H2S_LOC_OBJECT && v &&
             LLVMIsACallInst(v) && growth_realloc(v);
    }
    h2s_loc o = only ? realloc_obj(b, r) : H2S_NOLOC;
    if (o == H2S_NOLOC)
      continue;
    size_t n;
    h2s_loc *chain = chain_from(b, o, &n);
    int ok = meets(b, r, chain, n) >= 0;
    for (size_t j = 0; j < np && ok; j++)
      ok = in_chain(b, chain, n, pts[j]); /* not even globals */
    /* Another site's chain holds it (or a head found before, in a loop
     * of reallocs): that site is the head. */
    for (size_t i = 0; i < b->nsites && ok; i++)
      ok = !in_chain(b, chain, n, b->sites[i].obj);
    free(chain);
    if (!ok)
      continue;
    h2s_alloc a;
    h2s_classify(b, r->inst, &a);
    H2S_RESERVE(b->sites, b->capsites, b->nsites + 1, 16);
    h2s_site *s = &b->sites[b->nsites++];
    memset(s, 0, sizeof *s);
    s->call = r->inst;
    s->obj = o;
    s->fn = h2s_scc_index(b, LLVMGetBasicBlockParent(
                                 LLVMGetInstructionParent(r->inst)));
    s->callee = a.name;
    s->size = b->opt->small_buffer;
    s->size_known = 1;
    s->align = a.min_align;
    s->size_arg = a.size_arg;
    s->count_arg = a.count_arg;
    s->head = 1;
  }
}

/* --- the decision ---------------------------------------------------------- */

/* Can site i start on the stack and grow into the heap, its chain aside
 * from escaping? Sets its free count for the remark, or *why when a realloc
 * receives it but it cannot grow. */
static int may_grow(const h2s_site *s) {
  return s->head || (s->size_known && s->size != 0 &&
                     named(s->callee, growth_allocs) &&
                     LLVMGetInstructionOpcode(s->call) == LLVMCall);
}

static int chain_ok(h2s_build *b, size_t i, const h2s_loc *chain, size_t n,
                    const char **why) {
  h2s_site *s = &b->sites[i];
  int ok = 1, grown = 0;
  for (size_t k = 0; k < b->nreallocs && ok; k++) {
    h2s_use *r = &b->reallocs[k];
    int m = meets(b, r, chain, n);
    if (m == 0)
      continue;
    grown = 1;
    if (m < 0)
      *why = "realloc that may receive another object", ok = 0;
    else if (realloc_obj(b, r) == H2S_NOLOC || !growth_realloc(r->inst) ||
             !same_function(b, s, r->inst))
      *why = "realloc that cannot start from the stack", ok = 0;
  }
  unsigned frees = 0;
  for (size_t k = 0; k < b->nfrees && ok; k++) {
    int m = meets(b, &b->frees[k], chain, n);
    if (m < 0)
      *why = "free of a realloc'd block that may be another object", ok = 0;
    else if (m > 0 && (LLVMGetInstructionOpcode(b->frees[k].inst) != LLVMCall ||
                       !same_function(b, s, b->frees[k].inst)))
      *why = "free that cannot test for the stack buffer", ok = 0;
    frees += m > 0;
  }
  if (ok)
    s->nfrees = frees;
  return ok && grown;
}

static int chain_escapes(h2s_build *b, const h2s_loc *chain, size_t n,
                         const uint8_t *esc) {
  if (!chain)
    return 0;
  for (size_t j = 0; j < n; j++)
    if (esc ? esc[chain[j]] : h2s_escapes(b->g, chain[j]))
      return 1;
  return 0;
}

/* Worth the probe: some block of the chain escapes, and each one that
 * does escaped (first) to the site function's result. */
static int by_result(h2s_build *b, int f, const h2s_loc *chain, size_t n) {
  int any = 0;
  for (size_t j = 0; j < n; j++) {
    h2s_escape_info why;
    if (!h2s_escapes(b->g, chain[j]))
      continue;
    if (h2s_escape_reason(b->g, chain[j], &why) != 0 ||
        why.root != b->fi[f].result || why.by_depth)
      return 0;
    any = 1;
  }
  return any;
}

/* The copy at a return calls `malloc`: the module's must be the C one. */
static int malloc_usable(LLVMModuleRef m) {
  LLVMValueRef f = LLVMGetNamedFunction(m, "malloc");
  if (!f)
    return 1;
  LLVMTypeRef t = LLVMGlobalGetValueType(f);
  LLVMTypeRef pt;
  if (LLVMCountParamTypes(t) != 1 || LLVMIsFunctionVarArg(t) ||
      LLVMGetTypeKind(LLVMGetReturnType(t)) != LLVMPointerTypeKind ||
      LLVMGetPointerAddressSpace(LLVMGetReturnType(t)) != 0)
    return 0;
  LLVMGetParamTypes(t, &pt);
  return LLVMGetTypeKind(pt) == LLVMIntegerTypeKind &&
         LLVMGetIntTypeWidth(pt) <= 64;
}

/* Move to the heap at return (Go's move2heap), for the candidates of
 * function f whose chains escape. Without f's result as a root (the probe)
 * every object that escaped must then be one of these chains, which hold
 * no pointer to any of them: so what the caller receives is the returned
 * pointer, and the rewrite copies the buffer it points into. */
static void at_return(h2s_build *b, int f, h2s_loc **chains, size_t *lens,
                      int *cand, uint8_t *ret_heap) {
  h2s_loc res = b->fi[f].result;
  LLVMTypeRef rt = LLVMGetReturnType(LLVMGlobalGetValueType(b->fns[f]));
  /* The guard compares the result with the buffer and the copy comes from
   * C's malloc: all three in address space 0. */
  if (res == H2S_NOLOC || LLVMGetTypeKind(rt) != LLVMPointerTypeKind ||
      LLVMGetPointerAddressSpace(rt) != 0 ||
      !malloc_usable(LLVMGetGlobalParent(b->fns[f])))
    return;
  size_t nl = h2s_loc_count(b->g);
  uint8_t *probe = h2s_xcalloc(nl + 1, 1);
  h2s_escapes_except(b->g, res, probe);
  /* The candidates: escaping chains of f that escape only by the result. */
  size_t nu = 0;
  for (size_t i = 0; i < b->nsites; i++)
    if (cand[i] && b->sites[i].fn == f &&
        LLVMGetPointerAddressSpace(LLVMTypeOf(b->sites[i].call)) == 0 &&
        chain_escapes(b, chains[i], lens[i], NULL) &&
        !chain_escapes(b, chains[i], lens[i], probe))
      ret_heap[i] = 1, nu += lens[i];
  h2s_loc *all = h2s_xmalloc((nu + 1) * sizeof *all);
  nu = 0;
  for (size_t i = 0; i < b->nsites; i++)
    for (size_t j = 0; ret_heap[i] && j < lens[i]; j++)
      all[nu++] = chains[i][j];
  int ok = nu > 0;
  for (size_t l = 0; l < nl && ok; l++) {
    if (h2s_loc_kind(b->g, (h2s_loc)l) != H2S_LOC_OBJECT)
      continue;
    int mine = in_chain(b, all, nu, (h2s_loc)l);
    if (h2s_escapes(b->g, (h2s_loc)l) && !probe[l] && !mine)
      ok = 0; /* reached only through the result, and not copied */
    size_t np;
    const h2s_loc *pts = h2s_points_to(b->g, (h2s_loc)l, &np);
    for (size_t j = 0; j < np && ok && mine; j++)
      if (in_chain(b, all, nu, pts[j]))
        ok = 0; /* a chain holding a chain pointer: the copy would too */
  }
  for (size_t i = 0; i < b->nsites && !ok; i++)
    if (b->sites[i].fn == f)
      ret_heap[i] = 0;
  free(all);
  free(probe);
}

void h2s_growth_decide(h2s_build *b, int *growth, uint8_t *ret_heap,
                       const char **why) {
  h2s_loc **chains = h2s_xcalloc(b->nsites + 1, sizeof *chains);
  size_t *lens = h2s_xcalloc(b->nsites + 1, sizeof *lens);
  int *cand = h2s_xcalloc(b->nsites + 1, sizeof *cand);
  int probe = 0;
  for (size_t i = 0; i < b->nsites; i++) {
    if (!may_grow(&b->sites[i]) || !b->nreallocs)
      continue;
    chains[i] = chain_from(b, b->sites[i].obj, &lens[i]);
    cand[i] = chain_ok(b, i, chains[i], lens[i], &why[i]);
    /* The site itself escaping is reported as such (rewrite.c). */
    for (size_t j = 1; j < lens[i] && cand[i] && !why[i]; j++)
      if (h2s_escapes(b->g, chains[i][j]))
        why[i] = "realloc'd block escapes";
    probe |= cand[i] && by_result(b, b->sites[i].fn, chains[i], lens[i]);
  }
  for (size_t f = 0; f < b->nfns && probe; f++)
    at_return(b, (int)f, chains, lens, cand, ret_heap);
  for (size_t i = 0; i < b->nsites; i++) {
    growth[i] = cand[i] &&
                (ret_heap[i] || !chain_escapes(b, chains[i], lens[i], NULL));
    if (growth[i])
      why[i] = NULL;
    free(chains[i]);
  }
  free(chains);
  free(lens);
  free(cand);
}

/* Reallocs and frees that may receive a block of a growth site's chain:
 * paired now, before the rewrite replaces values. */
void h2s_growth_pair(h2s_build *b) {
  for (size_t k = 0; k < b->nreallocs; k++)
    b->reallocs[k].site = -1;
  for (size_t i = 0; i < b->nsites; i++) {
    h2s_site *s = &b->sites[i];
    if (!s->promote || !s->growth)
      continue;
    size_t n;
    h2s_loc *chain = chain_from(b, s->obj, &n);
    for (size_t k = 0; k < b->nreallocs; k++)
      if (meets(b, &b->reallocs[k], chain, n) ||
          (s->head && b->reallocs[k].inst == s->call))
        b->reallocs[k].site = (int)i; /* a head's block may be only null */
    for (size_t k = 0; k < b->nfrees; k++)
      if (meets(b, &b->frees[k], chain, n))
        b->frees[k].site = (int)i;
    free(chain);
  }
}
