/* unread.c: allocations nothing reads (issue 17: never worse than -O2).
 *
 * InstCombine deletes an allocation whose pointer (through GEPs and casts,
 * and reallocs of its family) is only stored to, the destination of a
 * non-volatile memset/memcpy/memmove, compared with null, freed, or given
 * to lifetime markers. Deleting it makes the loads that only fed its stores
 * dead, and the allocations they read deletable in turn; and GVN first
 * turns loads of calloc'd memory that nothing wrote yet into zeros. The
 * small-buffer phi and the growth guard hide an allocation from that rule,
 * so the sites found here are left to LLVM (rewrite.c). Leaving a site on
 * the heap is always sound; a site found here that LLVM does not delete
 * after all is a missed promotion, no more. */
#include "h2s.h"

#include <stdlib.h>

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
  H2S_PUSH(c->seen, c->nseen, c->capseen, v, 32);
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

/* --- loads of calloc'd memory nothing wrote yet --------------------------- */

/* Is a before b (both in one block)? */
static int before(LLVMValueRef a, LLVMValueRef b) {
  for (LLVMValueRef i = LLVMGetNextInstruction(a); i;
       i = LLVMGetNextInstruction(i))
    if (i == b)
      return 1;
  return 0;
}

/* How many blocks one reachability question may visit before it answers
 * "reaches" (the load then counts as a read). */
#define H2S_UNREAD_BLOCKS 256

/* May a path from just after w reach l without running `alloc` (which
 * makes fresh zeroed memory) on the way? Entering a block at its top, the
 * first of l and alloc decides; a block with neither passes the path on. */
static int reaches(LLVMValueRef w, LLVMValueRef l, LLVMValueRef alloc) {
  LLVMBasicBlockRef wb = LLVMGetInstructionParent(w);
  LLVMBasicBlockRef lb = LLVMGetInstructionParent(l);
  LLVMBasicBlockRef ab = LLVMGetInstructionParent(alloc);
  int l_after = wb == lb && before(w, l);
  int a_after = wb == ab && before(w, alloc);
  if (l_after && !(a_after && before(alloc, l)))
    return 1;
  if (a_after)
    return 0;
  LLVMBasicBlockRef seen[H2S_UNREAD_BLOCKS], work[H2S_UNREAD_BLOCKS];
  size_t nseen = 0, nwork = 0;
  work[nwork++] = wb;
  int first = 1;
  while (nwork) {
    LLVMBasicBlockRef x = work[--nwork];
    if (!first) {
      if (x == lb && (x != ab || before(l, alloc)))
        return 1;
      if (x == ab)
        continue;
    }
    first = 0;
    LLVMValueRef t = LLVMGetBasicBlockTerminator(x);
    unsigned n = t ? LLVMGetNumSuccessors(t) : 0;
    for (unsigned i = 0; i < n; i++) {
      LLVMBasicBlockRef y = LLVMGetSuccessor(t, i);
      int known = 0;
      for (size_t j = 0; j < nseen && !known; j++)
        known = seen[j] == y;
      if (known)
        continue;
      if (nseen == H2S_UNREAD_BLOCKS)
        return 1;
      seen[nseen++] = y;
      work[nwork++] = y;
    }
  }
  return 0;
}

/* The instructions that may write the memory of `p`'s site through p or an
 * offset of it (stores, and memset/memcpy/memmove destinations). */
static int writers(h2s_build *b, LLVMValueRef p, LLVMValueRef *out, size_t *n,
                   size_t cap) {
  for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    int write = 0;
    if (LLVMIsAGetElementPtrInst(user) || LLVMIsABitCastInst(user) ||
        LLVMIsAAddrSpaceCastInst(user)) {
      if (!writers(b, user, out, n, cap))
        return 0;
    } else if (LLVMIsAStoreInst(user)) {
      write = 1;
    } else if (h2s_is_call(user)) {
      LLVMValueRef fn = h2s_called_function(user);
      unsigned id = fn ? LLVMGetIntrinsicID(fn) : 0;
      write = id && (id == b->id_memset || id == b->id_memcpy ||
                     id == b->id_memmove) &&
              LLVMGetOperand(user, 0) == p;
    }
    if (write) {
      if (*n == cap)
        return 0;
      out[(*n)++] = user;
    }
  }
  return 1;
}

/* Does the load l of the zeroed allocation `alloc` read memory nothing has
 * written since the allocation (GVN makes it a zero)? */
static int reads_zero(h2s_build *b, LLVMValueRef alloc, LLVMValueRef l) {
  LLVMValueRef w[32];
  size_t n = 0;
  if (!writers(b, alloc, w, &n, 32))
    return 0;
  for (size_t i = 0; i < n; i++)
    if (reaches(w[i], l, alloc))
      return 0;
  return 1;
}

/* --- the walk --------------------------------------------------------------- */

/* Does every use of p (an unread site's pointer, an offset of it, or a
 * block realloc'd from it) only write it, free it, or read values that
 * are dead? `zeroed`: p is an offset of a calloc-like site's pointer (not
 * of a realloc'd block), whose unwritten bytes read as zeros. */
static int only_written(unread_ctx *c, LLVMValueRef p, LLVMValueRef zeroed) {
  h2s_build *b = c->b;
  for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (LLVMIsAGetElementPtrInst(user) || LLVMIsABitCastInst(user) ||
        LLVMIsAAddrSpaceCastInst(user)) {
      if (LLVMGetOperand(user, 0) != p || !only_written(c, user, zeroed))
        return 0;
      continue;
    }
    if (LLVMIsAStoreInst(user)) {
      if (LLVMGetVolatile(user) || LLVMGetOperand(user, 0) == p)
        return 0;
      continue;
    }
    if (LLVMIsALoadInst(user)) {
      size_t mark = c->nseen;
      if (LLVMGetVolatile(user))
        return 0;
      if (dead_value(c, user))
        continue;
      c->nseen = mark; /* what the failed walk assumed dead is not */
      if (zeroed && reads_zero(b, zeroed, user))
        continue;
      return 0;
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
        LLVMGetInstructionOpcode(user) == LLVMCall &&
        only_written(c, user, NULL))
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
void h2s_unread_sites(h2s_build *b, uint8_t *cand) {
  unread_ctx c = {b, cand, NULL, 0, 0};
  for (size_t i = 0; i < b->nsites; i++)
    cand[i] = removable(b, &b->sites[i]);
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 0; i < b->nsites; i++) {
      if (!cand[i])
        continue;
      c.nseen = 0;
      const h2s_site *st = &b->sites[i];
      if (!only_written(&c, st->call, st->zeroed ? st->call : NULL)) {
        cand[i] = 0;
        changed = 1;
      }
    }
  }
  free(c.seen);
}

