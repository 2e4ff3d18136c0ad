/* stamp.c: the stamp of a summary. A summary speaks of a function's
 * parameters and result: "parameter 2 leaks to the heap", "the result
 * points only into what the parameters point to". It stays true while the
 * function keeps behaving as before on the calls that happen, which every
 * intraprocedural optimization and the inliner guarantee (and clang's
 * pipeline simplifies each function after heap2stack summarised it). It
 * becomes false when the interface it speaks of changes: DeadArgElim or
 * ArgPromotion remove, add or retype parameters or the result, and IPSCCP
 * replaces a parameter by the constant every caller passes (after which the
 * body no longer reads the parameter, and a later DeadArgElim removes it).
 *
 * So a summary records the stamp of that interface ("heap2stack.summary"=
 * "<16 hex digits>"): the return type, varargs, and per parameter its type
 * and whether the body uses it. A reader uses a summary only while the
 * function still has that stamp; otherwise the function is judged by LLVM's
 * attributes like any unknown callee. Types are hashed by kind and shape
 * and nothing by address, so the stamp survives a bitcode write and read
 * (full LTO reads summaries written at compile time). */
#include "h2s.h"

#define STAMP_VERSION 1u

typedef struct stamp {
  uint64_t h;
} stamp;

/* FNV-1a over the 8 bytes of v. */
static void mix(stamp *s, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    s->h ^= (v >> (8 * i)) & 0xFF;
    s->h *= 0x100000001B3ull;
  }
}

static void mix_type(stamp *s, LLVMTypeRef t, int depth) {
  LLVMTypeKind k = LLVMGetTypeKind(t);
  mix(s, 0x100 + (uint64_t)k);
  if (depth > 4)
    return;
  switch (k) {
  case LLVMIntegerTypeKind:
    mix(s, LLVMGetIntTypeWidth(t));
    break;
  case LLVMPointerTypeKind:
    mix(s, LLVMGetPointerAddressSpace(t));
    break;
  case LLVMArrayTypeKind:
    mix(s, LLVMGetArrayLength2(t));
    mix_type(s, LLVMGetElementType(t), depth + 1);
    break;
  case LLVMVectorTypeKind:
  case LLVMScalableVectorTypeKind:
    mix(s, LLVMGetVectorSize(t));
    mix_type(s, LLVMGetElementType(t), depth + 1);
    break;
  case LLVMStructTypeKind: {
    unsigned n = LLVMCountStructElementTypes(t);
    mix(s, n);
    for (unsigned i = 0; i < n; i++)
      mix_type(s, LLVMStructGetTypeAtIndex(t, i), depth + 1);
    break;
  }
  default:
    break;
  }
}

uint64_t h2s_fingerprint(LLVMValueRef fn) {
  stamp s = {0xCBF29CE484222325ull};
  mix(&s, STAMP_VERSION);
  LLVMTypeRef fty = LLVMGlobalGetValueType(fn);
  mix_type(&s, LLVMGetReturnType(fty), 0);
  mix(&s, LLVMIsFunctionVarArg(fty));
  mix(&s, LLVMCountParams(fn));
  for (LLVMValueRef p = LLVMGetFirstParam(fn); p; p = LLVMGetNextParam(p)) {
    mix_type(&s, LLVMTypeOf(p), 0);
    mix(&s, LLVMGetFirstUse(p) != NULL);
  }
  return s.h;
}
