/* summary.c: parameter summaries across functions (Go's esc tags, leaks.go
 * and the in-to-out parameter flow of Go's commit 507fcf37).
 *
 * Functions are analysed bottom-up, one SCC at a time. Within an SCC, an
 * argument flows straight into the callee's parameter location and the
 * callee's result into the call. Once an SCC is solved, each pointer
 * parameter of an exact definition gets its leaks as the string attribute
 * "heap2stack.leaks" ("heap=1 res0=0"), a parameter whose pointee is result
 * k >= 1 gets "heap2stack.out"="k", and the function gets
 * "heap2stack.summary"="<stamp>", the stamp (stamp.c) of the interface the
 * summary speaks of. Callers analysed later apply those instead of judging
 * the call by LLVM's attributes, but only while the callee still has that
 * stamp: a summary never outlives the parameters it describes. The marks
 * travel with their parameters, so a pass that later removes or reorders
 * parameters leaves no dangling index: a leak to a result no parameter
 * claims is a heap leak.
 *
 * Out-parameters: the first pointer parameters point to an out-object of
 * result kind, so `*out = p` is a leak to a result, not to the heap; the
 * caller turns it into a store of p into whatever its argument points to. */
#include "h2s.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int h2s_scc_index(h2s_build *b, LLVMValueRef fn) {
  for (size_t i = 0; i < b->nfns; i++)
    if (b->fns[i] == fn)
      return (int)i;
  return -1;
}

int h2s_exact_definition(LLVMValueRef fn) {
  /* LLVM's own notion: not a declaration, and no other definition may
   * replace this one at link or load time (weak, linkonce, *_odr,
   * available_externally, or semantic interposition). A naked function's
   * IR is not its code (its assembly may do anything with its arguments):
   * LLVM's attribute inference skips it, and so do summaries. */
  if (LLVMIsDeclaration(fn) || !h2s_host_exact_definition(fn))
    return 0;
  unsigned ak_naked = LLVMGetEnumAttributeKindForName("naked", 5);
  return !LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, ak_naked);
}

/* Drop marks an earlier run published: a pass in between may have moved,
 * added or removed parameters, and a stale mark must not survive. */
void h2s_forget_summary(LLVMValueRef fn) {
  unsigned n = LLVMCountParams(fn);
  for (unsigned i = 0; i < n; i++) {
    LLVMRemoveStringAttributeAtIndex(fn, i + 1, H2S_ATTR_LEAKS,
                                     sizeof H2S_ATTR_LEAKS - 1);
    LLVMRemoveStringAttributeAtIndex(fn, i + 1, H2S_ATTR_OUT,
                                     sizeof H2S_ATTR_OUT - 1);
  }
  LLVMRemoveStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                                   H2S_ATTR_SUMMARY, sizeof H2S_ATTR_SUMMARY - 1);
  LLVMRemoveStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                                   H2S_ATTR_RET, sizeof H2S_ATTR_RET - 1);
}

/* Is every value the function returns a constant without an address
 * (null, undef, a number), or does it return nothing that carries one? */
static int returns_no_address(LLVMValueRef fn) {
  if (!h2s_carries(LLVMGetReturnType(LLVMGlobalGetValueType(fn))))
    return 1;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb)) {
    LLVMValueRef t = LLVMGetBasicBlockTerminator(bb);
    if (!t || LLVMGetInstructionOpcode(t) != LLVMRet ||
        LLVMGetNumOperands(t) == 0)
      continue;
    LLVMValueRef v = LLVMGetOperand(t, 0);
    if (!LLVMIsAConstantPointerNull(v) && !LLVMIsAUndefValue(v) &&
        !LLVMIsAConstantInt(v) && !LLVMIsAConstantFP(v) &&
        !LLVMIsAConstantAggregateZero(v))
      return 0;
  }
  return 1;
}

/* Does the result point only into what the parameters point to (their
 * out-objects)? Then callers need not assume it may point anywhere: the
 * parameters' result leaks say where it points. An empty points-to set is
 * not taken as "points nowhere" unless no address is returned at all: the
 * set holds the addresses the graph models, and a returned pointer whose
 * set is empty was made in a way the graph may not model (it is no proof
 * of absence, and a caller would drop stores through it). */
static int result_from_params(h2s_build *b, int i) {
  size_t n;
  const h2s_loc *pts = h2s_points_to(b->g, b->fi[i].result, &n);
  if (n == 0)
    return returns_no_address(b->fns[i]);
  for (size_t k = 0; k < n; k++)
    if (h2s_loc_kind(b->g, pts[k]) != H2S_LOC_RESULT ||
        !h2s_loc_payload(b->g, pts[k]))
      return 0;
  return 1;
}

void h2s_declare_function(h2s_build *b, int i) {
  LLVMValueRef fn = b->fns[i];
  h2s_fninfo *fi = &b->fi[i];
  fi->exact = h2s_exact_definition(fn);
  fi->result = h2s_loc_new(b->g, H2S_LOC_RESULT, i, 0, NULL);
  h2s_result_index(b->g, fi->result, 0);
  fi->nouts = 1; /* result 0 is the return value */
  int idx = 0;
  for (LLVMValueRef p = LLVMGetFirstParam(fn); p;
       p = LLVMGetNextParam(p), idx++) {
    if (!h2s_carries(LLVMTypeOf(p)))
      continue;
    h2s_loc l = h2s_new_value(b, p, H2S_LOC_PARAM);
    if (LLVMGetTypeKind(LLVMTypeOf(p)) == LLVMPointerTypeKind &&
        fi->nouts < H2S_MAX_RESULTS) {
      /* What the caller's pointer points to: a result whose contents
       * start unknown. */
      h2s_loc out = h2s_loc_new(b->g, H2S_LOC_RESULT, i, 0, p);
      h2s_result_index(b->g, out, fi->nouts);
      h2s_edge(b->g, out, H2S_HEAP, -1, TAG_UNKNOWN, NULL);
      h2s_edge(b->g, l, out, -1, TAG_UNKNOWN, NULL);
      fi->outparam[fi->nouts++] = idx;
    } else {
      /* Parameters point into the caller's memory: unknown to us. */
      h2s_edge(b->g, l, H2S_HEAP, -1, TAG_UNKNOWN, NULL);
    }
  }
}

void h2s_call_in_scc(h2s_build *b, LLVMValueRef call, int callee) {
  LLVMValueRef fn = b->fns[callee];
  unsigned nargs = LLVMGetNumArgOperands(call);
  unsigned nparams = LLVMCountParams(fn);
  for (unsigned i = 0; i < nargs; i++) {
    h2s_loc a = h2s_operand(b, LLVMGetOperand(call, i));
    if (i >= nparams) {
      h2s_flow(b, H2S_HEAP, a, 0, TAG_CALL, call); /* varargs */
      continue;
    }
    h2s_loc p = h2s_value(b, LLVMGetParam(fn, i));
    if (p == H2S_NOLOC) /* a parameter that carries nothing */
      h2s_flow(b, H2S_HEAP, a, 0, TAG_CALL, call);
    else
      h2s_flow(b, p, a, 0, TAG_PARAM, call);
  }
  h2s_flow(b, h2s_value(b, call), b->fi[callee].result, 0, TAG_CALLRET, call);
}

/* Which parameter's pointee is result k (k >= 1), from "heap2stack.out"
 * marks; -1 for none. Two parameters claiming one result (marks that
 * should not exist) make the whole summary untrustworthy: returns 0. */
static int read_outs(LLVMValueRef fn, int *outparam) {
  for (int k = 0; k < H2S_MAX_RESULTS; k++)
    outparam[k] = -1;
  unsigned n = LLVMCountParams(fn);
  for (unsigned i = 0; i < n; i++) {
    LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(
        fn, i + 1, H2S_ATTR_OUT, sizeof H2S_ATTR_OUT - 1);
    unsigned len;
    const char *v = a ? LLVMGetStringAttributeValue(a, &len) : NULL;
    if (!v)
      continue;
    if (len != 1 || v[0] < '1' || v[0] >= '0' + H2S_MAX_RESULTS ||
        outparam[v[0] - '0'] >= 0)
      return 0;
    outparam[v[0] - '0'] = (int)i;
  }
  return 1;
}

/* Make the objects `derefs` loads below `arg` hold unknown pointers. */
static void unknown_below(h2s_build *b, h2s_loc arg, int derefs,
                          LLVMValueRef call) {
  h2s_loc at = arg;
  if (derefs > 0) {
    at = h2s_new_at(b, H2S_LOC_VALUE, LLVMGetInstructionParent(call), 0, NULL);
    h2s_edge(b->g, at, arg, derefs, TAG_LOAD, call);
  }
  h2s_add_store(b, at, H2S_HEAP, -1, TAG_RULEU, call);
}

int h2s_summary_valid(h2s_build *b, LLVMValueRef fn) {
  if (!h2s_exact_definition(fn))
    return 0;
  LLVMAttributeRef sa = LLVMGetStringAttributeAtIndex(
      fn, LLVMAttributeFunctionIndex, H2S_ATTR_SUMMARY,
      sizeof H2S_ATTR_SUMMARY - 1);
  unsigned len;
  const char *v = sa ? LLVMGetStringAttributeValue(sa, &len) : NULL;
  char want[17];
  if (!v || len != 16)
    return 0;
  snprintf(want, sizeof want, "%016llx",
           (unsigned long long)h2s_host_fingerprint(b->host, fn));
  return memcmp(v, want, 16) == 0;
}

/* The leaks with their field paths (DESIGN.md "Fields"). */
static int read_leaks_fields(h2s_build *b, LLVMValueRef fn, unsigned idx,
                             h2s_leaks *out) {
  if (idx >= LLVMCountParams(fn) || !h2s_summary_valid(b, fn))
    return -1;
  LLVMAttributeRef la = LLVMGetStringAttributeAtIndex(
      fn, idx + 1, H2S_ATTR_LEAKS, sizeof H2S_ATTR_LEAKS - 1);
  unsigned len;
  const char *text = la ? LLVMGetStringAttributeValue(la, &len) : NULL;
  char buf[256];
  if (!text || len >= sizeof buf)
    return -1;
  memcpy(buf, text, len);
  buf[len] = 0;
  return h2s_leaks_parse(buf, out);
}

int h2s_read_param_leaks(h2s_build *b, LLVMValueRef fn, unsigned idx,
                         h2s_leaks *out) {
  if (read_leaks_fields(b, fn, idx, out) != 0)
    return -1;
  /* Readers other than h2s_call_summarised do not apply field paths. */
  h2s_leaks_fold_fields(out);
  return 0;
}

int h2s_call_summarised(h2s_build *b, LLVMValueRef call, LLVMValueRef fn) {
  if (!h2s_summary_valid(b, fn))
    return 0;
  int outparam[H2S_MAX_RESULTS];
  if (!read_outs(fn, outparam))
    return 0;
  unsigned nargs = LLVMGetNumArgOperands(call);
  h2s_loc self = h2s_value(b, call);
  /* The result may also point to what the callee got from elsewhere,
   * unless the callee says it points only into its arguments' memory. */
  if (!LLVMGetStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                                     H2S_ATTR_RET, sizeof H2S_ATTR_RET - 1))
    h2s_flow(b, self, H2S_HEAP, -1, TAG_CALLRET, call);
  for (unsigned i = 0; i < nargs; i++) {
    h2s_loc a = h2s_operand(b, LLVMGetOperand(call, i));
    if (a == H2S_NOLOC)
      continue;
    h2s_leaks l;
    if (read_leaks_fields(b, fn, i, &l) != 0) {
      h2s_flow(b, H2S_HEAP, a, 0, TAG_CALL, call); /* varargs, or no tag */
      continue;
    }
    /* Field paths: what the callee loads at a known range of *a reaches
     * the result; the rest of *a does not (DESIGN.md "Fields"). */
    for (uint8_t f = 0; f < l.nfields && self != H2S_NOLOC; f++) {
      h2s_loc t = h2s_new_at(b, H2S_LOC_VALUE, LLVMGetInstructionParent(call),
                             0, NULL);
      h2s_field_summary_read(b, call, LLVMGetOperand(call, i), &l.fields[f],
                             t);
      h2s_flow(b, self, t, l.fields[f].derefs, TAG_CALLRET, call);
    }
    if (l.heap != H2S_NOLEAK)
      h2s_flow(b, H2S_HEAP, a, l.heap, TAG_SUMMARY, call);
    if (l.result[0] != H2S_NOLEAK)
      h2s_flow(b, self, a, l.result[0], TAG_CALLRET, call);
    for (int k = 1; k < H2S_MAX_RESULTS; k++) {
      if (l.result[k] == H2S_NOLEAK)
        continue;
      if (outparam[k] >= 0 && (unsigned)outparam[k] < nargs)
        h2s_add_store(b, h2s_operand(b, LLVMGetOperand(call, outparam[k])), a,
                      l.result[k], TAG_STORE, call);
      else
        h2s_flow(b, H2S_HEAP, a, l.result[k], TAG_SUMMARY, call);
    }
    if (l.mutator != H2S_NOLEAK)
      unknown_below(b, a, l.mutator, call);
  }
  return 1;
}

/* Go's words for a parameter summary. */
static void words(const h2s_leaks *l, const char *name, char *out, size_t len) {
  size_t n = 0;
  out[0] = 0;
  if (l->heap == 0)
    n += snprintf(out + n, len - n, "leaking param: %s", name);
  else if (l->heap != H2S_NOLEAK)
    n += snprintf(out + n, len - n, "leaking param content: %s", name);
  for (int k = 0; k < H2S_MAX_RESULTS && n < len; k++)
    if (l->result[k] != H2S_NOLEAK)
      n += snprintf(out + n, len - n, "%sleaking param: %s to result ~r%d level=%d",
                    n ? "; " : "", name, k, l->result[k]);
  /* Field paths (DESIGN.md "Fields"): which bytes of the pointee. */
  for (uint8_t f = 0; f < l->nfields && n < len; f++) {
    const h2s_field_leak *x = &l->fields[f];
    n += snprintf(out + n, len - n,
                  "%sleaking param content: %s+%ld (%u bytes%s%s) to result "
                  "~r0 level=%d",
                  n ? "; " : "", name, (long)x->off, (unsigned)x->size,
                  x->mod ? ", every element" : "",
                  x->reach == 2   ? ", of every object beyond"
                  : x->reach ? ", of every object reached"
                             : "",
                  x->derefs + 1);
  }
  if (n == 0)
    snprintf(out, len, "%s does not escape", name);
}

void h2s_publish_summaries(h2s_build *b) {
  for (size_t i = 0; i < b->nfns; i++) {
    LLVMValueRef fn = b->fns[i];
    if (LLVMIsDeclaration(fn))
      continue;
    h2s_forget_summary(fn);
    if (!b->fi[i].exact)
      continue;
    LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(fn));
    if (result_from_params(b, (int)i))
      LLVMAddAttributeAtIndex(
          fn, LLVMAttributeFunctionIndex,
          LLVMCreateStringAttribute(ctx, H2S_ATTR_RET, sizeof H2S_ATTR_RET - 1,
                                    "params", 6));
    for (int k = 1; k < b->fi[i].nouts; k++) {
      char v[2] = {(char)('0' + k), 0};
      LLVMAddAttributeAtIndex(
          fn, (unsigned)b->fi[i].outparam[k] + 1,
          LLVMCreateStringAttribute(ctx, H2S_ATTR_OUT, sizeof H2S_ATTR_OUT - 1,
                                    v, 1));
    }
    unsigned idx = 0;
    for (LLVMValueRef p = LLVMGetFirstParam(fn); p;
         p = LLVMGetNextParam(p), idx++) {
      h2s_loc l = h2s_value(b, p);
      if (l == H2S_NOLOC)
        continue;
      h2s_leaks lk;
      h2s_param_leaks(b->g, l, &lk);
      h2s_field_param_leaks(b, l, &lk);
      char text[256];
      if (h2s_leaks_format(&lk, text, sizeof text) != 0)
        continue;
      LLVMAddAttributeAtIndex(
          fn, idx + 1,
          LLVMCreateStringAttribute(ctx, H2S_ATTR_LEAKS,
                                    sizeof H2S_ATTR_LEAKS - 1, text,
                                    (unsigned)strlen(text)));
      h2s_leaks folded = lk;
      h2s_leaks_fold_fields(&folded);
      h2s_publish_captures(b, fn, idx, p, &folded);
      if (!b->explain || b->quiet) /* quiet: said by the first round */
        continue;
      size_t nl;
      const char *pn = LLVMGetValueName2(p, &nl);
      char name[64], msg[512];
      if (nl)
        snprintf(name, sizeof name, "%.*s", (int)(nl > 60 ? 60 : nl), pn);
      else
        snprintf(name, sizeof name, "arg%u", idx);
      words(&lk, name, msg, sizeof msg);
      h2s_rarg a[4] = {
          {"Param", name, NULL, 0, 0},
          {"String", ": ", NULL, 0, 0},
          {"Summary", msg, NULL, 0, 0},
      };
      h2s_host_remark(b->host, H2S_ANALYSIS, "ParamLeak", fn, a, 3);
    }
  }
}

void h2s_stamp_summaries(h2s_build *b) {
  for (size_t i = 0; i < b->nfns; i++) {
    LLVMValueRef fn = b->fns[i];
    if (LLVMIsDeclaration(fn) || !b->fi[i].exact)
      continue;
    char v[17];
    snprintf(v, sizeof v, "%016llx",
             (unsigned long long)h2s_host_fingerprint(b->host, fn));
    LLVMAddAttributeAtIndex(
        fn, LLVMAttributeFunctionIndex,
        LLVMCreateStringAttribute(b->ctx, H2S_ATTR_SUMMARY,
                                  sizeof H2S_ATTR_SUMMARY - 1, v, 16));
  }
}
