/* expose.c: address exposure (C's provenance model, PNVI-ae; DESIGN.md
 * "Exposure").
 *
 * An object is exposed when its address can influence something other than
 * the pointer data flow the graph tracks: the program's control flow, which
 * memory it reads, or its output. Code anywhere may then rebuild the
 * address from those bits (a loop `if ((uintptr_t)p == i)`, a `%p` printed
 * and scanned back), so an exposed object escapes: its value flows to the
 * heap (edge tag TAG_EXPOSED).
 *
 * Integers are tracked like pointers (values.c): a pointer loaded as an
 * integer or split into bytes still carries its objects. What exposes:
 *  - ptrtoint/ptrtoaddr of the pointer, unless every use of the integer is
 *    a low-bit mask (`& C`, C < 4096: alignment tests) or the difference
 *    with another pointer from the same root (an offset, not an address);
 *  - an integer (or float) that carries objects when it is compared,
 *    switched on, turned into a value the graph does not track (i1), used
 *    as an index (getelementptr, vectors), turned into a pointer, or
 *    printed by the printf family (calls.c);
 *
 * Pointers compared with each other do not expose: like LLVM's
 * captures(address), they reveal an address without provenance, and a
 * pointer made from that address may not access an object that was never
 * exposed. The same holds for llvm.ptrmask and getelementptr, which keep
 * the pointer's provenance (they are copies).
 */
#include "h2s.h"

void h2s_expose(h2s_build *b, LLVMValueRef v, LLVMValueRef inst) {
  h2s_flow(b, H2S_HEAP, h2s_operand(b, v), 0, TAG_EXPOSED, inst);
}

/* The roots of v: the values that every pointer derived from v by casts
 * and getelementptr, through phis and selects, is an offset of. Two
 * pointers with one and the same root differ by an offset that does not
 * depend on where the root's object lives. */
#define ROOT_BUDGET 32
typedef struct roots {
  LLVMValueRef seen[ROOT_BUDGET]; /* phis and selects visited */
  int nseen;
  LLVMValueRef root; /* the one root so far, or NULL */
} roots;

static LLVMValueRef strip(LLVMValueRef v) {
  for (;;) {
    int cast = 0;
    if (LLVMIsAGetElementPtrInst(v) || LLVMIsABitCastInst(v) ||
        LLVMIsAAddrSpaceCastInst(v))
      cast = 1;
    else if (LLVMIsAConstantExpr(v)) {
      LLVMOpcode op = LLVMGetConstOpcode(v);
      cast = op == LLVMGetElementPtr || op == LLVMBitCast ||
             op == LLVMAddrSpaceCast;
    }
    if (!cast)
      return v;
    v = LLVMGetOperand(v, 0);
  }
}

/* Returns 0 when v has a second root, or too many phis to tell. */
static int collect_root(roots *r, LLVMValueRef v) {
  v = strip(v);
  if (!LLVMIsAPHINode(v) && !LLVMIsASelectInst(v)) {
    if (r->root && r->root != v)
      return 0;
    r->root = v;
    return 1;
  }
  for (int i = 0; i < r->nseen; i++)
    if (r->seen[i] == v)
      return 1;
  if (r->nseen == ROOT_BUDGET)
    return 0;
  r->seen[r->nseen++] = v;
  if (LLVMIsASelectInst(v))
    return collect_root(r, LLVMGetOperand(v, 1)) &&
           collect_root(r, LLVMGetOperand(v, 2));
  unsigned n = LLVMCountIncoming(v);
  for (unsigned i = 0; i < n; i++)
    if (!collect_root(r, LLVMGetIncomingValue(v, i)))
      return 0;
  return 1;
}

/* Are a and c offsets of one and the same value? */
static int same_root(LLVMValueRef a, LLVMValueRef c) {
  roots ra = {.nseen = 0, .root = NULL}, rc = {.nseen = 0, .root = NULL};
  return collect_root(&ra, a) && collect_root(&rc, c) && ra.root &&
         ra.root == rc.root;
}

/* The integer operand of a ptrtoint, or NULL. */
static LLVMValueRef int_of_pointer(LLVMValueRef v) {
  if (LLVMIsAInstruction(v)) {
    LLVMOpcode op = LLVMGetInstructionOpcode(v);
    if (op == LLVMPtrToInt || op == LLVMPtrToAddr)
      return LLVMGetOperand(v, 0);
  } else if (LLVMIsAConstantExpr(v)) {
    LLVMOpcode op = LLVMGetConstOpcode(v);
    if (op == LLVMPtrToInt || op == LLVMPtrToAddr)
      return LLVMGetOperand(v, 0);
  }
  return NULL;
}

/* A constant below 4096: the bits of a page offset, which cannot rebuild
 * an address. */
static int low_mask(LLVMValueRef c) {
  return LLVMIsAConstantInt(c) && LLVMGetIntTypeWidth(LLVMTypeOf(c)) <= 64 &&
         LLVMConstIntGetZExtValue(c) < 4096;
}

/* Does this use of a ptrtoint reveal nothing but low bits or an offset? */
static int harmless_use(LLVMValueRef user, LLVMValueRef self) {
  if (!LLVMIsAInstruction(user))
    return 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(user);
  LLVMValueRef a = LLVMGetOperand(user, 0), c = LLVMGetOperand(user, 1);
  if (op == LLVMAnd)
    return low_mask(a == self ? c : a);
  if (op == LLVMSub) {
    LLVMValueRef pa = int_of_pointer(a), pc = int_of_pointer(c);
    return pa && pc && same_root(pa, pc);
  }
  return 0;
}

void h2s_visit_ptrtoint(h2s_build *b, LLVMValueRef inst) {
  for (LLVMUseRef u = LLVMGetFirstUse(inst); u; u = LLVMGetNextUse(u))
    if (!harmless_use(LLVMGetUser(u), inst)) {
      LLVMValueRef p = LLVMGetOperand(inst, 0);
      h2s_expose(b, p, inst);
      /* The integer still holds the address for whoever rebuilds it. */
      h2s_flow(b, h2s_value(b, inst), h2s_operand(b, p), 0, TAG_COPY, inst);
      return;
    }
  /* Only masks and offsets: the integer holds no address at all. */
}

void h2s_visit_icmp(h2s_build *b, LLVMValueRef inst) {
  /* Pointers compared reveal an address but give no provenance (LLVM's
   * captures(address)): a pointer rebuilt from that address cannot reach
   * an object that was never exposed. Integers compared are bits that
   * came from an exposed pointer or from a stored pointer's bytes. */
  LLVMTypeRef t = LLVMTypeOf(LLVMGetOperand(inst, 0));
  if (LLVMGetTypeKind(t) == LLVMVectorTypeKind)
    t = LLVMGetElementType(t);
  if (LLVMGetTypeKind(t) == LLVMPointerTypeKind)
    return;
  h2s_expose(b, LLVMGetOperand(inst, 0), inst);
  h2s_expose(b, LLVMGetOperand(inst, 1), inst);
}

void h2s_visit_gep(h2s_build *b, LLVMValueRef inst) {
  int n = LLVMGetNumOperands(inst);
  LLVMValueRef base = LLVMGetOperand(inst, 0);
  h2s_flow(b, h2s_value(b, inst), h2s_operand(b, base), 0, TAG_COPY, inst);
  /* An index that holds address bits selects memory by them. */
  for (int i = 1; i < n; i++) {
    LLVMValueRef idx = LLVMGetOperand(inst, (unsigned)i);
    if (!LLVMIsAConstant(idx))
      h2s_expose(b, idx, inst);
  }
}
