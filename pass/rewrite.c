/* rewrite.c: which allocation sites move, and the move itself (DESIGN.md "Rewrite").
 *
 * A site moves when its object does not escape, its size is a constant no
 * larger than max-size, its alignment is known, every free that may receive
 * it receives only it, no realloc may receive it (unless it is a growth
 * buffer, growth.c, and is not left for LLVM to delete, unread.c), and no
 * musttail call may receive it. The move: an entry-block `alloca [N x i8]`
 * aligned as the allocator guarantees; lifetime.start (and calloc's zeroing) at the
 * original site, on every execution; frees deleted, with lifetime.end where
 * the free certainly receives the object; `tail` cleared on calls that may
 * reach it (a tail call may not touch its caller's frame). */
#include "h2s.h"

#include <llvm-c/DebugInfo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void block(h2s_site *s, const char *name, const char *reason) {
  if (!s->promote)
    return; /* keep the first reason */
  s->promote = 0;
  s->name = name;
  s->reason = reason;
}

/* The objects `call` may receive through its arguments, directly or
 * through memory they point to (malloc'd; *n receives the count). */
h2s_loc *h2s_call_reach(h2s_build *b, LLVMValueRef call, size_t *n) {
  unsigned nargs = LLVMGetNumArgOperands(call);
  h2s_loc *args = h2s_xmalloc((nargs + 1) * sizeof *args);
  size_t k = 0;
  for (unsigned i = 0; i < nargs; i++) {
    h2s_loc a = h2s_operand(b, LLVMGetOperand(call, i));
    if (a != H2S_NOLOC)
      args[k++] = a;
  }
  h2s_loc *out;
  *n = h2s_reachable(b->g, args, k, &out);
  free(args);
  return out;
}

/* The alloca address space from the data layout ("-A5"); 0 by default. */
static unsigned alloca_addrspace(LLVMValueRef fn) {
  LLVMModuleRef m = LLVMGetGlobalParent(fn);
  const char *dl = LLVMGetDataLayoutStr(m);
  for (const char *p = dl; p && *p; p++)
    if ((p == dl || p[-1] == '-') && p[0] == 'A' && p[1] >= '0' && p[1] <= '9')
      return (unsigned)strtoul(p + 1, NULL, 10);
  return 0;
}

/* What the frees, reallocs and musttail calls of the SCC do to each site,
 * computed once from their points-to sets rather than per site. */
typedef struct site_uses {
  unsigned frees;       /* frees that receive only this object */
  uint8_t ambiguous;    /* a free that may receive it and another object */
  uint8_t invoked_free; /* a free that may receive it is not a plain call */
  uint8_t far_free;     /* ...or is in another function of the SCC */
  uint8_t realloc;      /* a realloc may receive it */
  uint8_t musttail;     /* a musttail call may receive it */
} site_uses;

/* The site whose object is `o`, or -1. */
static int site_at(const int *site_of, h2s_loc o) {
  return o >= 0 ? site_of[o] : -1;
}

static void collect_uses(h2s_build *b, const int *site_of, site_uses *u) {
  for (size_t k = 0; k < b->nfrees; k++) {
    h2s_loc a = b->frees[k].arg;
    if (a == H2S_NOLOC)
      continue;
    size_t n, objs = 0;
    const h2s_loc *pts = h2s_points_to(b->g, a, &n);
    for (size_t j = 0; j < n; j++)
      objs += pts[j] != b->globals; /* globals cannot be freed */
    int plain = LLVMGetInstructionOpcode(b->frees[k].inst) == LLVMCall;
    for (size_t j = 0; j < n; j++) {
      int i = pts[j] == b->globals ? -1 : site_at(site_of, pts[j]);
      if (i < 0)
        continue;
      if (objs > 1)
        u[i].ambiguous = 1;
      else
        u[i].frees++;
      if (!plain)
        u[i].invoked_free = 1;
      if (LLVMGetBasicBlockParent(LLVMGetInstructionParent(b->frees[k].inst)) !=
          b->fns[b->sites[i].fn])
        u[i].far_free = 1;
    }
  }
  for (size_t k = 0; k < b->nreallocs; k++) {
    h2s_loc a = b->reallocs[k].arg;
    if (a == H2S_NOLOC)
      continue;
    size_t n;
    const h2s_loc *pts = h2s_points_to(b->g, a, &n);
    for (size_t j = 0; j < n; j++) {
      int i = site_at(site_of, pts[j]);
      if (i >= 0)
        u[i].realloc = 1;
    }
  }
  for (size_t k = 0; k < b->ntails; k++) {
    LLVMValueRef t = b->tails[k].inst;
    if (LLVMGetTailCallKind(t) != LLVMTailCallKindMustTail)
      continue;
    size_t n;
    h2s_loc *r = h2s_call_reach(b, t, &n);
    for (size_t j = 0; j < n; j++) {
      int i = site_at(site_of, r[j]);
      if (i >= 0)
        u[i].musttail = 1;
    }
    free(r);
  }
}

/* Can a non-constant size get the small buffer? Its sizes must fit in 64
 * bits, and its frees must be plain calls (the guard splits blocks around
 * them) in its own function (the guard compares with the buffer, which
 * only that function sees). */
static int small_ok(h2s_site *s, const site_uses *u) {
  int args[2] = {s->size_arg, s->count_arg};
  for (int i = 0; i < 2; i++) {
    if (args[i] < 0)
      continue;
    LLVMTypeRef t = LLVMTypeOf(LLVMGetOperand(s->call, (unsigned)args[i]));
    if (LLVMGetTypeKind(t) != LLVMIntegerTypeKind || LLVMGetIntTypeWidth(t) > 64)
      return 0;
  }
  return !u->invoked_free && !u->far_free;
}

/* The bytes one frame of function f may receive. */
static uint64_t frame_budget(const h2s_build *b, int f) {
  const h2s_options *o = b->opt;
  uint64_t lim = b->fi[f].recursive == H2S_RECURSIVE  ? o->max_size_recursive
                 : b->fi[f].recursive == H2S_MAY_RECURSE ? o->max_size_may_recurse
                                                        : o->max_function_bytes;
  return lim < o->max_function_bytes ? lim : o->max_function_bytes;
}

static uint64_t add_sat(uint64_t x, uint64_t y) {
  return x > UINT64_MAX - y ? UINT64_MAX : x + y;
}

/* The stack budgets, in program order, by construction (README, Stack
 * bounds): a frame gets at most max-function-bytes, or max-size-recursive
 * when its function may recurse (stack.c); and a path of direct calls at
 * most max-path-bytes: what the SCC's frames already hold (buffers
 * promoted earlier and inlined since), plus what is moved here, plus the
 * most any callee outside the SCC holds on a path below it, as it
 * published. A callee defined here but not analysed yet counts as over
 * the budget. Then publish this SCC's own path bytes for its callers. */
static void budgets(h2s_build *b) {
  const h2s_options *o = b->opt;
  uint64_t *used = h2s_xcalloc(b->nfns + 1, sizeof *used);
  uint64_t held = 0, below = 0;
  for (size_t f = 0; f < b->nfns; f++) {
    if (LLVMIsDeclaration(b->fns[f]))
      continue;
    used[f] = h2s_promoted_bytes(b->fns[f]);
    held = add_sat(held, used[f]);
    uint64_t c = h2s_callee_path_bytes(b->fns[f], b->fns, b->nfns,
                                       add_sat(o->max_path_bytes, 1));
    if (c > below)
      below = c;
  }
  for (size_t i = 0; i < b->nsites; i++) {
    h2s_site *s = &b->sites[i];
    if (!s->promote)
      continue;
    uint64_t sz = add_sat(s->small ? o->small_buffer : s->size ? s->size : 1,
                          s->align);
    uint64_t frame = frame_budget(b, s->fn);
    if (add_sat(used[s->fn], sz) > frame) {
      block(s, "Budget", b->fi[s->fn].recursive
                             ? "over a recursive function's frame budget"
                             : "over the function's stack budget");
    } else if (add_sat(add_sat(held, sz), below) > o->max_path_bytes) {
      block(s, "PathBudget", "over the call path's stack budget");
    } else {
      used[s->fn] += sz;
      held += sz;
    }
  }
  for (size_t f = 0; f < b->nfns; f++)
    if (!LLVMIsDeclaration(b->fns[f]))
      h2s_publish_path(b->fns[f], add_sat(held, below));
  free(used);
}

void h2s_decide(h2s_build *b) {
  h2s_growth_heads(b); /* realloc(NULL, n) first: sites of their own */
  size_t nlocs = h2s_loc_count(b->g);
  int *site_of = h2s_xmalloc((nlocs + 1) * sizeof *site_of);
  for (size_t l = 0; l < nlocs; l++)
    site_of[l] = -1;
  for (size_t i = 0; i < b->nsites; i++)
    site_of[b->sites[i].obj] = (int)i;
  site_uses *uses = h2s_xcalloc(b->nsites + 1, sizeof *uses);
  collect_uses(b, site_of, uses);
  int *growth = h2s_xcalloc(b->nsites + 1, sizeof *growth);
  const char **why = h2s_xcalloc(b->nsites + 1, sizeof *why);
  uint8_t *unread = h2s_xcalloc(b->nsites + 1, 1);
  uint8_t *ret_heap = h2s_xcalloc(b->nsites + 1, 1);
  h2s_growth_decide(b, growth, ret_heap, why);
  h2s_unread_sites(b, unread);
  unsigned stack_as = b->nfns ? alloca_addrspace(b->fns[0]) : 0;
  /* One answer to "may recurse" for the analysis and the guard (stack.c). */
  for (size_t f = 0; f < b->nfns; f++)
    b->fi[f].recursive =
        LLVMIsDeclaration(b->fns[f]) ? 0
        : b->nfns > 1                ? H2S_RECURSIVE
                                     : h2s_may_recurse(b->host, b->opt, b->fns[f]);
  for (size_t i = 0; i < b->nsites; i++) {
    h2s_site *s = &b->sites[i];
    const site_uses *u = &uses[i];
    s->promote = 1;
    if (b->fi[s->fn].block)
      block(s, "Unsupported", b->fi[s->fn].block);
    /* A growth buffer returned is copied to the heap there (growth.c). */
    s->ret_heap = ret_heap[i];
    if (h2s_escapes(b->g, s->obj) && !s->ret_heap) {
      const char *reason, *target;
      h2s_escape_words(b, s->obj, &reason, &target);
      block(s, "Escapes", reason);
      if (!s->promote && s->name && strcmp(s->name, "Escapes") == 0)
        s->target = target;
    }
    /* Go 1.25: a non-constant size gets a small stack buffer used when
     * the size turns out to fit (not for invoke: the heap path may
     * throw, and splitting around an invoke is not worth it). */
    if (!s->size_known && b->opt->small_buffer &&
        LLVMGetInstructionOpcode(s->call) == LLVMCall && small_ok(s, u))
      s->small = 1;
    uint64_t size = s->small ? b->opt->small_buffer : s->size;
    if (!s->size_known && !s->small)
      block(s, "NonConstantSize", "non-constant size");
    else if (size > b->opt->max_size)
      block(s, "TooLarge", "too large for stack");
    else if (b->fi[s->fn].recursive && size > frame_budget(b, s->fn))
      block(s, "TooLarge", "too large for a recursive function");
    if (s->align == 0)
      block(s, "Unsupported", "non-constant alignment");
    if (LLVMGetPointerAddressSpace(LLVMTypeOf(s->call)) != stack_as)
      block(s, "Unsupported", "address space differs from the stack's");
    /* A growth site's frees and reallocs receive only its chain
     * (growth.c), which counted its frees. */
    s->growth = growth[i];
    if (u->ambiguous && !s->growth)
      block(s, "AmbiguousFree", "ambiguous free");
    else if (!s->growth)
      s->nfrees = u->frees;
    if (u->realloc && !s->growth)
      block(s, "Realloc", why[i] ? why[i] : "realloc");
    if (u->musttail)
      block(s, "MustTail", "musttail call");
    /* Never worse than -O2: InstCombine deletes it as it is, but not
     * behind the small-buffer phi or the growth guard. */
    if ((s->small || s->growth) && unread[i])
      block(s, "NeverRead", "left for LLVM to delete");
  }
  free(uses);
  free(growth);
  free(why);
  free(unread);
  free(ret_heap);
  budgets(b);
  /* Pair frees and tail calls with promoted sites now, before the rewrite
   * replaces values the map knows. A free that may receive a promoted
   * object receives nothing else (see collect_uses). */
  int any = 0;
  for (size_t i = 0; i < b->nsites; i++)
    any |= b->sites[i].promote;
  for (size_t k = 0; k < b->nfrees && any; k++) {
    h2s_use *f = &b->frees[k];
    if (f->arg == H2S_NOLOC)
      continue;
    size_t n;
    const h2s_loc *pts = h2s_points_to(b->g, f->arg, &n);
    for (size_t j = 0; j < n; j++) {
      int i = site_at(site_of, pts[j]);
      if (i < 0 || !b->sites[i].promote)
        continue;
      f->site = i;
      /* Only the freed argument counts: arena_free(arena, p) frees p. */
      if (LLVMGetOperand(f->inst, (unsigned)f->ptr_arg) == b->sites[i].call)
        f->direct = 1;
    }
  }
  if (any)
    h2s_growth_pair(b);
  for (size_t k = 0; k < b->ntails && any; k++) {
    if (LLVMGetTailCallKind(b->tails[k].inst) != LLVMTailCallKindTail)
      continue;
    size_t n;
    h2s_loc *r = h2s_call_reach(b, b->tails[k].inst, &n);
    for (size_t j = 0; j < n; j++) {
      int i = site_at(site_of, r[j]);
      if (i >= 0 && b->sites[i].promote)
        b->tails[k].site = 1;
    }
    free(r);
  }
  free(site_of);
}

/* Replace an invoke by a branch to its normal destination. */
static void erase_call(LLVMBuilderRef B, LLVMValueRef call) {
  if (LLVMGetInstructionOpcode(call) == LLVMInvoke) {
    LLVMBasicBlockRef bb = LLVMGetInstructionParent(call);
    LLVMPositionBuilderBefore(B, call);
    LLVMBuildBr(B, LLVMGetNormalDest(call));
    h2s_host_remove_pred(LLVMGetUnwindDest(call), bb);
  }
  LLVMInstructionEraseFromParent(call);
}

static void lifetime(h2s_build *b, LLVMBuilderRef B, unsigned id,
                     LLVMValueRef slot) {
  LLVMModuleRef m = LLVMGetGlobalParent(
      LLVMGetBasicBlockParent(LLVMGetInstructionParent(slot)));
  LLVMTypeRef pty = LLVMTypeOf(slot);
  LLVMValueRef f = LLVMGetIntrinsicDeclaration(m, id, &pty, 1);
  LLVMTypeRef fty = LLVMIntrinsicGetType(b->ctx, id, &pty, 1);
  LLVMBuildCall2(B, fty, f, &slot, 1, "");
}

static void move_small(h2s_build *b, LLVMBuilderRef B, h2s_site *s,
                       LLVMValueRef slot);
static void guard_frees(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                        LLVMValueRef slot);

static void move_site(h2s_build *b, LLVMBuilderRef B, h2s_site *s) {
  LLVMValueRef call = s->call;
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInstructionParent(call));
  LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
  LLVMTypeRef i8 = LLVMInt8TypeInContext(b->ctx);
  uint64_t n = s->size ? s->size : 1;

  LLVMPositionBuilderBefore(B, LLVMGetFirstInstruction(entry));
  LLVMSetCurrentDebugLocation2(B, NULL);
  size_t len;
  const char *name = LLVMGetValueName2(call, &len);
  char buf[64];
  snprintf(buf, sizeof buf, "%.*s%s", (int)(len > 40 ? 40 : len), name,
           len ? ".h2s" : "h2s");
  if (s->small)
    n = b->opt->small_buffer;
  LLVMValueRef slot = LLVMBuildAlloca(B, LLVMArrayType2(i8, n), buf);
  LLVMSetAlignment(slot, s->align);
  h2s_mark_promoted(slot);
  if (s->small) {
    move_small(b, B, s, slot);
    return;
  }

  if (s->growth) {
    /* A pool of one block: the site, its reallocs and frees test for it
     * (growrw.c). */
    h2s_growth_rewrite(b, B, s, slot);
    return;
  }

  /* At the original site, on every execution: a fresh object. */
  LLVMPositionBuilderBefore(B, call);
  lifetime(b, B, b->id_lifetime_start, slot);
  if (s->zeroed) {
    LLVMValueRef set = LLVMBuildMemSet(
        B, slot, LLVMConstInt(i8, 0, 0),
        LLVMConstInt(LLVMInt64TypeInContext(b->ctx), n, 0), s->align);
    (void)set;
  }

  /* Frees that receive only this object go; lifetime.end where the free
   * certainly receives it (its argument is the allocation itself). */
  for (size_t k = 0; k < b->nfrees; k++) {
    h2s_use *f = &b->frees[k];
    if (f->site != (int)(s - b->sites))
      continue;
    if (f->direct) {
      LLVMPositionBuilderBefore(B, f->inst);
      lifetime(b, B, b->id_lifetime_end, slot);
    }
    erase_call(B, f->inst);
  }
  LLVMReplaceAllUsesWith(call, slot);
  erase_call(B, call);
}

/* The run-time size of a small-buffer site, and whether it fits in K:
 * size <= K, and for calloc-like count*size also count <= K and size <= K
 * first, so that the product cannot overflow. */
static LLVMValueRef fits(h2s_build *b, LLVMBuilderRef B, h2s_site *s,
                         LLVMValueRef *bytes) {
  LLVMTypeRef i64 = LLVMInt64TypeInContext(b->ctx);
  LLVMValueRef k = LLVMConstInt(i64, b->opt->small_buffer, 0);
  LLVMValueRef n = LLVMGetOperand(s->call, (unsigned)s->size_arg);
  n = LLVMBuildZExtOrBitCast(B, n, i64, "h2s.n");
  LLVMValueRef ok = LLVMBuildICmp(B, LLVMIntULE, n, k, "h2s.fits");
  if (s->count_arg >= 0) {
    LLVMValueRef c = LLVMGetOperand(s->call, (unsigned)s->count_arg);
    c = LLVMBuildZExtOrBitCast(B, c, i64, "h2s.count");
    ok = LLVMBuildAnd(B, ok, LLVMBuildICmp(B, LLVMIntULE, c, k, ""), "");
    n = LLVMBuildMul(B, n, c, "h2s.bytes");
    ok = LLVMBuildAnd(B, ok, LLVMBuildICmp(B, LLVMIntULE, n, k, ""), "h2s.fits");
  }
  *bytes = n;
  return ok;
}

/* p = fits ? buf : call; frees become `if (p != buf) free(p)`. */
static void move_small(h2s_build *b, LLVMBuilderRef B, h2s_site *s,
                       LLVMValueRef slot) {
  LLVMValueRef call = s->call;
  LLVMTypeRef i8 = LLVMInt8TypeInContext(b->ctx);
  LLVMBasicBlockRef head = LLVMGetInstructionParent(call);
  LLVMBasicBlockRef slow = h2s_host_split_before(call);
  LLVMBasicBlockRef rest = h2s_host_split_before(LLVMGetNextInstruction(call));

  LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(head));
  LLVMPositionBuilderAtEnd(B, head);
  LLVMSetCurrentDebugLocation2(B, LLVMInstructionGetDebugLoc(call));
  LLVMValueRef bytes;
  LLVMValueRef ok = fits(b, B, s, &bytes);
  lifetime(b, B, b->id_lifetime_start, slot);
  if (s->zeroed) {
    LLVMValueRef len = LLVMBuildSelect(
        B, ok, bytes, LLVMConstInt(LLVMTypeOf(bytes), 0, 0), "h2s.zero");
    LLVMBuildMemSet(B, slot, LLVMConstInt(i8, 0, 0), len, s->align);
  }
  LLVMBuildCondBr(B, ok, rest, slow);

  LLVMPositionBuilderBefore(B, LLVMGetFirstInstruction(rest));
  LLVMValueRef phi = LLVMBuildPhi(B, LLVMTypeOf(call), "h2s.p");
  LLVMReplaceAllUsesWith(call, phi);
  LLVMValueRef vals[2] = {slot, call};
  LLVMBasicBlockRef from[2] = {head, slow};
  LLVMAddIncoming(phi, vals, from, 2);

  guard_frees(b, B, s, slot);
}

/* Frees that may receive the buffer become `if (p != buf) free(p)`. */
static void guard_frees(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                        LLVMValueRef slot) {
  for (size_t k = 0; k < b->nfrees; k++) {
    h2s_use *f = &b->frees[k];
    if (f->site != (int)(s - b->sites))
      continue;
    LLVMBasicBlockRef fb = LLVMGetInstructionParent(f->inst);
    LLVMBasicBlockRef dofree = h2s_host_split_before(f->inst);
    LLVMBasicBlockRef after =
        h2s_host_split_before(LLVMGetNextInstruction(f->inst));
    LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(fb));
    LLVMPositionBuilderAtEnd(B, fb);
    LLVMSetCurrentDebugLocation2(B, LLVMInstructionGetDebugLoc(f->inst));
    LLVMValueRef arg = LLVMGetOperand(f->inst, (unsigned)f->ptr_arg);
    LLVMValueRef heap = LLVMBuildICmp(B, LLVMIntNE, arg, slot, "h2s.onheap");
    LLVMBuildCondBr(B, heap, dofree, after);
  }
}

/* -fstack-protector (ssp) guards only char arrays of 8 bytes or more; a
 * promoted buffer of any size must stay guarded when the user asked for
 * protection, so a function with ssp that receives one gets sspstrong. */
static void keep_protected(h2s_build *b, LLVMValueRef fn) {
  unsigned ssp = LLVMGetEnumAttributeKindForName("ssp", 3);
  unsigned strong = LLVMGetEnumAttributeKindForName("sspstrong", 9);
  unsigned req = LLVMGetEnumAttributeKindForName("sspreq", 6);
  unsigned idx = LLVMAttributeFunctionIndex;
  if (!LLVMGetEnumAttributeAtIndex(fn, idx, ssp) ||
      LLVMGetEnumAttributeAtIndex(fn, idx, strong) ||
      LLVMGetEnumAttributeAtIndex(fn, idx, req))
    return;
  LLVMRemoveEnumAttributeAtIndex(fn, idx, ssp);
  LLVMAddAttributeAtIndex(fn, idx, LLVMCreateEnumAttribute(b->ctx, strong, 0));
}

void h2s_rewrite(h2s_build *b) {
  LLVMBuilderRef B = LLVMCreateBuilderInContext(b->ctx);
  for (size_t i = 0; i < b->nsites; i++)
    if (b->sites[i].promote)
      keep_protected(b, b->fns[b->sites[i].fn]);
  /* A tail call may not reach its caller's frame. */
  for (size_t k = 0; k < b->ntails; k++)
    if (b->tails[k].site == 1)
      LLVMSetTailCallKind(b->tails[k].inst, LLVMTailCallKindNone);
  h2s_wrappers_inline(b); /* wrapper sites become their inner calls */
  for (size_t i = 0; i < b->nsites; i++)
    if (b->sites[i].promote)
      move_site(b, B, &b->sites[i]);
  LLVMDisposeBuilder(B);
}
