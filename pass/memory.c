/* memory.c: flows through memory (Go's assign.go, and beyond Go).
 *
 * Go sends every store through a pointer to the heap. Here a store *p = v
 * writes into each object p may point to (edge O <- v): the engine connects
 * store constraints as points-to sets find their targets; unknown targets
 * mean the heap. The driver repeats points-to, frees of unknown memory,
 * escapes and Rule U (an escaping object may hold pointers unknown code put
 * there) until nothing changes. */
#include "h2s.h"

#include <string.h>

void h2s_visit_memory(h2s_build *b, LLVMValueRef inst, LLVMOpcode op) {
  h2s_loc self = h2s_value(b, inst);
  switch (op) {
  case LLVMLoad:
    /* At a known range of an object: read its overlapping fields
     * (fields.c, DESIGN.md "Fields"). */
    if (h2s_field_access(b, inst, LLVMGetOperand(inst, 0), LLVMTypeOf(inst),
                         self, 0))
      return;
    h2s_flow(b, self, h2s_operand(b, LLVMGetOperand(inst, 0)), 1, TAG_LOAD,
             inst);
    return;
  case LLVMStore: {
    LLVMValueRef v = LLVMGetOperand(inst, 0);
    if (h2s_field_access(b, inst, LLVMGetOperand(inst, 1), LLVMTypeOf(v),
                         h2s_operand(b, v), 1))
      return;
    h2s_add_store(b, h2s_operand(b, LLVMGetOperand(inst, 1)),
                  h2s_operand(b, v), 0, TAG_STORE, inst);
    return;
  }
  case LLVMAtomicRMW: {
    /* old = *p; *p = op(old, v): the new value may be v, or come from the
     * old one (xchg, add...). Other than xchg and arithmetic, the
     * operations compare or mix bits: both values are exposed. */
    h2s_loc ptr = h2s_operand(b, LLVMGetOperand(inst, 0));
    h2s_flow(b, self, ptr, 1, TAG_LOAD, inst);
    h2s_add_store(b, ptr, h2s_operand(b, LLVMGetOperand(inst, 1)), 0,
                  TAG_STORE, inst);
    LLVMAtomicRMWBinOp rop = LLVMGetAtomicRMWBinOp(inst);
    if (rop != LLVMAtomicRMWBinOpXchg && rop != LLVMAtomicRMWBinOpAdd &&
        rop != LLVMAtomicRMWBinOpSub) {
      h2s_expose(b, LLVMGetOperand(inst, 1), inst);
      h2s_flow(b, H2S_HEAP, self, 0, TAG_EXPOSED, inst);
    }
    return;
  }
  case LLVMAtomicCmpXchg: {
    /* Compares *p with the expected value: integers that hold address
     * bits are observed (pointers compared reveal no provenance). */
    h2s_loc ptr = h2s_operand(b, LLVMGetOperand(inst, 0));
    h2s_flow(b, self, ptr, 1, TAG_LOAD, inst);
    h2s_add_store(b, ptr, h2s_operand(b, LLVMGetOperand(inst, 2)), 0,
                  TAG_STORE, inst);
    if (LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(inst, 1))) !=
        LLVMPointerTypeKind) {
      h2s_expose(b, LLVMGetOperand(inst, 1), inst);
      h2s_flow(b, H2S_HEAP, self, 0, TAG_EXPOSED, inst);
    }
    return;
  }
  default:
    h2s_die("h2s_visit_memory: not a memory instruction");
  }
}

/* A free of memory that may not be ours (unknown memory, or what a
 * parameter points to) may free a caller's object: to the heap with it.
 * So does a free of another allocator's block (alloc.c). */
static int resolve_frees(h2s_build *b, h2s_use *v, size_t n) {
  int changed = 0;
  for (size_t i = 0; i < n; i++) {
    h2s_use *f = &v[i];
    if (f->unknown || f->arg == H2S_NOLOC)
      continue;
    size_t k;
    const h2s_loc *pts = h2s_points_to(b->g, f->arg, &k);
    for (size_t j = 0; j < k; j++)
      if (pts[j] == H2S_HEAP ||
          (pts[j] != b->globals &&
           (h2s_loc_kind(b->g, pts[j]) != H2S_LOC_OBJECT ||
            !h2s_free_takes(b, f->inst, pts[j])))) {
        /* Another allocator's block: the call may do anything with it. */
        int foreign = pts[j] != H2S_HEAP &&
                      h2s_loc_kind(b->g, pts[j]) == H2S_LOC_OBJECT;
        h2s_edge(b->g, H2S_HEAP, f->arg, 0, foreign ? TAG_MAYFREE : TAG_FREE,
                 f->inst);
        f->unknown = 1;
        changed = 1;
        break;
      }
  }
  return changed;
}

int h2s_resolve_frees(h2s_build *b) {
  int changed = resolve_frees(b, b->frees, b->nfrees);
  changed |= resolve_frees(b, b->reallocs, b->nreallocs);
  return changed;
}

int h2s_rule_u(h2s_build *b) {
  int changed = 0;
  size_t n = h2s_loc_count(b->g);
  for (size_t i = H2S_CALLEE + 1; i < n; i++) {
    h2s_loc l = (h2s_loc)i;
    if (h2s_loc_kind(b->g, l) != H2S_LOC_OBJECT || !h2s_escapes(b->g, l))
      continue;
    if (h2s_may_point_to(b->g, l, H2S_HEAP))
      continue; /* already holds unknown pointers */
    h2s_edge(b->g, l, H2S_HEAP, -1, TAG_RULEU, NULL);
    changed = 1;
  }
  return changed;
}
