/* growth.c: growth buffers and allocations nothing reads (issue 17).
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
 *
 * Never worse than -O2: InstCombine deletes an allocation whose pointer is
 * only stored to, written by memset/memcpy/memmove, compared with null and
 * freed; the small-buffer phi and the growth guard hide it. unread() finds
 * such sites (allowing reads whose values only feed stores into other such
 * sites, which -O2 deletes in cascade), and the rewrite leaves them to
 * LLVM. */
#include "h2s.h"

#include <llvm-c/DebugInfo.h>

#include <stdlib.h>
#include <string.h>

/* --- allocations nothing reads ------------------------------------------- */

static int site_of_value(const h2s_build *b, LLVMValueRef v) {
  for (size_t i = 0; i < b->nsites; i++)
    if (b->sites[i].call == v)
      return (int)i;
  return -1;
}

/* The allocation a pointer is an offset of (through GEPs and casts), or
 * -1: the pointers InstCombine's removable-allocation rule follows. */
static int root_site(const h2s_build *b, LLVMValueRef p) {
  for (;;) {
    if (LLVMIsAGetElementPtrInst(p) || LLVMIsABitCastInst(p) ||
        LLVMIsAAddrSpaceCastInst(p))
      p = LLVMGetOperand(p, 0);
    else
      return site_of_value(b, p);
  }
}

typedef struct unread_ctx {
  h2s_build *b;
  uint8_t *cand;        /* per site: still believed unread */
  LLVMValueRef *seen;   /* values assumed dead while their uses are visited */
  size_t nseen, capseen;
} unread_ctx;

/* How many values one site's walk may visit: a read that reaches further
 * counts as a read (the site is then rewritten as before), which keeps the
 * walk linear in big functions. */
#define H2S_UNREAD_WALK 256

/* 1: v was visited (assumed dead); 0: now it is; -1: the walk is too long. */
static int seen(unread_ctx *c, LLVMValueRef v) {
  for (size_t i = 0; i < c->nseen; i++)
    if (c->seen[i] == v)
      return 1;
  if (c->nseen == H2S_UNREAD_WALK)
    return -1;
  if (c->nseen == c->capseen) {
    c->capseen = c->capseen ? c->capseen * 2 : 32;
    c->seen = h2s_xrealloc(c->seen, c->capseen * sizeof *c->seen);
  }
  c->seen[c->nseen++] = v;
  return 0;
}

static int into_unread(unread_ctx *c, LLVMValueRef p) {
  int i = root_site(c->b, p);
  return i >= 0 && c->cand[i];
}

/* Is v dead once the unread sites are gone: used only by instructions
 * without effects whose results are dead, and as the value of plain
 * stores into unread sites? (A cycle of phis is dead when nothing else
 * uses it.) */
static int dead_value(unread_ctx *c, LLVMValueRef v) {
  int was = seen(c, v);
  if (was)
    return was > 0;
  for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (LLVMIsAStoreInst(user)) {
      if (LLVMGetVolatile(user) || LLVMGetOperand(user, 1) == v ||
          !into_unread(c, LLVMGetOperand(user, 1)))
        return 0;
      continue;
    }
    int pure = LLVMIsABinaryOperator(user) || LLVMIsACastInst(user) ||
               LLVMIsACmpInst(user) || LLVMIsASelectInst(user) ||
               LLVMIsAPHINode(user) || LLVMIsAFreezeInst(user) ||
               LLVMIsAExtractElementInst(user) ||
               LLVMIsAInsertElementInst(user) ||
               LLVMIsAShuffleVectorInst(user) ||
               LLVMIsAExtractValueInst(user) || LLVMIsAInsertValueInst(user) ||
               LLVMIsAGetElementPtrInst(user);
    if (!pure || !dead_value(c, user))
      return 0;
  }
  return 1;
}

static int is_use_kind(h2s_use *v, size_t n, LLVMValueRef inst, LLVMValueRef p) {
  for (size_t k = 0; k < n; k++)
    if (v[k].inst == inst)
      return LLVMGetOperand(inst, (unsigned)v[k].ptr_arg) == p;
  return 0;
}

/* Does every use of p (an unread site's pointer, an offset of it, or a
 * block realloc'd from it) only write it, free it, or read values that
 * are dead? */
static int only_written(unread_ctx *c, LLVMValueRef p) {
  h2s_build *b = c->b;
  for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (LLVMIsAGetElementPtrInst(user) || LLVMIsABitCastInst(user) ||
        LLVMIsAAddrSpaceCastInst(user)) {
      if (LLVMGetOperand(user, 0) != p || !only_written(c, user))
        return 0;
      continue;
    }
    if (LLVMIsAStoreInst(user)) {
      if (LLVMGetVolatile(user) || LLVMGetOperand(user, 0) == p)
        return 0;
      continue;
    }
    if (LLVMIsALoadInst(user)) {
      if (LLVMGetVolatile(user) || !dead_value(c, user))
        return 0;
      continue;
    }
    if (LLVMIsAICmpInst(user)) {
      LLVMIntPredicate pr = LLVMGetICmpPredicate(user);
      LLVMValueRef other = LLVMGetOperand(user, LLVMGetOperand(user, 0) == p);
      if ((pr != LLVMIntEQ && pr != LLVMIntNE) ||
          !LLVMIsAConstantPointerNull(other))
        return 0;
      continue;
    }
    if (!h2s_is_call(user))
      return 0;
    LLVMValueRef fn = h2s_called_function(user);
    unsigned id = fn ? LLVMGetIntrinsicID(fn) : 0;
    if (id && (id == b->id_lifetime_start || id == b->id_lifetime_end))
      continue;
    if (id && (id == b->id_memset || id == b->id_memcpy || id == b->id_memmove)) {
      LLVMValueRef vol = LLVMGetOperand(user, 3);
      if (!LLVMIsAConstantInt(vol) || LLVMConstIntGetZExtValue(vol))
        return 0;
      if (LLVMGetOperand(user, 0) == p && LLVMGetOperand(user, 1) != p)
        continue; /* the destination */
      if (id != b->id_memset && LLVMGetOperand(user, 1) == p &&
          into_unread(c, LLVMGetOperand(user, 0)))
        continue; /* read into an unread site only */
      return 0;
    }
    if (is_use_kind(b->frees, b->nfrees, user, p))
      continue;
    if (is_use_kind(b->reallocs, b->nreallocs, user, p) &&
        LLVMGetInstructionOpcode(user) == LLVMCall && only_written(c, user))
      continue; /* InstCombine follows reallocs of the same family */
    return 0;
  }
  return 1;
}

/* Can LLVM delete this allocation when nothing reads it (TLI's allocation
 * functions: LLVM's allockind attribute)? */
static int removable(h2s_build *b, const h2s_site *s) {
  return h2s_call_has_fnattr(b, s->call, b->ak_allockind) &&
         LLVMGetInstructionOpcode(s->call) == LLVMCall;
}

/* The sites nothing reads: the greatest set such that every use of each
 * only writes it or reads values dead once the set is gone. */
static void unread(h2s_build *b, uint8_t *cand) {
  unread_ctx c = {b, cand, NULL, 0, 0};
  for (size_t i = 0; i < b->nsites; i++)
    cand[i] = removable(b, &b->sites[i]);
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 0; i < b->nsites; i++) {
      if (!cand[i])
        continue;
      c.nseen = 0;
      if (!only_written(&c, b->sites[i].call)) {
        cand[i] = 0;
        changed = 1;
      }
    }
  }
  free(c.seen);
}

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

void h2s_growth_decide(h2s_build *b, int *growth, const char **why,
                       uint8_t *unread_sites) {
  unread(b, unread_sites);
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
