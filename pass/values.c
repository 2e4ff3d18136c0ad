/* values.c: edges for values that copy their operands (Go's expr.go):
 * casts, gep, phi, select, aggregates, vectors, arithmetic, and the
 * dispatch of every other instruction to memory.c and calls.c.
 *
 * Integers and floats are tracked like pointers: a pointer loaded as an
 * integer, punned through a union or split into bytes still carries its
 * address, and arithmetic on it may rebuild it. Where such bits leave the
 * data flow (comparisons, i1, switches, indices, inttoptr), the objects
 * they carry are exposed (expose.c). */
#include "h2s.h"

/* result <- every operand that carries something (0). A result the graph
 * does not track (i1) observes its operands' bits: they are exposed. */
static void copy_operands(h2s_build *b, LLVMValueRef inst, int first,
                          int count) {
  h2s_loc dst = h2s_value(b, inst);
  for (int i = first; i < first + count; i++) {
    LLVMValueRef op = LLVMGetOperand(inst, (unsigned)i);
    if (dst == H2S_NOLOC)
      h2s_expose(b, op, inst);
    else
      h2s_flow(b, dst, h2s_operand(b, op), 0, TAG_COPY, inst);
  }
}

/* A non-constant vector index selects lanes by its bits. */
static void vector_index(h2s_build *b, LLVMValueRef inst, unsigned i) {
  LLVMValueRef idx = LLVMGetOperand(inst, i);
  if (!LLVMIsAConstant(idx))
    h2s_expose(b, idx, inst);
}

/* An instruction we do not model: what it gets escapes, what it gives
 * points to unknown memory. Never an error. */
static void unsupported(h2s_build *b, LLVMValueRef inst) {
  int n = LLVMGetNumOperands(inst);
  for (int i = 0; i < n; i++) {
    LLVMValueRef op = LLVMGetOperand(inst, (unsigned)i);
    if (!op || LLVMIsABasicBlock(op))
      continue;
    h2s_flow(b, H2S_HEAP, h2s_operand(b, op), 0, TAG_UNSUPPORTED, inst);
  }
  h2s_flow(b, h2s_value(b, inst), H2S_HEAP, -1, TAG_UNKNOWN, inst);
}

void h2s_visit(h2s_build *b, LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  int nops = LLVMGetNumOperands(inst);
  h2s_loc self = h2s_value(b, inst);
  switch (op) {
  /* Control flow without values. */
  case LLVMBr:
  case LLVMIndirectBr:
  case LLVMUnreachable:
  case LLVMFence:
  case LLVMCatchRet:
  case LLVMCleanupRet:
  case LLVMCatchSwitch:
    return;

  /* Address bits that decide control flow. */
  case LLVMICmp:
    h2s_visit_icmp(b, inst);
    return;
  case LLVMFCmp:
    h2s_expose(b, LLVMGetOperand(inst, 0), inst);
    h2s_expose(b, LLVMGetOperand(inst, 1), inst);
    return;
  case LLVMSwitch:
    h2s_expose(b, LLVMGetOperand(inst, 0), inst);
    return;

  case LLVMPtrToInt:
  case LLVMPtrToAddr:
    h2s_visit_ptrtoint(b, inst);
    return;
  case LLVMGetElementPtr:
    h2s_visit_gep(b, inst);
    return;
  case LLVMExtractElement:
    vector_index(b, inst, 1);
    copy_operands(b, inst, 0, 1);
    return;
  case LLVMInsertElement:
    vector_index(b, inst, 2);
    copy_operands(b, inst, 0, 2);
    return;

  case LLVMResume:
    /* The unwinder gets the exception aggregate and all it points to. */
    h2s_flow(b, H2S_HEAP, h2s_operand(b, LLVMGetOperand(inst, 0)), 0,
             TAG_UNSUPPORTED, inst);
    return;

  case LLVMRet:
    if (nops == 1)
      h2s_flow(b, b->result, h2s_operand(b, LLVMGetOperand(inst, 0)), 0,
               TAG_RETURN, inst);
    return;

  /* Copies: the result holds what the operands hold. */
  case LLVMBitCast:
  case LLVMAddrSpaceCast:
  case LLVMTrunc:
  case LLVMZExt:
  case LLVMSExt:
  case LLVMFPToUI:
  case LLVMFPToSI:
  case LLVMUIToFP:
  case LLVMSIToFP:
  case LLVMFPTrunc:
  case LLVMFPExt:
  case LLVMFreeze:
  case LLVMFNeg:
  case LLVMAdd:
  case LLVMFAdd:
  case LLVMSub:
  case LLVMFSub:
  case LLVMMul:
  case LLVMFMul:
  case LLVMUDiv:
  case LLVMSDiv:
  case LLVMFDiv:
  case LLVMURem:
  case LLVMSRem:
  case LLVMFRem:
  case LLVMShl:
  case LLVMLShr:
  case LLVMAShr:
  case LLVMAnd:
  case LLVMOr:
  case LLVMXor:
  case LLVMExtractValue:
  case LLVMInsertValue:
  case LLVMShuffleVector:
    copy_operands(b, inst, 0, nops);
    return;

  case LLVMSelect:
    copy_operands(b, inst, 1, 2);
    return;

  case LLVMPHI: {
    unsigned n = LLVMCountIncoming(inst);
    for (unsigned i = 0; i < n; i++)
      h2s_flow(b, self, h2s_operand(b, LLVMGetIncomingValue(inst, i)), 0,
               TAG_COPY, inst);
    return;
  }

  /* An integer turned into a pointer may point anywhere: to any exposed
   * object. Bits that hold an address are exposed by it. */
  case LLVMIntToPtr:
    h2s_expose(b, LLVMGetOperand(inst, 0), inst);
    h2s_flow(b, self, H2S_HEAP, -1, TAG_UNKNOWN, inst);
    return;

  case LLVMAlloca: {
    h2s_loc obj =
        h2s_new_at(b, H2S_LOC_OBJECT, LLVMGetInstructionParent(inst), 0, inst);
    h2s_flow(b, self, obj, -1, TAG_ALLOC, inst);
    return;
  }

  /* The exception being caught, and funclet pads' operands (the runtime
   * writes the exception object into them). */
  case LLVMLandingPad:
    h2s_flow(b, self, H2S_HEAP, -1, TAG_UNKNOWN, inst);
    return;
  case LLVMCatchPad:
  case LLVMCleanupPad:
    for (int i = 0; i < nops; i++) {
      LLVMValueRef o = LLVMGetOperand(inst, (unsigned)i);
      if (LLVMIsAInstruction(o) || LLVMIsAArgument(o))
        h2s_add_store(b, h2s_operand(b, o), H2S_HEAP, -1, TAG_UNKNOWN, inst);
    }
    return;

  case LLVMVAArg:
    /* Reads the next argument from the list and advances it. */
    h2s_flow(b, self, H2S_HEAP, -1, TAG_UNKNOWN, inst);
    h2s_add_store(b, h2s_operand(b, LLVMGetOperand(inst, 0)), H2S_HEAP, -1,
                  TAG_UNKNOWN, inst);
    return;

  case LLVMLoad:
  case LLVMStore:
  case LLVMAtomicRMW:
  case LLVMAtomicCmpXchg:
    h2s_visit_memory(b, inst, op);
    return;

  case LLVMCall:
  case LLVMInvoke:
  case LLVMCallBr:
    h2s_visit_call(b, inst);
    return;

  default:
    unsupported(b, inst);
    return;
  }
}
