/* escape.c: the driver of heap2stack's escape analysis (Go's escape.go).
 *
 * For one SCC of functions: give every value that may carry a pointer a
 * location, add the edges of each instruction (values.c, memory.c,
 * calls.c), then iterate to a fixpoint: points-to sets resolve stores into
 * the objects they write (memory.c), Go's walk decides what escapes
 * (solve.c), and Rule U makes escaping objects hold unknown pointers. Then
 * decide which allocation sites move (rewrite.c), explain every decision
 * (remarks.c), and rewrite.
 *
 * Invariants: every edge is sound on its own (an IR construct we do not
 * model sends its operands to the heap); edges only grow, so the fixpoint
 * terminates; remarks are emitted before the rewrite, while every
 * instruction they point at still exists. */
#include "h2s.h"

#include <stdlib.h>
#include <string.h>

/* --- locations of values ------------------------------------------------- */

int h2s_carries(LLVMTypeRef t) {
  switch (LLVMGetTypeKind(t)) {
  case LLVMVoidTypeKind:
  case LLVMLabelTypeKind:
  case LLVMTokenTypeKind:
  case LLVMMetadataTypeKind:
    return 0;
  case LLVMIntegerTypeKind:
    return LLVMGetIntTypeWidth(t) > 1;
  default:
    return 1;
  }
}

int h2s_block_depth(h2s_build *b, LLVMBasicBlockRef bb) {
  return h2s_host_cycle_depth(b->host, bb);
}

h2s_loc h2s_new_at(h2s_build *b, enum h2s_lockind kind, LLVMBasicBlockRef bb,
                   int header_phi, void *payload) {
  int depth = h2s_block_depth(b, bb);
  /* A phi in a cycle header carries values across the back edge: it
   * lives one level out (DESIGN.md "Model"). */
  int outer = header_phi && depth > 0 && h2s_host_cycle_entry(b->host, bb);
  h2s_loc l = h2s_loc_new(b->g, kind, b->fn, depth - outer, payload);
  uint32_t lo, hi;
  h2s_host_cycle_scope(b->host, bb, outer, &lo, &hi);
  h2s_loc_scope(b->g, l, lo, hi);
  return l;
}

h2s_loc h2s_new_value(h2s_build *b, LLVMValueRef v, enum h2s_lockind kind) {
  h2s_loc l;
  if (LLVMIsAInstruction(v))
    l = h2s_new_at(b, kind, LLVMGetInstructionParent(v),
                   LLVMIsAPHINode(v) != NULL, v);
  else
    l = h2s_loc_new(b->g, kind, b->fn, 0, v);
  h2s_vmap_put(b->map, v, l);
  return l;
}

h2s_loc h2s_value(h2s_build *b, LLVMValueRef v) {
  return h2s_vmap_get(b->map, v);
}

/* Constants that can hold an address: anything but plain numbers, null,
 * undef and poison. */
int h2s_constant_has_address(LLVMValueRef v) {
  if (LLVMIsAConstantInt(v) || LLVMIsAConstantFP(v) ||
      LLVMIsAConstantPointerNull(v) || LLVMIsAUndefValue(v) ||
      LLVMIsAConstantAggregateZero(v) || LLVMIsAConstantTokenNone(v) ||
      LLVMIsAConstantDataSequential(v))
    return 0;
  if (LLVMIsAGlobalValue(v) || LLVMIsAConstantExpr(v) ||
      LLVMIsABlockAddress(v))
    return 1;
  if (LLVMIsAConstantStruct(v) || LLVMIsAConstantArray(v) ||
      LLVMIsAConstantVector(v)) {
    int n = LLVMGetNumOperands(v);
    for (int i = 0; i < n; i++)
      if (h2s_constant_has_address(LLVMGetOperand(v, (unsigned)i)))
        return 1;
    return 0;
  }
  /* Anything else we do not recognise may hold an address. */
  return LLVMIsAConstant(v) != NULL;
}

h2s_loc h2s_operand(h2s_build *b, LLVMValueRef v) {
  h2s_loc l = h2s_vmap_get(b->map, v);
  if (l != H2S_NOLOC)
    return l;
  if (LLVMIsAConstant(v) && h2s_constant_has_address(v)) {
    if (b->globals == H2S_NOLOC) {
      /* Global storage: unknown code may read and write it (its address
       * is public, so it escapes), but it is never freed. */
      b->globals = h2s_loc_new(b->g, H2S_LOC_OBJECT, -1, 0, NULL);
      h2s_edge(b->g, b->globals, H2S_HEAP, -1, TAG_UNKNOWN, NULL);
    }
    if (b->unknown == H2S_NOLOC) {
      b->unknown = h2s_loc_new(b->g, H2S_LOC_VALUE, b->fn, 0, NULL);
      h2s_edge(b->g, b->unknown, b->globals, -1, TAG_UNKNOWN, NULL);
      h2s_edge(b->g, H2S_HEAP, b->unknown, 0, TAG_UNKNOWN, NULL);
    }
    return b->unknown;
  }
  return H2S_NOLOC;
}

void h2s_flow(h2s_build *b, h2s_loc dst, h2s_loc src, int derefs, int tag,
              LLVMValueRef why) {
  if (dst == H2S_NOLOC || src == H2S_NOLOC)
    return;
  h2s_edge(b->g, dst, src, derefs, tag, why);
}

#define PUSH(vec, n, cap, x) H2S_PUSH(vec, n, cap, x, 16)

void h2s_add_store(h2s_build *b, h2s_loc ptr, h2s_loc val, int derefs,
                   int tag, LLVMValueRef inst) {
  if (ptr == H2S_NOLOC || val == H2S_NOLOC)
    return;
  /* Go's mutator: what is written through. Parameters that reach it are
   * summarised as mutated. */
  h2s_edge(b->g, H2S_MUTATOR, ptr, 0, tag, inst);
  h2s_store_edge(b->g, ptr, val, derefs, tag, inst);
}

void h2s_add_use(h2s_build *b, h2s_use **v, size_t *n, size_t *cap,
                 LLVMValueRef inst, h2s_loc arg) {
  h2s_use u = {inst, arg, -1, 0, 0, 0};
  PUSH(*v, *n, *cap, u);
}

/* --- building one function ----------------------------------------------- */

static void build_function(h2s_build *b, LLVMValueRef fn) {
  b->func = fn;
  b->unknown = H2S_NOLOC;
  b->result = b->fi[b->fn].result;
  /* Locations first, so that phis can refer to values defined later. */
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if (h2s_carries(LLVMTypeOf(i)))
        h2s_new_value(b, i, H2S_LOC_VALUE);
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      h2s_visit(b, i);
}

/* Iterate points-to (which resolves stores), frees of unknown memory,
 * escape and Rule U to a fixpoint. Each step is incremental or cheap; the
 * loop ends when no step adds an edge. */
static void solve(h2s_build *b) {
  for (;;) {
    h2s_points_to_solve(b->g);
    if (h2s_resolve_frees(b))
      continue;
    if (h2s_resolve_reach(b))
      continue;
    h2s_escape_solve(b->g, b->explain);
    if (!h2s_rule_u(b))
      break;
  }
}

static void lookup_kinds(h2s_build *b) {
#define AK(f, s) b->f = LLVMGetEnumAttributeKindForName(s, sizeof s - 1)
  AK(ak_allockind, "allockind");
  AK(ak_allocsize, "allocsize");
  AK(ak_allocalign, "allocalign");
  AK(ak_allocptr, "allocptr");
  AK(ak_captures, "captures");
  AK(ak_memory, "memory");
  AK(ak_nofree, "nofree");
  AK(ak_byval, "byval");
  AK(ak_returned, "returned");
  AK(ak_nobuiltin, "nobuiltin");
  AK(ak_builtin, "builtin");
  AK(ak_returns_twice, "returns_twice");
  AK(ak_align, "align");
  AK(ak_sret, "sret");
  AK(ak_readnone, "readnone");
  AK(ak_readonly, "readonly");
  AK(ak_writeonly, "writeonly");
  AK(ak_norecurse, "norecurse");
  AK(ak_nocallback, "nocallback");
#undef AK
#define ID(f, s) b->f = LLVMLookupIntrinsicID(s, sizeof s - 1)
  ID(id_memcpy, "llvm.memcpy");
  ID(id_memmove, "llvm.memmove");
  ID(id_memcpy_inline, "llvm.memcpy.inline");
  ID(id_memset, "llvm.memset");
  ID(id_memset_inline, "llvm.memset.inline");
  ID(id_lifetime_start, "llvm.lifetime.start");
  ID(id_lifetime_end, "llvm.lifetime.end");
  ID(id_vastart, "llvm.va_start");
  ID(id_vacopy, "llvm.va_copy");
  ID(id_vaend, "llvm.va_end");
#undef ID
}

static void free_build(h2s_build *b) {
  free(b->sites);
  free(b->frees);
  free(b->reallocs);
  free(b->tails);
  free(b->fi);
  h2s_wrappers_free(b->wrappers);
  free(b->acc);
  free(b->views);
  free(b->fstores);
  for (size_t i = 0; i < b->nreaches; i++)
    free(b->reaches[i].done);
  free(b->reaches);
  free(b->readonly_fn);
  if (b->sitemap)
    h2s_vmap_free(b->sitemap);
  h2s_vmap_free(b->map);
  h2s_graph_free(b->g);
}

/* Does the function need analysing: does it allocate, or take a pointer
 * whose summary its callers may use? */
static int worth_it(LLVMValueRef fn) {
  for (LLVMValueRef p = LLVMGetFirstParam(fn); p; p = LLVMGetNextParam(p))
    if (h2s_carries(LLVMTypeOf(p)))
      return 1;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if (h2s_is_call(i))
        return 1;
  return 0;
}

static int run(h2s_host *h, const h2s_options *o, LLVMValueRef *fns, size_t n,
               int scc_unknown);
static int run_round(h2s_host *h, const h2s_options *o, LLVMValueRef *fns,
                     size_t n, int scc_unknown, h2s_growinline *gi);

int h2s_run_scc(h2s_host *h, const h2s_options *o, LLVMValueRef *fns,
                size_t n) {
  return run(h, o, fns, n, 0);
}

int h2s_run_function(h2s_host *h, const h2s_options *o, LLVMValueRef fn) {
  return run(h, o, &fn, 1, 1);
}

/* Build and solve the graph of one SCC into *b (free it with free_build).
 * quiet: the remarks of building were emitted by an earlier round; skip:
 * calls left out of the graph (growinline.c's trial), or NULL. */
static void analyse(h2s_build *b, h2s_host *h, const h2s_options *o,
                    LLVMValueRef *fns, size_t n, int scc_unknown, int quiet,
                    h2s_vmap *skip) {
  memset(b, 0, sizeof *b);
  b->host = h;
  b->opt = o;
  b->g = h2s_graph_new();
  if (!b->g)
    h2s_die("out of memory");
  b->map = h2s_vmap_new();
  b->fns = fns;
  b->nfns = n;
  b->scc_unknown = scc_unknown;
  b->globals = H2S_NOLOC;
  b->quiet = quiet;
  b->skip = skip;
  b->fi = h2s_xcalloc(n, sizeof *b->fi);
  h2s_host_begin(h);
  lookup_kinds(b);
  unsigned ak_coro = LLVMGetEnumAttributeKindForName("presplitcoroutine", 17);
  unsigned ak_optnone = LLVMGetEnumAttributeKindForName("optnone", 7);
  for (size_t i = 0; i < n; i++) {
    b->fi[i].result = H2S_NOLOC;
    if (LLVMIsDeclaration(fns[i]))
      continue;
    b->ctx = LLVMGetTypeContext(LLVMTypeOf(fns[i]));
    if (!skip && h2s_host_remarks_enabled(h, fns[i], H2S_ANALYSIS))
      b->explain = 1;
    if (LLVMGetEnumAttributeAtIndex(fns[i], LLVMAttributeFunctionIndex, ak_coro))
      b->fi[i].block = "coroutine before splitting";
    if (LLVMGetEnumAttributeAtIndex(fns[i], LLVMAttributeFunctionIndex,
                                    ak_optnone))
      b->fi[i].block = "function is optnone";
    b->fn = (int)i;
    h2s_declare_function(b, (int)i);
    b->fi[i].recursive = n > 1;
  }
  for (size_t i = 0; i < n; i++) {
    if (LLVMIsDeclaration(fns[i]))
      continue;
    b->fn = (int)i;
    build_function(b, fns[i]);
  }
  h2s_resolve_fields(b);
  solve(b);
}

/* At most two rounds: the first may inline the helpers that grow a
 * buffer (growinline.c) and then stops; the second analyses the new bodies
 * and inlines nothing. */
static int run(h2s_host *h, const h2s_options *o, LLVMValueRef *fns, size_t n,
               int scc_unknown) {
  h2s_growinline *gi = h2s_growinline_new();
  int r = run_round(h, o, fns, n, scc_unknown, gi);
  if (r < 0)
    r = run_round(h, o, fns, n, scc_unknown, gi);
  h2s_growinline_free(gi);
  return r < 0 ? 0 : r;
}

/* One analysis of the SCC: the number of sites moved, or -1 when helpers
 * were inlined and nothing else was done (analyse again). */
static int run_round(h2s_host *h, const h2s_options *o, LLVMValueRef *fns,
                     size_t n, int scc_unknown, h2s_growinline *gi) {
  int any = 0;
  for (size_t i = 0; i < n; i++)
    if (!LLVMIsDeclaration(fns[i]) && worth_it(fns[i]))
      any = 1;
  if (!any) {
    /* Not analysed, so whatever an earlier run said of it is gone. */
    for (size_t i = 0; i < n; i++)
      if (!LLVMIsDeclaration(fns[i]))
        h2s_forget_summary(fns[i]);
    return 0;
  }

  h2s_build b;
  analyse(&b, h, o, fns, n, scc_unknown, h2s_growinline_second(gi), NULL);
  b.grow = gi;
  h2s_publish_summaries(&b);
  h2s_decide(&b);
  if (h2s_grow_helpers(&b)) {
    /* Summaries and path bytes published above are published again. */
    free_build(&b);
    return -1;
  }
  int promoted = 0;
  for (size_t i = 0; i < b.nsites; i++) {
    h2s_remark_site(&b, &b.sites[i]);
    promoted += b.sites[i].promote;
  }
  if (promoted) {
    h2s_rewrite(&b);
    for (size_t i = 0; i < n; i++)
      for (size_t k = 0; k < b.nsites; k++)
        if (b.sites[k].promote && b.sites[k].fn == (int)i) {
          h2s_host_changed(h, fns[i]);
          break;
        }
  }
  /* After the rewrite: the stamp names the body callers will see. */
  h2s_stamp_summaries(&b);
  free_build(&b);
  return promoted;
}

void h2s_trial_escapes(h2s_build *b, h2s_vmap *skip, const LLVMValueRef *calls,
                       size_t n, uint8_t *escapes) {
  h2s_build t;
  analyse(&t, b->host, b->opt, b->fns, b->nfns, b->scc_unknown, 1, skip);
  for (size_t k = 0; k < n; k++) {
    escapes[k] = 1;
    for (size_t i = 0; i < t.nsites; i++)
      if (t.sites[i].call == calls[k])
        escapes[k] = h2s_escapes(t.g, t.sites[i].obj);
  }
  t.skip = NULL; /* the caller's */
  free_build(&t);
}
