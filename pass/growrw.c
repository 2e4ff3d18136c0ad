/* growrw.c: the rewrite of a growth buffer (growth.c decides; DESIGN.md
 * "Growth buffers").
 *
 * The buffer `buf` (K bytes, in the entry block) is a pool of one block
 * with an in-use flag, so that it is handed out again only after the
 * program gave it back (free, or a realloc that moved it to the heap), as
 * a heap block's address is reused only after it is freed:
 *   site:           used ? malloc(K) : (used = 1, buf)
 *   realloc(q, n):  q == buf ? (fits(n) ? buf : to_heap(n))
 *                   : q == NULL && !used && fits(n) ? (used = 1, buf)
 *                   : realloc(q, n)
 *   to_heap(n):     h = realloc(NULL, n); if (h) { copy min(K, n) bytes;
 *                   used = 0 } h
 *   free(q):        q == buf ? used = 0 : free(q)
 *   return v:       (move2heap) v points into buf ? copy buf into
 *                   malloc(K), return the same offset in it : v
 * fits(n) is 0 < n <= K (reallocarray: no overflow either). The tests
 * of a pointer against the buffer are frozen (a branch on poison would be
 * undefined where the original call was not). A realloc to
 * 0 bytes goes to the heap path and hands the C library the same request,
 * which decides what it means. */
#include "h2s.h"

#include <llvm-c/DebugInfo.h>

#include <stdlib.h>
#include <string.h>

typedef struct pool {
  LLVMValueRef buf, used;
  uint64_t k;
  unsigned align;
  LLVMTypeRef i8, i64;
} pool;

static const char *callee_name(LLVMValueRef call) {
  LLVMValueRef fn = h2s_called_function(call);
  return fn ? LLVMGetValueName(fn) : NULL;
}

/* Split around `inst`: the head ends without a terminator (the caller
 * branches), `*slow` holds inst, and the returned block follows it. */
static LLVMBasicBlockRef around(LLVMValueRef inst, LLVMBasicBlockRef *slow) {
  LLVMBasicBlockRef head = LLVMGetInstructionParent(inst);
  *slow = h2s_host_split_before(inst);
  LLVMBasicBlockRef rest = h2s_host_split_before(LLVMGetNextInstruction(inst));
  LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(head));
  return rest;
}

static LLVMValueRef is_free(LLVMBuilderRef B, const pool *p) {
  LLVMValueRef u = LLVMBuildLoad2(B, p->i8, p->used, "h2s.used");
  return LLVMBuildICmp(B, LLVMIntEQ, u, LLVMConstInt(p->i8, 0, 0), "h2s.free");
}

static void set_used(LLVMBuilderRef B, const pool *p, LLVMValueRef v) {
  LLVMBuildStore(B, v, p->used);
}

/* --- the site --------------------------------------------------------------- */

static void take_site(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                      const pool *p) {
  LLVMValueRef call = s->call;
  LLVMBasicBlockRef head = LLVMGetInstructionParent(call), slow;
  LLVMBasicBlockRef rest = around(call, &slow);
  LLVMBasicBlockRef take = LLVMInsertBasicBlockInContext(b->ctx, slow,
                                                         "h2s.take");
  LLVMPositionBuilderAtEnd(B, head);
  LLVMSetCurrentDebugLocation2(B, LLVMInstructionGetDebugLoc(call));
  LLVMBuildCondBr(B, is_free(B, p), take, slow);
  LLVMPositionBuilderAtEnd(B, take);
  set_used(B, p, LLVMConstInt(p->i8, 1, 0));
  if (s->zeroed)
    LLVMBuildMemSet(B, p->buf, LLVMConstInt(p->i8, 0, 0),
                    LLVMConstInt(p->i64, p->k, 0), p->align);
  LLVMBuildBr(B, rest);
  LLVMPositionBuilderBefore(B, LLVMGetFirstInstruction(rest));
  LLVMValueRef phi = LLVMBuildPhi(B, LLVMTypeOf(call), "h2s.p");
  LLVMReplaceAllUsesWith(call, phi);
  LLVMValueRef vals[2] = {p->buf, call};
  LLVMBasicBlockRef from[2] = {take, slow};
  LLVMAddIncoming(phi, vals, from, 2);
}

/* --- reallocs ----------------------------------------------------------------- */

static void grow_realloc(h2s_build *b, LLVMBuilderRef B, h2s_use *r,
                         const pool *p) {
  LLVMValueRef call = r->inst;
  LLVMTypeRef i64 = p->i64;
  LLVMBasicBlockRef head = LLVMGetInstructionParent(call), slow;
  LLVMBasicBlockRef rest = around(call, &slow);
  LLVMBasicBlockRef stk = LLVMInsertBasicBlockInContext(b->ctx, slow, "h2s.stk");
  LLVMBasicBlockRef fresh = LLVMInsertBasicBlockInContext(b->ctx, slow,
                                                          "h2s.grow");
  LLVMBasicBlockRef shrink = LLVMInsertBasicBlockInContext(b->ctx, slow,
                                                           "h2s.shrink");
  LLVMBasicBlockRef chk = LLVMInsertBasicBlockInContext(b->ctx, slow, "h2s.chk");
  LLVMBasicBlockRef take = LLVMInsertBasicBlockInContext(b->ctx, slow,
                                                         "h2s.take");
  LLVMMetadataRef dbg = LLVMInstructionGetDebugLoc(call);

  /* The request in bytes, and whether it fits: 0 < n <= K, and for
   * reallocarray count <= K and size <= K first, so that the product
   * cannot overflow. */
  LLVMPositionBuilderAtEnd(B, head);
  LLVMSetCurrentDebugLocation2(B, dbg);
  const char *name = callee_name(call);
  int array = name && strcmp(name, "reallocarray") == 0;
  unsigned nargs = LLVMGetNumArgOperands(call);
  LLVMValueRef args[3], orig[3];
  for (unsigned a = 0; a < nargs && a < 3; a++)
    args[a] = orig[a] = LLVMGetOperand(call, a);
  LLVMValueRef k = LLVMConstInt(i64, p->k, 0);
  LLVMValueRef n = LLVMBuildZExtOrBitCast(B, orig[array ? 2 : 1], i64, "h2s.n");
  LLVMValueRef fit = LLVMBuildICmp(B, LLVMIntULE, n, k, "");
  if (array) {
    LLVMValueRef c = LLVMBuildZExtOrBitCast(B, orig[1], i64, "");
    fit = LLVMBuildAnd(B, fit, LLVMBuildICmp(B, LLVMIntULE, c, k, ""), "");
    n = LLVMBuildMul(B, n, c, "h2s.bytes");
    fit = LLVMBuildAnd(B, fit, LLVMBuildICmp(B, LLVMIntULE, n, k, ""), "");
  }
  LLVMValueRef zero = LLVMBuildICmp(B, LLVMIntEQ, n, LLVMConstInt(i64, 0, 0),
                                    "h2s.zero");
  fit = LLVMBuildAnd(B, fit, LLVMBuildNot(B, zero, ""), "h2s.fits");
  LLVMValueRef q = LLVMGetOperand(call, (unsigned)r->ptr_arg);
  LLVMValueRef onstack = LLVMBuildFreeze(
      B, LLVMBuildICmp(B, LLVMIntEQ, q, p->buf, ""), "h2s.onstack");
  LLVMBuildCondBr(B, onstack, stk, chk);

  /* The buffer: it stays when the request fits. */
  LLVMPositionBuilderAtEnd(B, stk);
  LLVMBuildCondBr(B, fit, rest, fresh);

  /* To the heap: the same call with a null block (reallocarray keeps its
   * overflow check), then the buffer's bytes that fit into it. A request
   * for 0 bytes asks for 1 and then hands that block to the same call with
   * the original sizes, so the C library decides what realloc(p, 0)
   * means (glibc frees and returns null, others return a new block). */
  LLVMPositionBuilderAtEnd(B, fresh);
  for (unsigned a = 1; a < nargs && a < 3; a++) {
    LLVMTypeRef t = LLVMTypeOf(orig[a]);
    args[a] = LLVMBuildSelect(B, zero, LLVMConstInt(t, 1, 0), orig[a], "");
  }
  args[r->ptr_arg] = LLVMConstPointerNull(LLVMTypeOf(q));
  LLVMTypeRef fty = LLVMGetCalledFunctionType(call);
  LLVMValueRef callee = LLVMGetCalledValue(call);
  LLVMValueRef heap = LLVMBuildCall2(B, fty, callee, args, nargs, "h2s.heap");
  LLVMValueRef len =
      LLVMBuildSelect(B, LLVMBuildICmp(B, LLVMIntULT, n, k, ""), n, k, "");
  LLVMValueRef got = LLVMBuildIsNotNull(B, heap, "");
  len = LLVMBuildSelect(B, got, len, LLVMConstInt(i64, 0, 0), "h2s.copy");
  LLVMBuildMemCpy(B, heap, 1, p->buf, p->align, len);
  /* Moved: the buffer is free again (on failure it stays the block). */
  set_used(B, p, LLVMBuildZExt(B, LLVMBuildNot(B, got, ""), p->i8, ""));
  LLVMBuildCondBr(B, LLVMBuildAnd(B, zero, got, ""), shrink, rest);

  LLVMPositionBuilderAtEnd(B, shrink);
  orig[r->ptr_arg] = heap;
  LLVMValueRef none = LLVMBuildCall2(B, fty, callee, orig, nargs, "h2s.none");
  LLVMBuildBr(B, rest);

  /* Not the buffer: a null block may take it when it is free. */
  LLVMPositionBuilderAtEnd(B, chk);
  LLVMValueRef isnull = LLVMBuildIsNull(B, q, "h2s.null");
  LLVMValueRef can = LLVMBuildAnd(B, LLVMBuildAnd(B, isnull, fit, ""),
                                  is_free(B, p), "h2s.cantake");
  LLVMBuildCondBr(B, can, take, slow);
  LLVMPositionBuilderAtEnd(B, take);
  set_used(B, p, LLVMConstInt(p->i8, 1, 0));
  LLVMBuildBr(B, rest);

  LLVMPositionBuilderBefore(B, LLVMGetFirstInstruction(rest));
  LLVMValueRef phi = LLVMBuildPhi(B, LLVMTypeOf(call), "h2s.grown");
  LLVMReplaceAllUsesWith(call, phi);
  LLVMValueRef vals[5] = {p->buf, heap, none, p->buf, call};
  LLVMBasicBlockRef from[5] = {stk, fresh, shrink, take, slow};
  LLVMAddIncoming(phi, vals, from, 5);
}

/* --- frees ------------------------------------------------------------------- */

static void guard_free(h2s_build *b, LLVMBuilderRef B, h2s_use *f,
                       const pool *p) {
  LLVMBasicBlockRef fb = LLVMGetInstructionParent(f->inst), dofree;
  LLVMBasicBlockRef after = around(f->inst, &dofree);
  LLVMBasicBlockRef give = LLVMInsertBasicBlockInContext(b->ctx, after,
                                                         "h2s.giveback");
  LLVMPositionBuilderAtEnd(B, fb);
  LLVMSetCurrentDebugLocation2(B, LLVMInstructionGetDebugLoc(f->inst));
  LLVMValueRef arg = LLVMGetOperand(f->inst, (unsigned)f->ptr_arg);
  LLVMValueRef onheap = LLVMBuildFreeze(
      B, LLVMBuildICmp(B, LLVMIntNE, arg, p->buf, ""), "h2s.onheap");
  LLVMBuildCondBr(B, onheap, dofree, give);
  LLVMPositionBuilderAtEnd(B, give);
  set_used(B, p, LLVMConstInt(p->i8, 0, 0));
  LLVMBuildBr(B, after);
}

/* --- returns (Go's move2heap) ----------------------------------------------- */

/* `malloc` of the module (growth.c checked its type), declared if absent. */
static LLVMValueRef get_malloc(LLVMModuleRef m, LLVMTypeRef i64,
                               LLVMTypeRef ptr, LLVMTypeRef *fty) {
  LLVMValueRef f = LLVMGetNamedFunction(m, "malloc");
  if (!f) {
    *fty = LLVMFunctionType(ptr, &i64, 1, 0);
    return LLVMAddFunction(m, "malloc", *fty);
  }
  *fty = LLVMGlobalGetValueType(f);
  return f;
}

static void copy_at_return(h2s_build *b, LLVMBuilderRef B, LLVMValueRef ret,
                           const pool *p) {
  LLVMValueRef v = LLVMGetOperand(ret, 0);
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInstructionParent(ret));
  LLVMModuleRef m = LLVMGetGlobalParent(fn);
  LLVMBasicBlockRef head = LLVMGetInstructionParent(ret);
  LLVMBasicBlockRef out = h2s_host_split_before(ret);
  LLVMBasicBlockRef copy = LLVMInsertBasicBlockInContext(b->ctx, out,
                                                         "h2s.toheap");
  LLVMBasicBlockRef trap = LLVMInsertBasicBlockInContext(b->ctx, out,
                                                         "h2s.nomem");
  LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(head));
  LLVMPositionBuilderAtEnd(B, head);
  LLVMSetCurrentDebugLocation2(B, LLVMInstructionGetDebugLoc(ret));
  LLVMValueRef k = LLVMConstInt(p->i64, p->k, 0);
  LLVMValueRef end = LLVMBuildGEP2(B, p->i8, p->buf, &k, 1, "h2s.end");
  LLVMValueRef in = LLVMBuildAnd(
      B, LLVMBuildICmp(B, LLVMIntUGE, v, p->buf, ""),
      LLVMBuildICmp(B, LLVMIntULE, v, end, ""), "");
  /* A function may return poison it never uses: branching on it would be
   * undefined, so the test is frozen. */
  in = LLVMBuildFreeze(B, in, "h2s.inbuf");
  LLVMBuildCondBr(B, in, copy, out);

  /* One block of the buffer's size, the bytes, the same offset in it. No
   * heap block means no way to keep the result: stop, as Go's runtime does
   * when out of memory (README, Growth buffers). */
  LLVMPositionBuilderAtEnd(B, copy);
  LLVMTypeRef fty;
  LLVMValueRef mf = get_malloc(m, p->i64, LLVMTypeOf(v), &fty);
  LLVMTypeRef pt;
  LLVMGetParamTypes(fty, &pt);
  LLVMValueRef sz = LLVMConstInt(pt, p->k, 0);
  LLVMValueRef h = LLVMBuildCall2(B, fty, mf, &sz, 1, "h2s.moved");
  LLVMBasicBlockRef ok = LLVMInsertBasicBlockInContext(b->ctx, out, "h2s.copy");
  LLVMBuildCondBr(B, LLVMBuildIsNull(B, h, ""), trap, ok);
  LLVMPositionBuilderAtEnd(B, trap);
  unsigned id = LLVMLookupIntrinsicID("llvm.trap", 9);
  LLVMValueRef tf = LLVMGetIntrinsicDeclaration(m, id, NULL, 0);
  LLVMBuildCall2(B, LLVMIntrinsicGetType(b->ctx, id, NULL, 0), tf, NULL, 0, "");
  LLVMBuildUnreachable(B);
  LLVMPositionBuilderAtEnd(B, ok);
  LLVMBuildMemCpy(B, h, p->align, p->buf, p->align, k);
  LLVMValueRef off = LLVMBuildSub(B, LLVMBuildPtrToInt(B, v, p->i64, ""),
                                  LLVMBuildPtrToInt(B, p->buf, p->i64, ""),
                                  "h2s.off");
  LLVMValueRef nv = LLVMBuildGEP2(B, p->i8, h, &off, 1, "");
  LLVMBuildBr(B, out);

  LLVMPositionBuilderBefore(B, ret);
  LLVMValueRef phi = LLVMBuildPhi(B, LLVMTypeOf(v), "h2s.ret");
  LLVMValueRef vals[2] = {v, nv};
  LLVMBasicBlockRef from[2] = {head, ok};
  LLVMAddIncoming(phi, vals, from, 2);
  LLVMSetOperand(ret, 0, phi);
}

/* --- the whole rewrite ------------------------------------------------------- */

void h2s_growth_rewrite(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                        LLVMValueRef slot) {
  LLVMValueRef fn = b->fns[s->fn];
  pool p = {slot, NULL, s->size, s->align, LLVMInt8TypeInContext(b->ctx),
            LLVMInt64TypeInContext(b->ctx)};
  LLVMPositionBuilderBefore(B, LLVMGetNextInstruction(slot));
  LLVMSetCurrentDebugLocation2(B, NULL);
  p.used = LLVMBuildAlloca(B, p.i8, "h2s.used");
  set_used(B, &p, LLVMConstInt(p.i8, 0, 0));
  int idx = (int)(s - b->sites);

  /* Returns first: their operands are still the values the analysis saw. */
  if (s->ret_heap) {
    size_t nret = 0;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
         bb = LLVMGetNextBasicBlock(bb))
      nret += LLVMGetInstructionOpcode(LLVMGetBasicBlockTerminator(bb)) ==
              LLVMRet;
    LLVMValueRef *rets = h2s_xmalloc((nret + 1) * sizeof *rets);
    nret = 0;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
         bb = LLVMGetNextBasicBlock(bb)) {
      LLVMValueRef t = LLVMGetBasicBlockTerminator(bb);
      if (LLVMGetInstructionOpcode(t) == LLVMRet && LLVMGetNumOperands(t) == 1)
        rets[nret++] = t;
    }
    for (size_t i = 0; i < nret; i++)
      copy_at_return(b, B, rets[i], &p);
    free(rets);
  }
  for (size_t k = 0; k < b->nfrees; k++)
    if (b->frees[k].site == idx)
      guard_free(b, B, &b->frees[k], &p);
  for (size_t k = 0; k < b->nreallocs; k++)
    if (b->reallocs[k].site == idx)
      grow_realloc(b, B, &b->reallocs[k], &p);
  if (!s->head)
    take_site(b, B, s, &p);
}
