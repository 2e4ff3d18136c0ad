/* reach.c: field paths through the pointers a callee follows (DESIGN.md
 * "Fields", reach paths).
 *
 * A helper that walks a caller's structure (`for (; n; n = n->next) s +=
 * n->val`) loads from pointers it got from its parameter's pointee, not
 * from the parameter itself. When the helper writes no memory, everything
 * it can load is the caller's memory as it was at the call, so such a load
 * of range r reads range r of some object reachable from the parameter,
 * at that object's start if every pointer stored there points to a start.
 * The callee side gives these loads a reach view (a parameter location,
 * like fields.c's views) whose leak to the result becomes the path "f*r";
 * the caller reads range r of every object reachable from its argument,
 * checked after each points-to solve: the argument must be an allocation's
 * address at offset 0, and every object reached must be an allocation
 * written only through fields, each stored value the address of an
 * allocation at offset 0 or a value pointing only to unknown memory (which
 * is read as unknown memory). Otherwise the read falls back to the
 * field-insensitive t <- arg (+1), once and for good, so the fixpoint
 * stays monotone. */
#include "h2s.h"

#include <stdlib.h>

/* Is q a pointer the function got from parameter *param's pointee: the
 * parameter itself, a pointer loaded from such memory at any offset, or a
 * phi or select of those (a phi on a cycle counts as what its other
 * incoming values are)? */
static int derived(LLVMValueRef q, LLVMValueRef *param, h2s_vmap *seen,
                   int depth, int loaded, int *direct) {
  if (depth > 32)
    return 0;
  if (LLVMIsAConstantPointerNull(q))
    return 1; /* never dereferenced by a defined program */
  if (LLVMIsAArgument(q)) {
    if (!*param)
      *param = q;
    if (!loaded)
      *direct = 1; /* the parameter itself, through phis and selects */
    return *param == q;
  }
  if (LLVMIsALoadInst(q)) {
    LLVMValueRef a = LLVMGetOperand(q, 0);
    for (int k = 0; k < 16 && LLVMIsAGetElementPtrInst(a); k++)
      a = LLVMGetOperand(a, 0);
    return derived(a, param, seen, depth + 1, 1, direct);
  }
  if (LLVMIsAPHINode(q)) {
    if (h2s_vmap_get(seen, q) != H2S_NOLOC)
      return 1;
    h2s_vmap_put(seen, q, 1);
    unsigned n = LLVMCountIncoming(q);
    for (unsigned i = 0; i < n; i++)
      if (!derived(LLVMGetIncomingValue(q, i), param, seen, depth + 1, loaded,
                   direct))
        return 0;
    return 1;
  }
  if (LLVMIsASelectInst(q))
    return derived(LLVMGetOperand(q, 1), param, seen, depth + 1, loaded,
                   direct) &&
           derived(LLVMGetOperand(q, 2), param, seen, depth + 1, loaded,
                   direct);
  return 0;
}

/* Does fn write no memory at all (no store, atomic, va_arg, or call that
 * may write)? Then its loads see the caller's memory as it was. */
static int writes_nothing(LLVMValueRef fn) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      switch (LLVMGetInstructionOpcode(i)) {
      case LLVMStore:
      case LLVMAtomicRMW:
      case LLVMAtomicCmpXchg:
      case LLVMVAArg:
        return 0;
      case LLVMCall:
      case LLVMInvoke:
      case LLVMCallBr: {
        h2s_memory m;
        h2s_host_call_memory(i, &m);
        if (m.any_mod || m.arg_mod)
          return 0;
        break;
      }
      default:
        break;
      }
    }
  return 1;
}

h2s_loc h2s_reach_view(h2s_build *b, LLVMValueRef root, h2s_range r) {
  if (!LLVMIsAInstruction(root))
    return H2S_NOLOC;
  /* First the cheap test, memoised per function: most functions write. */
  int i = h2s_scc_index(
      b, LLVMGetBasicBlockParent(LLVMGetInstructionParent(root)));
  if (i < 0)
    return H2S_NOLOC;
  if (!b->readonly_fn) {
    b->readonly_fn = h2s_xmalloc(b->nfns);
    for (size_t k = 0; k < b->nfns; k++)
      b->readonly_fn[k] = -1;
  }
  if (b->readonly_fn[i] < 0)
    b->readonly_fn[i] = (signed char)writes_nothing(b->fns[i]);
  if (!b->readonly_fn[i])
    return H2S_NOLOC;
  LLVMValueRef param = NULL;
  h2s_vmap *seen = h2s_vmap_new();
  int direct = 0;
  int ok = derived(root, &param, seen, 0, 0, &direct);
  h2s_vmap_free(seen);
  if (!ok || !param)
    return H2S_NOLOC;
  b->fn = i;
  /* Only loaded pointers: the objects beyond the pointee (kind 2). */
  return h2s_param_view(b, param, r, direct ? 1 : 2);
}

void h2s_reach_read(h2s_build *b, LLVMValueRef call, LLVMValueRef arg,
                    const h2s_field_leak *f, h2s_loc dst) {
  h2s_loc a = h2s_operand(b, arg);
  if (a == H2S_NOLOC || dst == H2S_NOLOC)
    return;
  LLVMValueRef root;
  h2s_range at;
  if (!h2s_locate(b, arg, 1, &root, &at) || at.off != 0 || at.mod != 0)
    root = NULL;
  h2s_reach rd = {call, root, a, dst,
                  h2s_range_norm((h2s_range){f->off, f->mod, f->size}),
                  NULL, 0, 0, 0, f->reach};
  H2S_PUSH(b->reaches, b->nreaches, b->capreaches, rd, 8);
}

/* Objects reached beyond which the read falls back. */
#define MAX_REACHED 64

/* Is every pointer stored in obj the start of an allocation, or unknown? */
static int stores_starts(h2s_build *b, h2s_loc obj) {
  for (size_t i = 0; i < b->nfstores; i++) {
    const h2s_fstore *s = &b->fstores[i];
    if (s->obj != obj || s->start)
      continue;
    size_t n;
    const h2s_loc *pts = h2s_points_to(b->g, s->val, &n);
    for (size_t k = 0; k < n; k++)
      if (pts[k] != H2S_HEAP)
        return 0;
  }
  return 1;
}

static int done(const h2s_reach *rd, h2s_loc o) {
  for (size_t i = 0; i < rd->ndone; i++)
    if (rd->done[i] == o)
      return 1;
  return 0;
}

/* Check one read and connect the objects it reaches; -1 when it must fall
 * back, else the number of edges added. */
static int extend(h2s_build *b, h2s_reach *rd) {
  /* the argument: exactly an allocation's address, at its start */
  h2s_loc o = rd->root ? h2s_root_object(b, rd->root) : H2S_NOLOC;
  if (o == H2S_NOLOC)
    return -1;
  /* kind 2: from what the pointee holds; its own stores are followed */
  h2s_loc *r;
  size_t n = h2s_reachable(b->g, rd->kind == 2 ? &o : &rd->arg, 1, &r);
  int added = 0;
  if (n > MAX_REACHED || h2s_written_whole(b->g, o) || !stores_starts(b, o))
    added = -1;
  for (size_t i = 0; i < n && added >= 0; i++)
    if (r[i] != H2S_HEAP &&
        (h2s_loc_kind(b->g, r[i]) != H2S_LOC_OBJECT ||
         h2s_written_whole(b->g, r[i]) || !stores_starts(b, r[i])))
      added = -1;
  for (size_t i = 0; i < n && added >= 0; i++) {
    if (done(rd, r[i]))
      continue;
    if (r[i] == H2S_HEAP)
      h2s_edge(b->g, rd->t, H2S_HEAP, -1, TAG_UNKNOWN, rd->call);
    else
      h2s_field_read(b->g, rd->t, r[i], rd->r, TAG_LOAD, rd->call);
    H2S_PUSH(rd->done, rd->ndone, rd->capdone, r[i], 8);
    added++;
  }
  free(r);
  return added;
}

int h2s_resolve_reach(h2s_build *b) {
  int changed = 0;
  for (size_t i = 0; i < b->nreaches; i++) {
    h2s_reach *rd = &b->reaches[i];
    if (rd->failed)
      continue;
    int added = extend(b, rd);
    if (added < 0) {
      h2s_edge(b->g, rd->t, rd->arg, 1, TAG_LOAD, rd->call);
      rd->failed = 1;
      changed = 1;
    } else if (added > 0) {
      changed = 1;
    }
  }
  return changed;
}
