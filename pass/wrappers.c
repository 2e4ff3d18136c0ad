/* wrappers.c: allocation wrappers seen through (issue 19, DESIGN
 * "Allocation wrappers").
 *
 * A function defined in the module is an allocation wrapper when its body
 * makes exactly one allocator call (alloc.c's families) and the block it
 * returns is that call's, untouched: the call's result is only compared
 * with null, cleared with llvm.memset, and returned by every `ret`; its
 * size, count and alignment are the wrapper's own parameters; the
 * allocator gets no other argument. Whatever else the body does (counters,
 * logging of sizes, an exit when the allocator fails) cannot see the
 * block. A free wrapper frees one of its parameters with one free of a
 * family and otherwise only compares it with null.
 *
 * A call to a wrapper is then an allocation site (or a free) of the inner
 * allocator's family, judged like one. Only when such a site moves is the
 * wrapper inlined there (and at the frees paired with it: wrapinline.c),
 * with LLVM's InlineFunction through the shim: the wrapper's other effects
 * stay, and the inner call, now visible, is what rewrite.c moves. Nothing
 * is inlined elsewhere. Everything else a wrapper might do with the block (keep it in
 * a pool or a list, print or hash its address, return another block)
 * breaks the rules above, and the call stays an ordinary call. */
#include "h2s.h"

#include <stdlib.h>
#include <string.h>

/* Beyond this many instructions a wrapper is not worth copying. */
#define H2S_WRAPPER_MAX_INSTS 200

/* The cache of answers, one per function asked about. */
struct h2s_wrappers {
  h2s_vmap *index; /* function -> slot in info */
  h2s_wrapper *info;
  size_t n, cap;
};

static int is_null(LLVMValueRef v) {
  return LLVMIsAConstantPointerNull(v) != NULL;
}

/* An `icmp eq/ne v, null`: reveals nothing of the address. */
static int null_test(LLVMValueRef user, LLVMValueRef v) {
  if (LLVMGetInstructionOpcode(user) != LLVMICmp)
    return 0;
  LLVMIntPredicate p = LLVMGetICmpPredicate(user);
  if (p != LLVMIntEQ && p != LLVMIntNE)
    return 0;
  LLVMValueRef a = LLVMGetOperand(user, 0), c = LLVMGetOperand(user, 1);
  return (a == v && is_null(c)) || (c == v && is_null(a));
}

/* The index of v among fn's parameters, or -1. */
static int param_index(LLVMValueRef fn, LLVMValueRef v) {
  if (!v || !LLVMIsAArgument(v) || LLVMGetParamParent(v) != fn)
    return -1;
  unsigned n = LLVMCountParams(fn);
  for (unsigned i = 0; i < n; i++)
    if (LLVMGetParam(fn, i) == v)
      return (int)i;
  return -1;
}

/* Map the inner call's argument k to the wrapper's parameter (*out), or
 * to a constant or an expression over parameters (*c, with *out = -1,
 * evaluated per call by wrapsize.c); -1 stays -1. Returns 0 when the
 * argument is none of those. */
static int map_arg(LLVMValueRef fn, LLVMValueRef inner, int k, int *out,
                   LLVMValueRef *c) {
  *out = -1;
  *c = NULL;
  if (k < 0)
    return 1;
  LLVMValueRef v = LLVMGetOperand(inner, (unsigned)k);
  if (LLVMIsAConstantInt(v)) {
    *c = v;
    return 1;
  }
  *out = param_index(fn, v);
  if (*out >= 0)
    return 1;
  *c = v;
  return h2s_wrapper_eval(fn, NULL, v, NULL);
}

/* A phi or select of the block p and null (GLib's g_malloc returns NULL
 * for a zero size), used only by `ret` and null tests. */
static int block_or_null(LLVMValueRef m, LLVMValueRef p) {
  LLVMOpcode op = LLVMGetInstructionOpcode(m);
  if (op == LLVMPHI) {
    unsigned n = LLVMCountIncoming(m);
    for (unsigned i = 0; i < n; i++) {
      LLVMValueRef v = LLVMGetIncomingValue(m, i);
      if (v != p && !is_null(v))
        return 0;
    }
  } else if (op == LLVMSelect) {
    for (unsigned i = 1; i < 3; i++) {
      LLVMValueRef v = LLVMGetOperand(m, i);
      if (v != p && !is_null(v))
        return 0;
    }
  } else {
    return 0;
  }
  for (LLVMUseRef u = LLVMGetFirstUse(m); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (!null_test(user, m) && LLVMGetInstructionOpcode(user) != LLVMRet)
      return 0;
  }
  return 1;
}

/* Is every use of the block p (the inner allocation) a null test, the
 * destination of llvm.memset, or a `ret`, and does every `ret` return it
 * or null (directly, or through one phi or select of the two)? */
static int block_only_returned(LLVMValueRef fn, LLVMValueRef p) {
  for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (null_test(user, p))
      continue;
    if (LLVMGetInstructionOpcode(user) == LLVMRet)
      continue;
    if (block_or_null(user, p))
      continue;
    LLVMValueRef callee =
        h2s_is_call(user) ? h2s_called_function(user) : NULL;
    size_t len;
    const char *name = callee ? LLVMGetValueName2(callee, &len) : "";
    if (callee && LLVMGetIntrinsicID(callee) && len >= 11 &&
        memcmp(name, "llvm.memset", 11) == 0 && LLVMGetOperand(user, 0) == p &&
        LLVMGetOperand(user, 1) != p && LLVMGetOperand(user, 2) != p)
      continue;
    return 0;
  }
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb)) {
    LLVMValueRef t = LLVMGetBasicBlockTerminator(bb);
    if (!t || LLVMGetInstructionOpcode(t) != LLVMRet)
      continue;
    LLVMValueRef r = LLVMGetNumOperands(t) == 1 ? LLVMGetOperand(t, 0) : NULL;
    if (!r || (r != p && !is_null(r) && !block_or_null(r, p)))
      return 0;
  }
  return 1;
}

/* Is every use of parameter p a null test or the freed argument of the
 * one free call? */
static int param_only_freed(LLVMValueRef p, LLVMValueRef inner, int ptr_arg) {
  for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (null_test(user, p))
      continue;
    if (user != inner)
      return 0;
    /* The block passed twice (free_sized(p, p)) is not a plain free. */
    unsigned n = LLVMGetNumArgOperands(inner);
    for (unsigned i = 0; i < n; i++)
      if (LLVMGetOperand(inner, i) == p && (int)i != ptr_arg)
        return 0;
  }
  return 1;
}

/* The body's shape: small, no stack objects of its own, nothing that makes
 * copying it into a caller other than an ordinary inlining. */
static int plain_body(h2s_build *b, LLVMValueRef fn) {
  unsigned count = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (++count > H2S_WRAPPER_MAX_INSTS)
        return 0;
      LLVMOpcode op = LLVMGetInstructionOpcode(i);
      if (op == LLVMAlloca || op == LLVMInvoke || op == LLVMCallBr ||
          op == LLVMLandingPad || op == LLVMResume)
        return 0;
      if (op == LLVMCall &&
          (LLVMGetTailCallKind(i) == LLVMTailCallKindMustTail ||
           h2s_call_has_fnattr(b, i, b->ak_returns_twice)))
        return 0;
    }
  return 1;
}

static void judge(h2s_build *b, LLVMValueRef fn, h2s_wrapper *w) {
  memset(w, 0, sizeof *w);
  w->kind = H2S_NOT_ALLOC;
  if (LLVMIsDeclaration(fn) || LLVMGetIntrinsicID(fn) ||
      LLVMIsFunctionVarArg(LLVMGlobalGetValueType(fn)))
    return;
  /* The body must be the one that runs: an exact definition, or a copy
   * ThinLTO imported for inlining (available_externally), which LLVM lets
   * optimisations use as the definition. */
  if (!h2s_host_exact_definition(fn) &&
      LLVMGetLinkage(fn) != LLVMAvailableExternallyLinkage)
    return;
  unsigned optnone = LLVMGetEnumAttributeKindForName("optnone", 7);
  unsigned coro = LLVMGetEnumAttributeKindForName("presplitcoroutine", 17);
  if (LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, optnone) ||
      LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, coro) ||
      !plain_body(b, fn) || !h2s_host_inline_viable(fn))
    return;
  /* Exactly one allocator, free or realloc call in the body. */
  LLVMValueRef inner = NULL;
  h2s_alloc a;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      h2s_alloc c;
      h2s_classify(b, i, &c);
      if (c.kind == H2S_NOT_ALLOC)
        continue;
      if (inner)
        return;
      inner = i;
      a = c;
    }
  if (!inner || a.kind == H2S_REALLOC)
    return;
  /* The only call to its callee, so that its copy is found by callee. */
  LLVMValueRef callee = h2s_called_function(inner);
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if (i != inner && h2s_is_call(i) && LLVMGetCalledValue(i) == callee)
        return;
  LLVMTypeRef ret = LLVMGetReturnType(LLVMGlobalGetValueType(fn));
  unsigned nargs = LLVMGetNumArgOperands(inner);
  if (a.kind == H2S_ALLOC) {
    if (LLVMGetTypeKind(ret) != LLVMPointerTypeKind)
      return;
    /* The allocator gets nothing but the wrapper's own size, count and
     * alignment (an arena argument would be code the caller cannot see). */
    for (unsigned i = 0; i < nargs; i++)
      if ((int)i != a.size_arg && (int)i != a.count_arg &&
          (int)i != a.align_arg)
        return;
    h2s_alloc m = a;
    if (!map_arg(fn, inner, a.size_arg, &m.size_arg, &w->size_c) ||
        !map_arg(fn, inner, a.count_arg, &m.count_arg, &w->count_c) ||
        !map_arg(fn, inner, a.align_arg, &m.align_arg, &w->align_c) ||
        !block_only_returned(fn, inner))
      return;
    m.ptr_arg = -1;
    m.standard = 0; /* the wrapper's other arguments: an unknown call's */
    w->a = m;
  } else {
    if (LLVMGetTypeKind(ret) != LLVMVoidTypeKind)
      return;
    int p = param_index(fn, LLVMGetOperand(inner, (unsigned)a.ptr_arg));
    if (p < 0 || !param_only_freed(LLVMGetParam(fn, (unsigned)p), inner,
                                   a.ptr_arg))
      return;
    /* The free's other arguments must not be pointers it could keep. */
    for (unsigned i = 0; i < nargs; i++)
      if ((int)i != a.ptr_arg &&
          LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(inner, i))) ==
              LLVMPointerTypeKind)
        return;
    h2s_alloc m = a;
    m.ptr_arg = p;
    m.size_arg = m.count_arg = m.align_arg = -1;
    m.standard = 0;
    w->a = m;
  }
  w->kind = a.kind;
  w->fn = fn;
  w->inner = inner;
  w->inner_name = a.name;
  size_t len;
  w->a.name = LLVMGetValueName2(fn, &len);
}

const h2s_wrapper *h2s_wrapper_of(h2s_build *b, LLVMValueRef fn) {
  if (!fn || LLVMIsDeclaration(fn) || h2s_scc_index(b, fn) >= 0)
    return NULL;
  if (!b->wrappers) {
    b->wrappers = h2s_xcalloc(1, sizeof *b->wrappers);
    b->wrappers->index = h2s_vmap_new();
  }
  h2s_wrappers *c = b->wrappers;
  h2s_loc k = h2s_vmap_get(c->index, fn);
  if (k == H2S_NOLOC) {
    H2S_RESERVE(c->info, c->cap, c->n + 1, 8);
    judge(b, fn, &c->info[c->n]);
    k = (h2s_loc)c->n++;
    h2s_vmap_put(c->index, fn, k);
  }
  const h2s_wrapper *w = &c->info[k];
  return w->kind == H2S_NOT_ALLOC ? NULL : w;
}

void h2s_wrappers_free(h2s_wrappers *c) {
  if (!c)
    return;
  h2s_vmap_free(c->index);
  free(c->info);
  free(c);
}

LLVMValueRef h2s_unwrap_callee(h2s_build *b, LLVMValueRef call) {
  LLVMValueRef fn = h2s_called_function(call);
  const h2s_wrapper *w = h2s_wrapper_of(b, fn);
  return w ? h2s_called_function(w->inner) : fn;
}
