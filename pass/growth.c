/* growth.c: growth buffers (issue 17, Go 1.26's append).
 *
 * Stack-first growth (Go 1.26's append): `p = malloc(K)` whose chain of
 * realloc'd blocks does not escape starts in a K-byte stack buffer. Each
 * realloc that may receive the buffer becomes
 * `q == buf ? copy_to_heap(buf, K, n) : realloc(q, n)`, where copy_to_heap
 * is the same call with a null block (realloc(NULL, n) is malloc(n), and
 * reallocarray keeps its overflow check) followed by a copy of min(K, n)
 * bytes when it succeeded; on failure it returns null and the buffer stays
 * valid, as realloc's contract says. Each free that may receive the buffer
 * becomes `if (q != buf) free(q)`.
 *
 * The chain of a site: its object and, transitively, the objects of the
 * reallocs whose block may be one of the chain (calls.c gives every
 * realloc result an object of its own). The proof (DESIGN.md, rewrite
 * conditions): no object of the chain escapes, and every free or realloc
 * that may receive one of the chain receives only the chain (globals
 * aside: freeing one is undefined).
 */
#include "h2s.h"

#include <llvm-c/DebugInfo.h>

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

static int in_chain(const h2s_loc *chain, size_t n, h2s_loc o) {
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
    if (in_chain(chain, n, pts[j]))
      hit = 1;
    else
      other = 1;
  }
  return !hit ? 0 : other ? -1 : 1;
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

/* Can site i start on the stack and grow into the heap? Sets its free
 * count for the remark, or *why when a realloc receives it but it cannot
 * grow; pairs nothing (h2s_growth_pair does). */
static int chain_ok(h2s_build *b, size_t i, const char **why) {
  h2s_site *s = &b->sites[i];
  if (!s->size_known || s->size == 0 || !named(s->callee, growth_allocs) ||
      LLVMGetInstructionOpcode(s->call) != LLVMCall)
    return 0;
  h2s_loc *chain = h2s_xmalloc((b->nreallocs + 1) * sizeof *chain);
  size_t n = 0;
  chain[n++] = s->obj;
  /* The closure first: a realloc that may receive one of the chain adds
   * its block. Then every one of them must receive only the chain. */
  int ok = 1, grown = 0;
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t k = 0; k < b->nreallocs; k++) {
      h2s_use *r = &b->reallocs[k];
      h2s_loc o = realloc_obj(b, r);
      if (o != H2S_NOLOC && !in_chain(chain, n, o) && meets(b, r, chain, n)) {
        chain[n++] = o;
        changed = 1;
      }
    }
  }
  for (size_t k = 0; k < b->nreallocs && ok; k++) {
    h2s_use *r = &b->reallocs[k];
    int m = meets(b, r, chain, n);
    if (m == 0)
      continue;
    grown = 1;
    if (m < 0)
      *why = "realloc that may receive another object", ok = 0;
    else if (realloc_obj(b, r) == H2S_NOLOC ||
             LLVMGetInstructionOpcode(r->inst) != LLVMCall ||
             !named(callee_name(r->inst), growth_reallocs) ||
             LLVMGetNumArgOperands(r->inst) > 3 ||
             !same_function(b, s, r->inst))
      *why = "realloc that cannot start from the stack", ok = 0;
  }
  /* The site itself escaping is reported as such (rewrite.c). */
  for (size_t j = 1; j < n && ok; j++)
    if (h2s_escapes(b->g, chain[j]))
      *why = "realloc'd block escapes", ok = 0;
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
  ok = ok && !h2s_escapes(b->g, s->obj);
  free(chain);
  if (ok)
    s->nfrees = frees;
  return ok && grown;
}

void h2s_growth_decide(h2s_build *b, int *growth, const char **why) {
  for (size_t i = 0; i < b->nsites; i++)
    growth[i] = chain_ok(b, i, &why[i]);
}

/* Reallocs whose block may be the buffer of a growth site: paired now,
 * before the rewrite replaces values. */
void h2s_growth_pair(h2s_build *b) {
  for (size_t k = 0; k < b->nreallocs; k++) {
    h2s_use *r = &b->reallocs[k];
    r->site = -1;
    if (r->arg == H2S_NOLOC)
      continue;
    for (size_t i = 0; i < b->nsites; i++)
      if (b->sites[i].promote && b->sites[i].growth &&
          h2s_may_point_to(b->g, r->arg, b->sites[i].obj))
        r->site = (int)i;
  }
}

/* --- the rewrite of a realloc --------------------------------------------- */

/* q == buf ? copy_to_heap(buf, K, n) : realloc(q, n). */
static void grow_realloc(h2s_build *b, LLVMBuilderRef B, h2s_use *r,
                         const h2s_site *s, LLVMValueRef slot) {
  LLVMValueRef call = r->inst;
  LLVMTypeRef i64 = LLVMInt64TypeInContext(b->ctx);
  LLVMBasicBlockRef head = LLVMGetInstructionParent(call);
  LLVMBasicBlockRef slow = h2s_host_split_before(call);
  LLVMBasicBlockRef rest = h2s_host_split_before(LLVMGetNextInstruction(call));
  LLVMBasicBlockRef fresh = LLVMInsertBasicBlockInContext(b->ctx, rest,
                                                          "h2s.grow");
  LLVMMetadataRef dbg = LLVMInstructionGetDebugLoc(call);

  LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(head));
  LLVMPositionBuilderAtEnd(B, head);
  LLVMSetCurrentDebugLocation2(B, dbg);
  LLVMValueRef q = LLVMGetOperand(call, (unsigned)r->ptr_arg);
  LLVMValueRef onstack = LLVMBuildICmp(B, LLVMIntEQ, q, slot, "h2s.onstack");
  LLVMBuildCondBr(B, onstack, fresh, slow);

  /* The same call with a null block: a new heap block (with reallocarray's
   * overflow check), then the buffer's bytes that fit into it. A request
   * for 0 bytes asks for 1 and then hands that block to the same call with
   * the original sizes, so the C library decides what realloc(p, 0) means
   * (glibc frees and returns null, others return a new block). */
  LLVMPositionBuilderAtEnd(B, fresh);
  const char *name = callee_name(call);
  int array = name && strcmp(name, "reallocarray") == 0;
  unsigned nargs = LLVMGetNumArgOperands(call);
  LLVMValueRef args[3], orig[3];
  for (unsigned a = 0; a < nargs && a < 3; a++)
    args[a] = orig[a] = LLVMGetOperand(call, a);
  LLVMValueRef n = LLVMBuildZExtOrBitCast(B, orig[array ? 2 : 1], i64, "");
  if (array)
    n = LLVMBuildMul(B, n, LLVMBuildZExtOrBitCast(B, orig[1], i64, ""), "");
  LLVMValueRef zero = LLVMBuildICmp(B, LLVMIntEQ, n, LLVMConstInt(i64, 0, 0),
                                    "h2s.zero");
  for (unsigned a = 1; a < nargs && a < 3; a++) {
    LLVMTypeRef t = LLVMTypeOf(orig[a]);
    args[a] = LLVMBuildSelect(B, zero, LLVMConstInt(t, 1, 0), orig[a], "");
  }
  args[r->ptr_arg] = LLVMConstPointerNull(LLVMTypeOf(q));
  LLVMTypeRef fty = LLVMGetCalledFunctionType(call);
  LLVMValueRef callee = LLVMGetCalledValue(call);
  LLVMValueRef heap = LLVMBuildCall2(B, fty, callee, args, nargs, "h2s.heap");
  LLVMValueRef k = LLVMConstInt(i64, s->size, 0);
  LLVMValueRef len =
      LLVMBuildSelect(B, LLVMBuildICmp(B, LLVMIntULT, n, k, ""), n, k, "");
  LLVMValueRef got = LLVMBuildIsNotNull(B, heap, "");
  len = LLVMBuildSelect(B, got, len, LLVMConstInt(i64, 0, 0), "h2s.copy");
  LLVMBuildMemCpy(B, heap, 1, slot, s->align, len);
  LLVMBasicBlockRef shrink = LLVMInsertBasicBlockInContext(b->ctx, rest,
                                                           "h2s.shrink");
  LLVMBuildCondBr(B, LLVMBuildAnd(B, zero, got, ""), shrink, rest);

  LLVMPositionBuilderAtEnd(B, shrink);
  orig[r->ptr_arg] = heap;
  LLVMValueRef none = LLVMBuildCall2(B, fty, callee, orig, nargs, "h2s.none");
  LLVMBuildBr(B, rest);

  LLVMPositionBuilderBefore(B, LLVMGetFirstInstruction(rest));
  LLVMValueRef phi = LLVMBuildPhi(B, LLVMTypeOf(call), "h2s.grown");
  LLVMReplaceAllUsesWith(call, phi);
  LLVMValueRef vals[3] = {heap, none, call};
  LLVMBasicBlockRef from[3] = {fresh, shrink, slow};
  LLVMAddIncoming(phi, vals, from, 3);
}

void h2s_growth_rewrite(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                        LLVMValueRef slot) {
  for (size_t k = 0; k < b->nreallocs; k++)
    if (b->reallocs[k].site == (int)(s - b->sites))
      grow_realloc(b, B, &b->reallocs[k], s, slot);
}
