/* wrapsize.c: sizes computed in an allocation wrapper's body (wrappers.c).
 *
 * libiberty's xmalloc asks malloc for `size ? size : 1`; at -O2 that is a
 * select or llvm.umax of the parameter. Such a size is an expression over
 * the wrapper's parameters and constants, and for a call whose arguments
 * are constants it is a constant too: the size of that allocation site.
 * Only exact 64-bit-or-narrower integer arithmetic is evaluated; an
 * operation that would wrap in its type, or anything else, gives "not a
 * constant", which only costs precision (the site is then judged as one
 * of unknown size). */
#include "h2s.h"

#include <string.h>

/* How deep an expression may be. */
#define H2S_EVAL_DEPTH 8

static uint64_t mask(unsigned w) {
  return w >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << w) - 1);
}

static int64_t sext(uint64_t v, unsigned w) {
  if (w < 64 && (v >> (w - 1)) & 1)
    v |= ~mask(w);
  return (int64_t)v;
}

static unsigned int_width(LLVMValueRef v) {
  LLVMTypeRef t = LLVMTypeOf(v);
  if (LLVMGetTypeKind(t) != LLVMIntegerTypeKind)
    return 0;
  unsigned w = LLVMGetIntTypeWidth(t);
  return w <= 64 ? w : 0;
}

static int is_intrinsic(LLVMValueRef callee, const char *name) {
  size_t len;
  const char *n = LLVMGetValueName2(callee, &len);
  size_t k = strlen(name);
  return len >= k && memcmp(n, name, k) == 0;
}

static int icmp(LLVMIntPredicate p, uint64_t a, uint64_t b, unsigned w) {
  int64_t sa = sext(a, w), sb = sext(b, w);
  switch (p) {
  case LLVMIntEQ: return a == b;
  case LLVMIntNE: return a != b;
  case LLVMIntULT: return a < b;
  case LLVMIntULE: return a <= b;
  case LLVMIntUGT: return a > b;
  case LLVMIntUGE: return a >= b;
  case LLVMIntSLT: return sa < sb;
  case LLVMIntSLE: return sa <= sb;
  case LLVMIntSGT: return sa > sb;
  default: return sa >= sb; /* LLVMIntSGE */
  }
}

/* With call NULL, only the shape is checked (*out is not written). */
static int eval(LLVMValueRef fn, LLVMValueRef call, LLVMValueRef v,
                uint64_t *out, int depth) {
  unsigned w = int_width(v);
  if (!w || depth > H2S_EVAL_DEPTH)
    return 0;
  if (LLVMIsAConstantInt(v)) {
    if (call)
      *out = LLVMConstIntGetZExtValue(v);
    return 1;
  }
  if (LLVMIsAArgument(v)) {
    if (LLVMGetParamParent(v) != fn)
      return 0;
    if (!call)
      return 1;
    unsigned n = LLVMCountParams(fn);
    for (unsigned i = 0; i < n; i++)
      if (LLVMGetParam(fn, i) == v) {
        LLVMValueRef a = LLVMGetOperand(call, i);
        if (!LLVMIsAConstantInt(a))
          return 0;
        *out = LLVMConstIntGetZExtValue(a);
        return 1;
      }
    return 0;
  }
  if (!LLVMIsAInstruction(v) ||
      LLVMGetBasicBlockParent(LLVMGetInstructionParent(v)) != fn)
    return 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(v);
  uint64_t a = 0, b = 0, c = 0, r = 0;
#define OPND(i, x) eval(fn, call, LLVMGetOperand(v, (i)), (x), depth + 1)
  switch (op) {
  case LLVMZExt:
  case LLVMSExt:
  case LLVMTrunc:
    if (!OPND(0, &a))
      return 0;
    if (!call)
      return 1;
    if (op == LLVMSExt)
      a = (uint64_t)sext(a, int_width(LLVMGetOperand(v, 0)));
    *out = a & mask(w);
    return 1;
  case LLVMAdd:
  case LLVMSub:
  case LLVMMul:
  case LLVMShl:
  case LLVMLShr:
  case LLVMAnd:
  case LLVMOr:
    if (!OPND(0, &a) || !OPND(1, &b))
      return 0;
    if (!call)
      return 1;
    switch (op) {
    case LLVMAdd:
      if (__builtin_add_overflow(a, b, &r))
        return 0;
      break;
    case LLVMSub:
      if (a < b)
        return 0;
      r = a - b;
      break;
    case LLVMMul:
      if (__builtin_mul_overflow(a, b, &r))
        return 0;
      break;
    case LLVMShl:
      if (b >= w || ((a << b) >> b) != a)
        return 0;
      r = a << b;
      break;
    case LLVMLShr:
      if (b >= w)
        return 0;
      r = a >> b;
      break;
    case LLVMAnd:
      r = a & b;
      break;
    default:
      r = a | b;
      break;
    }
    if (r > mask(w))
      return 0; /* would wrap in its type */
    *out = r;
    return 1;
  case LLVMSelect:
    if (!OPND(0, &c) || !OPND(1, &a) || !OPND(2, &b))
      return 0;
    if (call)
      *out = c ? a : b;
    return 1;
  case LLVMICmp:
    if (!OPND(0, &a) || !OPND(1, &b))
      return 0;
    if (call)
      *out = (uint64_t)icmp(LLVMGetICmpPredicate(v), a, b,
                            int_width(LLVMGetOperand(v, 0)));
    return 1;
  case LLVMCall: {
    LLVMValueRef callee = h2s_called_function(v);
    int max = callee && is_intrinsic(callee, "llvm.umax.");
    int min = callee && is_intrinsic(callee, "llvm.umin.");
    if (!callee || !LLVMGetIntrinsicID(callee) || (!max && !min) ||
        !OPND(0, &a) || !OPND(1, &b))
      return 0;
    if (call)
      *out = max ? (a > b ? a : b) : (a < b ? a : b);
    return 1;
  }
  default:
    return 0;
  }
#undef OPND
}

int h2s_wrapper_eval(LLVMValueRef fn, LLVMValueRef call, LLVMValueRef v,
                     uint64_t *out) {
  uint64_t dummy;
  return eval(fn, call, v, out ? out : &dummy, 0);
}
