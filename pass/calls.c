/* calls.c: edges for calls (Go's call.go): allocation sites, frees and
 * reallocs, intrinsics, and calls to other functions judged by their
 * attributes (captures, memory, nofree, byval, returned).
 *
 * Call-site attribute getters do not look at the callee: every query here
 * asks both. An unknown callee (indirect call, inline asm, a function with
 * no attributes) gets every pointer it is passed. captures(none) alone is
 * not "does not escape": the callee may still free the pointer (unless
 * nofree), leak what it points to (unless it cannot read through it), or
 * write unknown pointers into it (Rule U). */
#include "h2s.h"

#include <string.h>

int h2s_is_call(LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  return op == LLVMCall || op == LLVMInvoke || op == LLVMCallBr;
}

LLVMValueRef h2s_called_function(LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  return callee && LLVMIsAFunction(callee) ? callee : NULL;
}

LLVMAttributeRef h2s_call_attr(h2s_build *b, LLVMValueRef call, int idx,
                               unsigned kind) {
  LLVMAttributeRef a = LLVMGetCallSiteEnumAttribute(call, (unsigned)idx, kind);
  if (a)
    return a;
  LLVMValueRef fn = h2s_called_function(call);
  /* Parameter attributes of the declaration apply only to fixed params. */
  if (fn && (idx <= 0 || (unsigned)idx <= LLVMCountParams(fn)))
    return LLVMGetEnumAttributeAtIndex(fn, (unsigned)idx, kind);
  return NULL;
}

int h2s_call_has_fnattr(h2s_build *b, LLVMValueRef call, unsigned kind) {
  return h2s_call_attr(b, call, (int)LLVMAttributeFunctionIndex, kind) != NULL;
}

static int has_prefix(const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s, p, n) == 0;
}

/* Is p (through getelementptrs and casts) into a constant global whose
 * initializer, the one that runs, holds no address? Any bytes read from it
 * are numbers, nulls or string data: no pointer to an object. */
static int address_free(LLVMValueRef p) {
  for (int depth = 0; p && depth < 8; depth++) {
    if (LLVMIsAGlobalVariable(p)) {
      LLVMValueRef init = LLVMIsDeclaration(p) ? NULL : LLVMGetInitializer(p);
      return init && LLVMIsGlobalConstant(p) && !LLVMIsExternallyInitialized(p) &&
             !h2s_host_interposable(p) && !h2s_constant_has_address(init);
    }
    int cast = LLVMIsAGetElementPtrInst(p) || LLVMIsABitCastInst(p) ||
               LLVMIsAAddrSpaceCastInst(p);
    if (!cast && LLVMIsAConstantExpr(p)) {
      LLVMOpcode op = LLVMGetConstOpcode(p);
      cast = op == LLVMGetElementPtr || op == LLVMBitCast ||
             op == LLVMAddrSpaceCast;
    }
    if (!cast)
      return 0;
    p = LLVMGetOperand(p, 0);
  }
  return 0;
}

/* Intrinsics we model by name. Returns 1 when handled. */
static int visit_intrinsic(h2s_build *b, LLVMValueRef call, LLVMValueRef fn) {
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  h2s_loc self = h2s_value(b, call);
#define ARG(i) h2s_operand(b, LLVMGetOperand(call, (i)))
  /* They do not capture, and write no pointers anywhere. */
  static const char *const inert[] = {
      "llvm.lifetime.", "llvm.dbg.", "llvm.assume", "llvm.sideeffect",
      "llvm.experimental.noalias.scope.decl", "llvm.pseudoprobe",
      "llvm.donothing", "llvm.fake.use", "llvm.invariant.", "llvm.prefetch",
      "llvm.var.annotation", "llvm.codeview.annotation", "llvm.objectsize",
      "llvm.is.constant", "llvm.memset.",
      "llvm.trap", "llvm.debugtrap", "llvm.ubsantrap", "llvm.va_end",
      "llvm.allow.runtime.check", "llvm.allow.ubsan.check",
      "llvm.instrprof.", "llvm.stackrestore",
  };
  for (size_t i = 0; i < sizeof inert / sizeof *inert; i++)
    if (has_prefix(name, len, inert[i]))
      return 1;
  /* They return their first argument, adjusted. */
  static const char *const passthrough[] = {
      "llvm.ptrmask", "llvm.launder.invariant.group",
      "llvm.strip.invariant.group", "llvm.ptr.annotation",
      "llvm.expect", "llvm.preserve.",
  };
  for (size_t i = 0; i < sizeof passthrough / sizeof *passthrough; i++)
    if (has_prefix(name, len, passthrough[i])) {
      h2s_flow(b, self, ARG(0), 0, TAG_COPY, call);
      return 1;
    }
  /* memset.pattern(d, pattern, n): stores of the pattern, which may be a
   * pointer. */
  if (has_prefix(name, len, "llvm.experimental.memset.pattern")) {
    h2s_add_store(b, ARG(0), ARG(1), 0, TAG_STORE, call);
    return 1;
  }
  /* memcpy(d, s): like a store of *s into what d points to. From a
   * constant without addresses (`struct sb x = {NULL, 0, 16}`), no pointer
   * is copied: d is written, with nothing (see address_free). */
  if (has_prefix(name, len, "llvm.memcpy") ||
      has_prefix(name, len, "llvm.memmove")) {
    if (address_free(LLVMGetOperand(call, 1)))
      h2s_flow(b, H2S_MUTATOR, ARG(0), 0, TAG_MEMCPY, call);
    else
      h2s_add_store(b, ARG(0), ARG(1), 1, TAG_MEMCPY, call);
    return 1;
  }
  if (has_prefix(name, len, "llvm.va_start")) {
    h2s_add_store(b, ARG(0), H2S_HEAP, -1, TAG_UNKNOWN, call);
    return 1;
  }
  if (has_prefix(name, len, "llvm.va_copy")) {
    h2s_add_store(b, ARG(0), ARG(1), 1, TAG_MEMCPY, call);
    return 1;
  }
#undef ARG
  return 0;
}

/* Everything goes to the heap; the result is unknown. */
static void opaque_call(h2s_build *b, LLVMValueRef call, unsigned first,
                        unsigned end, int tag) {
  for (unsigned i = first; i < end; i++)
    h2s_flow(b, H2S_HEAP, h2s_operand(b, LLVMGetOperand(call, i)), 0, tag,
             call);
  h2s_flow(b, h2s_value(b, call), H2S_HEAP, -1, TAG_CALLRET, call);
}

/* Argument i of call, or when i is -1 the wrapper's constant c, or the
 * value of its expression c for this call (wrapsize.c) when that is a
 * constant (else c itself: not a constant). */
static LLVMValueRef arg_or(LLVMValueRef call, int i, LLVMValueRef c,
                           const h2s_wrapper *w) {
  if (i >= 0)
    return LLVMGetOperand(call, (unsigned)i);
  uint64_t n;
  if (c && w && !LLVMIsAConstantInt(c) && h2s_wrapper_eval(w->fn, call, c, &n))
    return LLVMConstInt(LLVMTypeOf(c), n, 0);
  return c;
}

static void allocation(h2s_build *b, LLVMValueRef call, const h2s_alloc *a,
                       const h2s_wrapper *w) {
  h2s_loc obj =
      h2s_new_at(b, H2S_LOC_OBJECT, LLVMGetInstructionParent(call), 0, call);
  h2s_flow(b, h2s_value(b, call), obj, -1, TAG_ALLOC, call);
  H2S_RESERVE(b->sites, b->capsites, b->nsites + 1, 16);
  h2s_site *s = &b->sites[b->nsites++];
  memset(s, 0, sizeof *s);
  s->call = call;
  s->obj = obj;
  s->fn = b->fn;
  s->callee = a->name;
  s->zeroed = a->zeroed;
  s->align = a->min_align;
  s->size_arg = a->size_arg;
  s->count_arg = a->count_arg;
  /* Size: constant after folding, calloc's count*size without overflow. */
  LLVMValueRef sz = arg_or(call, a->size_arg, w ? w->size_c : NULL, w);
  LLVMValueRef cnt = arg_or(call, a->count_arg, w ? w->count_c : NULL, w);
  LLVMValueRef al = arg_or(call, a->align_arg, w ? w->align_c : NULL, w);
  if (LLVMIsAConstantInt(sz) && LLVMGetIntTypeWidth(LLVMTypeOf(sz)) <= 64) {
    uint64_t n = LLVMConstIntGetZExtValue(sz);
    s->size_known = 1;
    if (cnt) {
      LLVMValueRef c = cnt;
      uint64_t k;
      if (!LLVMIsAConstantInt(c) || LLVMGetIntTypeWidth(LLVMTypeOf(c)) > 64 ||
          __builtin_mul_overflow(n, (k = LLVMConstIntGetZExtValue(c)), &n))
        s->size_known = 0;
    }
    s->size = n;
  }
  /* Alignment: the allocator's guarantee, its alignment argument, and the
   * align attribute on the result. Zero means "not a constant". */
  if (al) {
    if (LLVMIsAConstantInt(al) && LLVMGetIntTypeWidth(LLVMTypeOf(al)) <= 64) {
      uint64_t v = LLVMConstIntGetZExtValue(al);
      if (v > s->align)
        s->align = v > (1u << 30) ? 0 : (unsigned)v;
    } else {
      s->align = 0;
    }
  }
  LLVMAttributeRef ra =
      LLVMGetCallSiteEnumAttribute(call, LLVMAttributeReturnIndex, b->ak_align);
  if (ra && s->align && LLVMGetEnumAttributeValue(ra) > s->align)
    s->align = (unsigned)LLVMGetEnumAttributeValue(ra);
}

/* Does a library function that touches no memory but errno take only
 * numbers? Then it is a pure function of its arguments in the sense of the
 * library contract (README "Library contracts"): log, sqrt, pow, abs...
 * compute a value and at most set errno to an error code, so the numbers
 * they receive can only come back in the result. */
static int pure_numbers(h2s_build *b, LLVMValueRef call, unsigned nargs,
                        const h2s_memory *mem) {
  if (!mem->errno_only || !h2s_host_is_library(b->host, call))
    return 0;
  for (unsigned i = 0; i < nargs; i++)
    if (LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(call, i))) ==
        LLVMPointerTypeKind)
      return 0;
  return 1;
}

/* A direct call to a function we only know by its attributes. */
static void attributed_call(h2s_build *b, LLVMValueRef call, unsigned nargs) {
  /* The memory the call may touch: call site and callee both restrict it
   * (the bit layout of MemoryEffects stays in the shim). */
  h2s_memory mem;
  h2s_host_call_memory(call, &mem);
  int readnone = mem.none || pure_numbers(b, call, nargs, &mem);
  int nofree = h2s_call_has_fnattr(b, call, b->ak_nofree) || !mem.any_mod;
  h2s_loc self = h2s_value(b, call);
  h2s_flow(b, self, H2S_HEAP, -1, TAG_CALLRET, call);
  for (unsigned i = 0; i < nargs; i++) {
    LLVMValueRef arg = LLVMGetOperand(call, i);
    h2s_loc a = h2s_operand(b, arg);
    if (a == H2S_NOLOC)
      continue;
    if (readnone) {
      /* It touches no memory: it can only hand the value back, or (into a
       * result the graph does not track) observe its bits. */
      if (self == H2S_NOLOC)
        h2s_expose(b, arg, call);
      h2s_flow(b, self, a, 0, TAG_CALLRET, call);
      continue;
    }
    if (LLVMGetTypeKind(LLVMTypeOf(arg)) != LLVMPointerTypeKind) {
      h2s_flow(b, H2S_HEAP, a, 0, TAG_CALL, call);
      continue;
    }
    if (h2s_call_attr(b, call, (int)i + 1, b->ak_byval)) {
      /* The callee gets a copy of the contents, not the pointer. */
      h2s_flow(b, H2S_HEAP, a, 1, TAG_CONTENT, call);
      continue;
    }
    h2s_captures cap;
    h2s_host_call_captures(call, i, &cap);
    /* Comparing with null (address_is_null) captures nothing usable. */
    if (cap.other) {
      h2s_flow(b, H2S_HEAP, a, 0, TAG_CALL, call);
      continue;
    }
    if (!nofree) {
      h2s_flow(b, H2S_HEAP, a, 0, TAG_MAYFREE, call);
      continue;
    }
    if (cap.ret || h2s_call_attr(b, call, (int)i + 1, b->ak_returned))
      h2s_flow(b, self, a, 0, TAG_CALLRET, call);
    int pnone = h2s_call_attr(b, call, (int)i + 1, b->ak_readnone) != NULL;
    int pro = h2s_call_attr(b, call, (int)i + 1, b->ak_readonly) != NULL;
    int pwo = h2s_call_attr(b, call, (int)i + 1, b->ak_writeonly) != NULL;
    if (mem.arg_ref && !pnone && !pwo)
      h2s_flow(b, H2S_HEAP, a, 1, TAG_CONTENT, call);
    if (mem.arg_mod && !pnone && !pro)
      h2s_add_store(b, a, H2S_HEAP, -1, TAG_RULEU, call);
  }
}

/* The printf family's variadic arguments, as the literal format says:
 * numbers and %p are printed (exposed: the output shows address bits, and
 * scanf's %p or strtoul may rebuild the address), %s reads the string, %n
 * writes a count. An unknown format: each argument may be any of those. */
static void printf_args(h2s_build *b, LLVMValueRef call, unsigned nparams,
                        unsigned nargs) {
  char kinds[64];
  int nk = nparams ? h2s_printf_args(LLVMGetOperand(call, nparams - 1), kinds,
                                     (int)sizeof kinds)
                   : -1;
  for (unsigned i = nparams; i < nargs; i++) {
    LLVMValueRef arg = LLVMGetOperand(call, i);
    h2s_loc a = h2s_operand(b, arg);
    int k = nk < 0 ? '?' : (int)(i - nparams) < nk ? kinds[i - nparams] : 0;
    if (k == 0)
      continue; /* an argument the format does not take is not read */
    int ptr = LLVMGetTypeKind(LLVMTypeOf(arg)) == LLVMPointerTypeKind;
    if (k == H2S_FMT_STRING && ptr) {
      h2s_flow(b, H2S_HEAP, a, 1, TAG_CONTENT, call);
      continue;
    }
    if (k == H2S_FMT_WRITE && ptr) {
      h2s_add_store(b, a, H2S_HEAP, -1, TAG_RULEU, call);
      continue;
    }
    h2s_expose(b, arg, call);
    if (k == '?' && ptr)
      h2s_add_store(b, a, H2S_HEAP, -1, TAG_RULEU, call);
  }
}

/* Library functions TLI knows: their fixed parameters by attributes, their
 * variadic arguments by what the family does with them. Returns 1 when
 * handled. */
static int library_call(h2s_build *b, LLVMValueRef call, LLVMValueRef fn,
                        unsigned nargs) {
  enum h2s_libfunc lib = h2s_host_libfunc(b->host, call);
  /* glibc's C99 scanf entry points (reserved names TLI does not know):
   * they only read their fixed arguments. */
  int isoc99 = 0;
  if (lib == H2S_LIB_NONE) {
    size_t len;
    const char *name = LLVMGetValueName2(fn, &len);
    if ((len == 14 && memcmp(name, "__isoc99_scanf", 14) == 0) ||
        (len == 15 && memcmp(name, "__isoc99_sscanf", 15) == 0) ||
        (len == 15 && memcmp(name, "__isoc99_fscanf", 15) == 0))
      lib = H2S_LIB_SCANF, isoc99 = 1;
  }
  if (lib == H2S_LIB_NONE)
    return 0;
  unsigned nparams = LLVMCountParams(fn);
  if (nparams > nargs)
    return 0;
  if (lib == H2S_LIB_QSORT) {
    if (nargs != 4)
      return 0;
    /* qsort(base, n, size, cmp): the elements stay in base, and the
     * comparator gets pointers to them. Known comparator: its summary;
     * otherwise they escape. */
    h2s_loc base = h2s_operand(b, LLVMGetOperand(call, 0));
    LLVMValueRef cmp = LLVMGetOperand(call, 3);
    int level = 0, mutates = 1;
    if (LLVMIsAFunction(cmp) && LLVMCountParams(cmp) == 2) {
      level = H2S_NOLEAK;
      mutates = 0;
      for (unsigned i = 0; i < 2; i++) {
        h2s_leaks l;
        if (h2s_read_param_leaks(b, cmp, i, &l) != 0) {
          level = 0;
          break;
        }
        for (int k = 0; k < H2S_MAX_RESULTS; k++)
          if (l.result[k] < l.heap)
            l.heap = l.result[k]; /* a result of the comparator: unknown */
        if (l.heap < level)
          level = l.heap;
        mutates |= l.mutator != H2S_NOLEAK;
      }
    }
    if (level != H2S_NOLEAK)
      h2s_flow(b, H2S_HEAP, base, level, TAG_CALL, call);
    if (mutates)
      h2s_add_store(b, base, H2S_HEAP, -1, TAG_RULEU, call);
    return 1;
  }
  if (isoc99) {
    h2s_flow(b, h2s_value(b, call), H2S_HEAP, -1, TAG_CALLRET, call);
    for (unsigned i = 0; i < nparams; i++)
      h2s_flow(b, H2S_HEAP, h2s_operand(b, LLVMGetOperand(call, i)), 1,
               TAG_CONTENT, call);
  } else {
    attributed_call(b, call, nparams);
  }
  if (lib == H2S_LIB_PRINTF) {
    printf_args(b, call, nparams, nargs);
    return 1;
  }
  /* scanf family: each pointer is written with what the input says: a
   * number, characters, or (%p) a pointer to any exposed object. Numbers
   * passed by value are not read. */
  for (unsigned i = nparams; i < nargs; i++) {
    LLVMValueRef arg = LLVMGetOperand(call, i);
    if (LLVMGetTypeKind(LLVMTypeOf(arg)) == LLVMPointerTypeKind)
      h2s_add_store(b, h2s_operand(b, arg), H2S_HEAP, -1, TAG_RULEU, call);
  }
  return 1;
}

void h2s_visit_call(h2s_build *b, LLVMValueRef call) {
  /* growinline.c's trial: what the function would be without the helper
   * calls it may inline (never a proof, only a reason to inline). */
  if (b->skip && h2s_vmap_get(b->skip, call) != H2S_NOLOC)
    return;
  LLVMOpcode op = LLVMGetInstructionOpcode(call);
  unsigned nops = (unsigned)LLVMGetNumOperands(call);
  unsigned nargs = LLVMGetNumArgOperands(call);
  /* Operands after the arguments: bundle operands, then (invoke) the two
   * destinations, then the callee. */
  unsigned end = op == LLVMInvoke ? nops - 3 : nops - 1;
  if (op == LLVMCallBr) {
    opaque_call(b, call, 0, nops - 1, TAG_INDIRECT);
    return;
  }
  LLVMValueRef fn = h2s_called_function(call);
  /* May this function recurse (stack.c: one answer per module, in LLVM's
   * call-graph model, shared with the inlining guard)? Only a function that
   * calls something can. */
  if (b->fi[b->fn].recursive < H2S_RECURSIVE) {
    int r = h2s_may_recurse(b->host, b->opt, b->func);
    if (r > b->fi[b->fn].recursive)
      b->fi[b->fn].recursive = r;
  }
  if (fn && h2s_call_has_fnattr(b, call, b->ak_returns_twice))
    b->fi[b->fn].block = "function calls setjmp (returns_twice)";
  if (LLVMGetTailCallKind(call) != LLVMTailCallKindNone && op == LLVMCall)
    h2s_add_use(b, &b->tails, &b->ntails, &b->captails, call, H2S_NOLOC);

  /* Bundle operands (deopt, gc-live, ...) are read by the runtime. */
  for (unsigned i = nargs; i < end; i++)
    h2s_flow(b, H2S_HEAP, h2s_operand(b, LLVMGetOperand(call, i)), 0,
             TAG_INDIRECT, call);

  if (!fn) {
    /* Indirect call or inline asm: all arguments escape, and so does the
     * called pointer (code may run from the object). */
    opaque_call(b, call, 0, nargs, TAG_INDIRECT);
    h2s_flow(b, H2S_HEAP, h2s_operand(b, LLVMGetCalledValue(call)), 0,
             TAG_INDIRECT, call);
    return;
  }
  if (LLVMGetIntrinsicID(fn) && visit_intrinsic(b, call, fn))
    return;

  h2s_alloc a;
  h2s_classify(b, call, &a);
  /* A call to an allocation wrapper is a site (or free) of its family
   * (wrappers.c), when the call matches the definition's type. */
  const h2s_wrapper *w = NULL;
  if (a.kind == H2S_NOT_ALLOC && !LLVMIsDeclaration(fn) &&
      LLVMGetCalledFunctionType(call) == LLVMGlobalGetValueType(fn) &&
      (w = h2s_wrapper_of(b, fn)) != NULL)
    a = w->a;
  if (a.kind != H2S_NOT_ALLOC)
    h2s_allocator_args(b, call, &a);
  switch (a.kind) {
  case H2S_ALLOC:
    allocation(b, call, &a, w);
    if (w)
      b->sites[b->nsites - 1].wrapped = w->inner_name;
    return;
  case H2S_FREE:
    h2s_add_use(b, &b->frees, &b->nfrees, &b->capfrees, call,
                h2s_operand(b, LLVMGetOperand(call, (unsigned)a.ptr_arg)));
    b->frees[b->nfrees - 1].ptr_arg = a.ptr_arg;
    return;
  case H2S_REALLOC: {
    h2s_loc p = h2s_operand(b, LLVMGetOperand(call, (unsigned)a.ptr_arg));
    h2s_add_use(b, &b->reallocs, &b->nreallocs, &b->capreallocs, call, p);
    b->reallocs[b->nreallocs - 1].ptr_arg = a.ptr_arg;
    /* The result is a block of its own (an object that is never moved, so
     * it lives at function level: a pointer grown in a loop does not
     * outlive an iteration of its own), and the contents move into it
     * like memcpy's. Growth buffers (growth.c) follow these objects. */
    h2s_loc obj = h2s_loc_new(b->g, H2S_LOC_OBJECT, b->fn, 0, call);
    h2s_flow(b, h2s_value(b, call), obj, -1, TAG_ALLOC, call);
    h2s_add_store(b, h2s_value(b, call), p, 1, TAG_MEMCPY, call);
    return;
  }
  case H2S_NOT_ALLOC: {
    int k = h2s_scc_index(b, fn);
    if (k >= 0 && b->fi[k].exact)
      h2s_call_in_scc(b, call, k);
    else if (k < 0 && h2s_call_summarised(b, call, fn))
      ;
    else if (!LLVMIsDeclaration(fn) || !library_call(b, call, fn, nargs)) {
      if (LLVMIsDeclaration(fn))
        h2s_wrapper_unseen(b, call, fn);
      attributed_call(b, call, nargs);
    }
    return;
  }
  }
}
