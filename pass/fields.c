/* fields.c: field-sensitive loads and stores (DESIGN.md "Fields").
 *
 * A load or store whose address is a chain of getelementptrs from an
 * alloca, a call or a parameter (the root) has a byte range relative to
 * the root: constant indices add their offsets, a variable index turns the
 * offset into a residue modulo its stride (an array of records is indexed
 * by element). Such accesses are recorded while bodies are built and
 * resolved once every edge exists:
 *   - root is an allocation (an alloca, or a call that is an allocation
 *     site) pointing to exactly its object: the store writes the object's
 *     field, the load reads the fields that overlap its range (engine
 *     fields.c; the object falls back to one location when anything else
 *     writes it);
 *   - root is a parameter whose only edge is its declaration (no caller in
 *     the SCC feeds it): a load reads through a field view, a parameter
 *     location of its own with the same pointee, so that the summary can
 *     say which bytes of the pointee reach the result;
 *   - anything else, or a size or offset we cannot compute: the
 *     field-insensitive edges (value <- ptr (1), a store through
 *     points-to). */
#include "h2s.h"

#include <llvm-c/Target.h>
#include <string.h>

/* Offsets and strides we keep: far below overflow of their products. */
#define LIMIT ((int64_t)1 << 40)

/* Is the type's size a fixed number of bytes (no scalable vector, no
 * opaque or target type)? */
static int fixed_size(LLVMTypeRef t, int depth) {
  if (depth > 8 || !LLVMTypeIsSized(t))
    return 0;
  switch (LLVMGetTypeKind(t)) {
  case LLVMScalableVectorTypeKind:
  case LLVMTargetExtTypeKind:
    return 0;
  case LLVMArrayTypeKind:
  case LLVMVectorTypeKind:
    return fixed_size(LLVMGetElementType(t), depth + 1);
  case LLVMStructTypeKind: {
    unsigned n = LLVMCountStructElementTypes(t);
    for (unsigned i = 0; i < n; i++)
      if (!fixed_size(LLVMStructGetTypeAtIndex(t, i), depth + 1))
        return 0;
    return 1;
  }
  default:
    return 1;
  }
}

/* A known factor of an index: i * c or i << c gives c or 2^c. */
static uint64_t index_factor(LLVMValueRef i) {
  if (!LLVMIsABinaryOperator(i))
    return 1;
  LLVMOpcode op = LLVMGetInstructionOpcode(i);
  LLVMValueRef c = LLVMGetOperand(i, 1);
  if (!LLVMIsAConstantInt(c))
    return 1;
  long long v = LLVMConstIntGetSExtValue(c);
  if (op == LLVMMul && v > 0 && v < LIMIT)
    return (uint64_t)v;
  if (op == LLVMShl && v > 0 && v < 32)
    return (uint64_t)1 << v;
  return 1;
}

/* Add one getelementptr's offset to *off (modulo *mod). 0 when it cannot
 * be computed. */
static int gep_offset(LLVMTargetDataRef td, LLVMValueRef gep, int64_t *off,
                      uint64_t *mod) {
  if (LLVMGetTypeKind(LLVMTypeOf(gep)) != LLVMPointerTypeKind)
    return 0; /* a vector of pointers */
  LLVMTypeRef t = LLVMGetGEPSourceElementType(gep);
  int n = LLVMGetNumOperands(gep);
  for (int k = 1; k < n; k++) {
    if (!fixed_size(t, 0))
      return 0;
    LLVMValueRef idx = LLVMGetOperand(gep, (unsigned)k);
    if (k > 1 && LLVMGetTypeKind(t) == LLVMStructTypeKind) {
      if (!LLVMIsAConstantInt(idx))
        return 0;
      unsigned e = (unsigned)LLVMConstIntGetZExtValue(idx);
      *off += (int64_t)LLVMOffsetOfElement(td, t, e);
      t = LLVMStructGetTypeAtIndex(t, e);
      continue;
    }
    if (k > 1) {
      if (LLVMGetTypeKind(t) != LLVMArrayTypeKind)
        return 0; /* vectors: element offsets need not be bytes */
      t = LLVMGetElementType(t);
      if (!fixed_size(t, 0))
        return 0;
    }
    uint64_t stride = LLVMABISizeOfType(td, t);
    if (stride >= (uint64_t)LIMIT)
      return 0;
    if (LLVMIsAConstantInt(idx)) {
      long long c = LLVMConstIntGetSExtValue(idx);
      if (c <= -LIMIT || c >= LIMIT || (stride && (c > LIMIT / (int64_t)stride ||
                                                   c < -LIMIT / (int64_t)stride)))
        return 0;
      *off += c * (int64_t)stride;
    } else if (LLVMGetTypeKind(LLVMTypeOf(idx)) == LLVMIntegerTypeKind) {
      uint64_t f = index_factor(idx);
      if (f > (uint64_t)LIMIT / (stride ? stride : 1))
        f = 1;
      *mod = h2s_gcd(*mod, stride * f);
      if (*mod == 0)
        continue; /* a zero-sized element: no offset */
    } else {
      return 0;
    }
    if (*off <= -LIMIT || *off >= LIMIT)
      return 0;
  }
  return 1;
}

int h2s_locate(h2s_build *b, LLVMValueRef ptr, uint64_t size,
               LLVMValueRef *root, h2s_range *r) {
  LLVMTargetDataRef td =
      LLVMGetModuleDataLayout(LLVMGetGlobalParent(b->func));
  int64_t off = 0;
  uint64_t mod = 0;
  for (int depth = 0; depth < 16; depth++) {
    if (LLVMIsAGetElementPtrInst(ptr)) {
      if (!gep_offset(td, ptr, &off, &mod))
        return 0;
      ptr = LLVMGetOperand(ptr, 0);
      continue;
    }
    if (LLVMIsAAllocaInst(ptr) || LLVMIsACallInst(ptr) ||
        LLVMIsAInvokeInst(ptr) || LLVMIsAArgument(ptr) ||
        LLVMIsALoadInst(ptr) || LLVMIsAPHINode(ptr) ||
        LLVMIsASelectInst(ptr)) {
      if (mod >= (uint64_t)LIMIT || size == 0 || size >= (uint64_t)LIMIT)
        return 0;
      *root = ptr;
      *r = h2s_range_norm((h2s_range){off, mod, size});
      return 1;
    }
    return 0;
  }
  return 0;
}

static void record(h2s_build *b, h2s_access a) {
  H2S_PUSH(b->acc, b->nacc, b->capacc, a, 64);
}

int h2s_field_access(h2s_build *b, LLVMValueRef inst, LLVMValueRef ptr,
                     LLVMTypeRef type, h2s_loc val, int store) {
  h2s_loc p = h2s_operand(b, ptr);
  if (p == H2S_NOLOC || val == H2S_NOLOC || !fixed_size(type, 0))
    return 0;
  LLVMTargetDataRef td =
      LLVMGetModuleDataLayout(LLVMGetGlobalParent(b->func));
  LLVMValueRef root;
  h2s_range r;
  if (!h2s_locate(b, ptr, LLVMStoreSizeOfType(td, type), &root, &r))
    return 0;
  if (store)
    h2s_edge(b->g, H2S_MUTATOR, p, 0, TAG_STORE, inst); /* as h2s_add_store */
  record(b, (h2s_access){inst, root, r, p, val, store});
  return 1;
}

void h2s_field_summary_read(h2s_build *b, LLVMValueRef call, LLVMValueRef ptr,
                            const h2s_field_leak *f, h2s_loc dst) {
  h2s_loc p = h2s_operand(b, ptr);
  LLVMValueRef root;
  h2s_range r;
  if (p == H2S_NOLOC || dst == H2S_NOLOC)
    return;
  if (f->reach) {
    h2s_reach_read(b, call, ptr, f, dst);
    return;
  }
  if (h2s_locate(b, ptr, f->size, &root, &r)) {
    /* the callee's range is relative to ptr: shift, and the residues
     * combine modulo the common divisor of both strides */
    r.off += f->off;
    r.mod = h2s_gcd(r.mod, f->mod);
    record(b, (h2s_access){call, root, h2s_range_norm(r), p, dst, 0});
    return;
  }
  h2s_flow(b, dst, p, 1, TAG_LOAD, call);
}

h2s_loc h2s_root_object(h2s_build *b, LLVMValueRef root) {
  if (!LLVMIsAAllocaInst(root) &&
      (!b->sitemap || h2s_vmap_get(b->sitemap, root) == H2S_NOLOC))
    return H2S_NOLOC;
  h2s_loc l = h2s_value(b, root);
  if (l == H2S_NOLOC)
    return H2S_NOLOC;
  size_t n;
  const h2s_loc *pts = h2s_points_to(b->g, l, &n);
  if (n != 1 || pts[0] == H2S_HEAP ||
      h2s_loc_kind(b->g, pts[0]) != H2S_LOC_OBJECT)
    return H2S_NOLOC;
  return pts[0];
}

/* Views per parameter beyond which loads read the parameter itself. */
#define MAX_VIEWS 8

/* No view when the parameter has callers in the SCC (its set may grow) or
 * too many views. */
h2s_loc h2s_param_view(h2s_build *b, LLVMValueRef root, h2s_range r,
                       int reach) {
  h2s_loc p = h2s_value(b, root);
  if (p == H2S_NOLOC || h2s_loc_kind(b->g, p) != H2S_LOC_PARAM ||
      h2s_in_count(b->g, p) != 1)
    return H2S_NOLOC;
  size_t n;
  const h2s_loc *pts = h2s_points_to(b->g, p, &n);
  if (n != 1)
    return H2S_NOLOC;
  unsigned mine = 0;
  for (size_t i = 0; i < b->nviews; i++) {
    if (b->views[i].param != p)
      continue;
    if (b->views[i].r.off == r.off && b->views[i].r.mod == r.mod &&
        b->views[i].r.size == r.size && b->views[i].reach == reach)
      return b->views[i].view;
    mine++;
  }
  if (mine >= MAX_VIEWS)
    return H2S_NOLOC;
  /* The declaration gave p exactly one edge, p <- &pointee (-1): the view
   * points to the same, and is a parameter so that its leaks are kept. */
  h2s_loc v = h2s_loc_new(b->g, H2S_LOC_PARAM, b->fn, 0, root);
  h2s_edge(b->g, v, pts[0], -1, TAG_UNKNOWN, NULL);
  H2S_PUSH(b->views, b->nviews, b->capviews, ((h2s_pview){p, v, r, reach}), 16);
  return v;
}

/* Keep a field store for reach.c: is the value an allocation's address at
 * offset 0? */
static void note_store(h2s_build *b, h2s_loc obj, const h2s_access *a) {
  LLVMValueRef v = LLVMGetOperand(a->inst, 0), root;
  h2s_range r;
  int start = h2s_locate(b, v, 1, &root, &r) && r.off == 0 && r.mod == 0 &&
              h2s_root_object(b, root) != H2S_NOLOC;
  H2S_PUSH(b->fstores, b->nfstores, b->capfstores,
           ((h2s_fstore){obj, a->val, start}), 64);
}

void h2s_resolve_fields(h2s_build *b) {
  int saved = b->fn;
  b->sitemap = h2s_vmap_new();
  for (size_t i = 0; i < b->nsites; i++)
    h2s_vmap_put(b->sitemap, b->sites[i].call, b->sites[i].obj);
  for (size_t i = 0; i < b->nacc; i++) {
    const h2s_access *a = &b->acc[i];
    h2s_loc obj = h2s_root_object(b, a->root);
    if (obj != H2S_NOLOC) {
      if (a->store) {
        h2s_edge(b->g, h2s_field(b->g, obj, a->r), a->val, 0, TAG_STORE,
                 a->inst);
        note_store(b, obj, a);
      } else
        h2s_field_read(b->g, a->val, obj, a->r, TAG_LOAD, a->inst);
      continue;
    }
    if (!a->store) {
      h2s_loc v = H2S_NOLOC;
      if (LLVMIsAArgument(a->root)) {
        b->fn = h2s_scc_index(b, LLVMGetParamParent(a->root));
        v = b->fn >= 0 ? h2s_param_view(b, a->root, a->r, 0) : H2S_NOLOC;
        b->fn = saved;
      } else if (!LLVMIsACallInst(a->root) && !LLVMIsAInvokeInst(a->root) &&
                 !LLVMIsAAllocaInst(a->root)) {
        v = h2s_reach_view(b, a->root, a->r);
        b->fn = saved;
      }
      if (v != H2S_NOLOC) {
        h2s_edge(b->g, a->val, v, 1, TAG_LOAD, a->inst);
        continue;
      }
    }
    /* the field-insensitive edges */
    if (a->store)
      h2s_store_edge(b->g, a->ptr, a->val, 0, TAG_STORE, a->inst);
    else
      h2s_edge(b->g, a->val, a->ptr, 1, TAG_LOAD, a->inst);
  }
  b->fn = saved;
}

static void lower(int8_t *slot, int d) {
  if (d >= H2S_NOLEAK)
    return;
  if (d > H2S_NOLEAK - 1)
    d = H2S_NOLEAK - 1;
  if (d < *slot)
    *slot = (int8_t)d;
}

void h2s_field_param_leaks(h2s_build *b, h2s_loc param, h2s_leaks *lk) {
  for (size_t i = 0; i < b->nviews; i++) {
    const h2s_pview *w = &b->views[i];
    if (w->param != param)
      continue;
    h2s_leaks v;
    h2s_param_leaks(b->g, w->view, &v);
    /* A view reached with d derefs is the parameter reached with d. */
    lower(&lk->heap, v.heap);
    lower(&lk->mutator, v.mutator);
    lower(&lk->callee, v.callee);
    for (int k = 1; k < H2S_MAX_RESULTS; k++)
      lower(&lk->result[k], v.result[k]);
    if (v.result[0] == H2S_NOLEAK)
      continue;
    /* A view is only loaded from, so it reaches the result through at
     * least one load: the range's contents at d - 1. */
    int d = v.result[0] < 1 ? 1 : v.result[0];
    int fits = w->r.off >= INT32_MIN && w->r.off <= INT32_MAX &&
               w->r.mod <= UINT32_MAX && w->r.size <= UINT32_MAX;
    if (!fits || lk->nfields >= H2S_MAX_FIELD_LEAKS) {
      lower(&lk->result[0], d);
      continue;
    }
    lk->fields[lk->nfields++] =
        (h2s_field_leak){(int32_t)w->r.off, (uint32_t)w->r.mod,
                         (uint32_t)w->r.size, (int8_t)(d - 1),
                         (uint8_t)w->reach};
  }
  /* Paths the whole pointee already covers say nothing more. */
  uint8_t k = 0;
  for (uint8_t i = 0; i < lk->nfields; i++)
    if (lk->fields[i].derefs + 1 < lk->result[0])
      lk->fields[k++] = lk->fields[i];
  lk->nfields = k;
}
