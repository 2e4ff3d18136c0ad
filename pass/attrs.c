/* attrs.c: the standard LLVM attributes heap2stack publishes (today:
 * `captures` on parameters), apart from its own leak tags (summary.c).
 * LLVM's GVN, InstCombine and alias analysis trust these attributes in every
 * caller, so a wrong one miscompiles code heap2stack never touches.
 *
 * Policy: an attribute is published only when LLVM's own capture semantics
 * imply it: CaptureTracking over the body (through the shim) decides, with
 * comparisons, ptrtoint, inline asm, calls judged by their attributes and
 * returns counted as LLVM counts them. The escape graph alone is not
 * enough: it tracks where pointers go, not who observes their bits (a
 * comparison, a printed %p), and a library model may be optimistic. The
 * graph must agree as well (no leak of the pointer itself to the heap or
 * into the caller's memory), and the published attribute is never stronger
 * than LLVM's tracking, except by one rule:
 *
 *   A store of the pointer into a local box (an alloca, or an allocation
 *   made in this function) does not capture it when every use of the box is
 *   a load from it, a store into it, a lifetime marker or a free, and every
 *   pointer loaded from the box is, by CaptureTracking again, captured by
 *   nothing (a comparison with null aside) and not returned. LLVM counts
 *   such a store as a capture; nothing outside the call can see the box.
 *
 * Naked functions get nothing (h2s_exact_definition: no summaries at all):
 * their IR is not their code. Only captures(none), captures(address_is_null)
 * and their `ret:` forms are published: the forms callers use. */
#include "h2s.h"

#define BOX_MAX_DEPTH 4

/* The object a pointer into a box points into: through GEPs only. */
static LLVMValueRef box_of(LLVMValueRef v) {
  for (int i = 0; i < 16 && LLVMIsAGetElementPtrInst(v); i++)
    v = LLVMGetOperand(v, 0);
  return v;
}

static int is_local_object(h2s_build *b, LLVMValueRef fn, LLVMValueRef o) {
  if (!LLVMIsAInstruction(o) ||
      LLVMGetBasicBlockParent(LLVMGetInstructionParent(o)) != fn)
    return 0;
  if (LLVMIsAAllocaInst(o))
    return 1;
  for (size_t i = 0; i < b->nsites; i++)
    if (b->sites[i].call == o)
      return 1;
  return 0;
}

static int frees_it(h2s_build *b, LLVMValueRef call, LLVMValueRef v) {
  for (size_t i = 0; i < b->nfrees; i++)
    if (b->frees[i].inst == call &&
        LLVMGetOperand(call, (unsigned)b->frees[i].ptr_arg) == v)
      return 1;
  return 0;
}

/* A copy loaded from the box: captured by nothing, not returned. */
static int copy_stays(LLVMValueRef load) {
  if (LLVMGetTypeKind(LLVMTypeOf(load)) != LLVMPointerTypeKind)
    return 0; /* the pointer's bits read as data */
  h2s_capture_scan s;
  h2s_host_scan_captures(load, &s);
  return !s.too_many && !s.other && !s.ret && s.nstores == 0;
}

/* Is every use of v (the box, or a GEP into it) one the rule allows? */
static int box_uses_stay(h2s_build *b, LLVMValueRef v, int depth) {
  if (depth > BOX_MAX_DEPTH)
    return 0;
  for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (!LLVMIsAInstruction(user))
      return 0;
    switch (LLVMGetInstructionOpcode(user)) {
    case LLVMLoad:
      if (LLVMGetVolatile(user) || !copy_stays(user))
        return 0;
      break;
    case LLVMStore:
      /* Into the box, not the box's own address stored somewhere. */
      if (LLVMGetOperand(user, 0) == v || LLVMGetVolatile(user))
        return 0;
      break;
    case LLVMGetElementPtr:
      if (LLVMGetOperand(user, 0) != v || !box_uses_stay(b, user, depth + 1))
        return 0;
      break;
    case LLVMCall: {
      LLVMValueRef callee = h2s_called_function(user);
      unsigned id = callee ? LLVMGetIntrinsicID(callee) : 0;
      if (id && (id == b->id_lifetime_start || id == b->id_lifetime_end))
        break;
      if (!frees_it(b, user, v))
        return 0;
      break;
    }
    default:
      return 0;
    }
  }
  return 1;
}

/* The beyond-LLVM rule for one store of the parameter. */
static int stored_in_local_box(h2s_build *b, LLVMValueRef fn,
                               LLVMValueRef store) {
  LLVMValueRef box = box_of(LLVMGetOperand(store, 1));
  return is_local_object(b, fn, box) && box_uses_stay(b, box, 0);
}

void h2s_publish_captures(h2s_build *b, LLVMValueRef fn, unsigned idx,
                          LLVMValueRef p, const h2s_leaks *lk) {
  if (LLVMGetTypeKind(LLVMTypeOf(p)) != LLVMPointerTypeKind || lk->heap == 0)
    return;
  for (int k = 1; k < H2S_MAX_RESULTS; k++)
    if (lk->result[k] == 0)
      return; /* stored into the caller's memory */
  h2s_capture_scan s;
  h2s_host_scan_captures(p, &s);
  if (s.too_many || s.other)
    return;
  for (unsigned i = 0; i < s.nstores; i++)
    if (!stored_in_local_box(b, fn, s.stores[i]))
      return;
  h2s_host_publish_captures(fn, idx, &s);
}
