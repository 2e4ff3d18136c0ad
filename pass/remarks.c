/* remarks.c: what heap2stack says about each allocation, in Go's words.
 *
 * Passed MovedToStack: `malloc(24) does not escape: moved to stack`.
 * Missed <Name>:       `malloc(16) escapes to heap: returned`, or
 *                      `malloc(n) stays on heap: non-constant size`.
 * Analysis EscapeFlow: Go's -m=2 flow path, one Flow/Step pair per edge;
 *                      built only when analysis remarks are wanted.
 * Every piece a tool may want is a named argument (Callee, Size, Reason,
 * Target, Limit, Frees). */
#include "h2s.h"

#include <llvm-c/DebugInfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *callee_name(LLVMValueRef call) {
  LLVMValueRef fn = h2s_called_function(call);
  if (!fn)
    return "an indirect call";
  size_t len;
  return LLVMGetValueName2(fn, &len);
}

/* Is the store's address a global (through constant casts and geps)? */
static int is_global_address(LLVMValueRef p) {
  for (int depth = 0; p && depth < 8; depth++) {
    if (LLVMIsAGlobalValue(p))
      return 1;
    if (LLVMIsAConstantExpr(p) || LLVMIsAGetElementPtrInst(p) ||
        LLVMIsABitCastInst(p) || LLVMIsAAddrSpaceCastInst(p))
      p = LLVMGetOperand(p, 0);
    else
      return 0;
  }
  return 0;
}

/* How an address was exposed (expose.c), in a few words. */
static void exposed_words(LLVMValueRef why, const char **reason,
                          const char **target) {
  *reason = "address exposed";
  if (!why || !LLVMIsAInstruction(why))
    return;
  switch (LLVMGetInstructionOpcode(why)) {
  case LLVMICmp:
  case LLVMFCmp:
    *reason = "address exposed: compared";
    return;
  case LLVMSwitch:
    *reason = "address exposed: switched on";
    return;
  case LLVMPtrToInt:
  case LLVMPtrToAddr:
    *reason = "address exposed: converted to integer";
    return;
  case LLVMIntToPtr:
    *reason = "address exposed: integer converted to pointer";
    return;
  case LLVMGetElementPtr:
    *reason = "address exposed: used as index or offset";
    return;
  case LLVMCall:
  case LLVMInvoke:
    *reason = "address exposed: printed or observed by";
    *target = callee_name(why);
    return;
  default:
    *reason = "address exposed: bits observed";
    return;
  }
}

void h2s_escape_words(h2s_build *b, h2s_loc obj, const char **reason,
                      const char **target) {
  h2s_escape_info e;
  *target = NULL;
  if (h2s_escape_reason(b->g, obj, &e) != 0) {
    *reason = "flows to heap";
    return;
  }
  if (e.by_depth) {
    *reason = "outlives loop iteration";
    return;
  }
  enum h2s_lockind rk = h2s_loc_kind(b->g, e.root);
  if (rk == H2S_LOC_RESULT) {
    /* A result with a payload is what a pointer parameter points to. */
    *reason = h2s_loc_payload(b->g, e.root) ? "stored through a pointer"
                                            : "returned";
    return;
  }
  if (rk == H2S_LOC_OBJECT && e.root != b->globals) {
    *reason = "stored into escaping object";
    return;
  }
  if (e.root == b->globals) {
    LLVMValueRef fn = e.why && h2s_is_call(e.why) ? h2s_called_function(e.why)
                                                  : NULL;
    if (fn && !LLVMGetIntrinsicID(fn)) {
      *reason = "stored through an out-parameter of";
      *target = callee_name(e.why);
    } else {
      *reason = "stored to global";
    }
    return;
  }
  LLVMValueRef why = e.why;
  switch (e.tag) {
  case TAG_STORE:
  case TAG_MEMCPY: {
    if (h2s_is_call(why) && h2s_called_function(why) &&
        !LLVMGetIntrinsicID(h2s_called_function(why))) {
      *reason = "stored through an out-parameter of";
      *target = callee_name(why);
      return;
    }
    unsigned ptr = LLVMIsAStoreInst(why) ? 1 : 0;
    *reason = is_global_address(LLVMGetOperand(why, ptr))
                  ? "stored to global"
                  : "stored through a pointer";
    return;
  }
  case TAG_RETURN:
    *reason = "returned";
    return;
  case TAG_CALL:
    *reason = "passed to unknown function";
    *target = callee_name(why);
    return;
  case TAG_MAYFREE:
    *reason = "passed to a function that may free it:";
    *target = callee_name(why);
    return;
  case TAG_SUMMARY:
    *reason = "leaked by call to";
    *target = callee_name(why);
    return;
  case TAG_FREE:
    *reason = "freed together with memory of unknown origin";
    return;
  case TAG_CONTENT:
    *reason = "contents leaked by call to";
    *target = callee_name(why);
    return;
  case TAG_INDIRECT:
    *reason = "passed to indirect call or inline asm";
    return;
  case TAG_UNSUPPORTED:
    *reason = "used by unsupported instruction";
    return;
  case TAG_EXPOSED:
    exposed_words(why, reason, target);
    return;
  case H2S_TAG_COLLAPSED:
    *reason = "mixed with too many objects to track";
    return;
  default:
    *reason = "flows to heap";
    return;
  }
}

/* The inlined-at chain of an allocation call, for remarks on real builds
 * where one source site is inlined into many functions: the remark's
 * location is the inlined code's, so the text names the function the call
 * now lives in and each inlined call on the way, outermost first:
 * " [in parse: inlined new_node at p.c:88:5, xmalloc at u.c:20:3]".
 * Caller, Inlined and InlinedAt are named args (heap2stack-report groups
 * copies of one site by the text before Caller). */
enum { INLINE_DEPTH = 8 };
typedef struct inline_text {
  char name[INLINE_DEPTH][96];
  char at[INLINE_DEPTH][160];
} inline_text;

/* The source name of the function a debug scope belongs to. LLVM-C has no
 * getter for it: walk lexical blocks up (their scope is operand 1) to the
 * DISubprogram and read its raw name, operand 2, when that is a string. */
static const char *scope_name(LLVMContextRef ctx, LLVMMetadataRef scope,
                              size_t *len) {
  for (int depth = 0; scope && depth < 64; depth++) {
    LLVMMetadataKind k = LLVMGetMetadataKind(scope);
    int sub = k == LLVMDISubprogramMetadataKind;
    if (!sub && k != LLVMDILexicalBlockMetadataKind &&
        k != LLVMDILexicalBlockFileMetadataKind)
      return NULL;
    LLVMValueRef v = LLVMMetadataAsValue(ctx, scope);
    LLVMValueRef ops[64];
    unsigned nops = LLVMGetMDNodeNumOperands(v);
    /* a subprogram names itself in operand 2; a block has File, Scope */
    if (nops < (sub ? 3u : 2u) || nops > 64)
      return NULL;
    LLVMGetMDNodeOperands(v, ops);
    if (sub) {
      unsigned n = 0;
      const char *name = ops[2] ? LLVMGetMDString(ops[2], &n) : NULL;
      *len = n;
      return name && n ? name : NULL;
    }
    scope = ops[1] ? LLVMValueAsMetadata(ops[1]) : NULL;
  }
  return NULL;
}

static void place(LLVMMetadataRef loc, char *out, size_t len) {
  LLVMMetadataRef scope = LLVMDILocationGetScope(loc);
  LLVMMetadataRef file = scope ? LLVMDIScopeGetFile(scope) : NULL;
  unsigned n = 0;
  const char *name = file ? LLVMDIFileGetFilename(file, &n) : NULL;
  snprintf(out, len, "%.*s:%u:%u", name ? (int)n : 1, name ? name : "?",
           LLVMDILocationGetLine(loc), LLVMDILocationGetColumn(loc));
}

/* Appends the chain's args to a[k..) (room for 4 + 4 * INLINE_DEPTH). */
static size_t inline_chain(LLVMValueRef call, h2s_rarg *a, size_t k,
                           inline_text *t) {
  LLVMMetadataRef loc = LLVMInstructionGetDebugLoc(call);
  if (!loc || !LLVMDILocationGetInlinedAt(loc))
    return k;
  LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(call));
  /* innermost first: name[i] was inlined at at[i] */
  size_t n = 0;
  LLVMMetadataRef at;
  for (LLVMMetadataRef l = loc; n < INLINE_DEPTH && (at = LLVMDILocationGetInlinedAt(l));
       l = at, n++) {
    size_t len = 0;
    const char *name = scope_name(ctx, LLVMDILocationGetScope(l), &len);
    snprintf(t->name[n], sizeof t->name[n], "%.*s", name ? (int)len : 1,
             name ? name : "?");
    place(at, t->at[n], sizeof t->at[n]);
  }
  size_t flen;
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInstructionParent(call));
  a[k++] = (h2s_rarg){"String", " [in ", NULL, 0, 0};
  a[k++] = (h2s_rarg){"Caller", LLVMGetValueName2(fn, &flen), NULL, 0, 0};
  a[k++] = (h2s_rarg){"String", ": inlined ", NULL, 0, 0};
  for (size_t i = n; i-- > 0;) {
    a[k++] = (h2s_rarg){"Inlined", t->name[i], NULL, 0, 0};
    a[k++] = (h2s_rarg){"String", " at ", NULL, 0, 0};
    a[k++] = (h2s_rarg){"InlinedAt", t->at[i], NULL, 0, 0};
    if (i)
      a[k++] = (h2s_rarg){"String", ", ", NULL, 0, 0};
  }
  a[k++] = (h2s_rarg){"String", "]", NULL, 0, 0};
  return k;
}

/* Callee "(" Size ")" : the allocation as Go would print it. */
static size_t head(const h2s_site *s, h2s_rarg *a, char *num, size_t numlen) {
  size_t n = 0;
  a[n++] = (h2s_rarg){"Callee", s->callee, NULL, 0, 0};
  a[n++] = (h2s_rarg){"String", "(", NULL, 0, 0};
  if (s->size_known && !s->head) { /* a head's size is its buffer's */
    snprintf(num, numlen, "%llu", (unsigned long long)s->size);
    a[n++] = (h2s_rarg){"Size", num, NULL, 0, 0};
  } else {
    a[n++] = (h2s_rarg){"Size", "n", NULL, 0, 0};
  }
  return n;
}

static const char *opcode_word(LLVMValueRef inst) {
  if (!inst || !LLVMIsAInstruction(inst))
    return "value";
  switch (LLVMGetInstructionOpcode(inst)) {
  case LLVMStore: return "store";
  case LLVMLoad: return "load";
  case LLVMCall: return "call";
  case LLVMInvoke: return "invoke";
  case LLVMRet: return "return";
  case LLVMPHI: return "phi";
  case LLVMSelect: return "select";
  case LLVMGetElementPtr: return "getelementptr";
  case LLVMAtomicRMW: return "atomicrmw";
  case LLVMAtomicCmpXchg: return "cmpxchg";
  case LLVMPtrToInt: return "ptrtoint";
  case LLVMIntToPtr: return "inttoptr";
  case LLVMAlloca: return "alloca";
  default: return "instruction";
  }
}

/* How a location reads in a flow line: {heap}, {result}, {storage for
 * malloc(16)}, {%name}. */
static void describe(h2s_build *b, h2s_loc l, char *out, size_t len) {
  h2s_loc obj;
  h2s_range r;
  if (h2s_field_of(b->g, l, &obj, &r)) {
    /* a field (DESIGN.md "Fields"): its object, then its byte offset */
    describe(b, obj, out, len);
    size_t used = strlen(out);
    if (r.mod)
      snprintf(out + used, len - used, ".+%lld%%%llu", (long long)r.off,
               (unsigned long long)r.mod);
    else
      snprintf(out + used, len - used, ".+%lld", (long long)r.off);
    return;
  }
  if (l == H2S_HEAP) {
    snprintf(out, len, "{heap}");
    return;
  }
  if (l == b->globals) {
    snprintf(out, len, "{globals}");
    return;
  }
  enum h2s_lockind k = h2s_loc_kind(b->g, l);
  LLVMValueRef v = h2s_loc_payload(b->g, l);
  if (k == H2S_LOC_RESULT) {
    snprintf(out, len, "{result}");
    return;
  }
  if (k == H2S_LOC_OBJECT && v) {
    for (size_t i = 0; i < b->nsites; i++)
      if (b->sites[i].obj == l) {
        const h2s_site *s = &b->sites[i];
        if (s->size_known)
          snprintf(out, len, "{storage for %s(%llu)}", s->callee,
                   (unsigned long long)s->size);
        else
          snprintf(out, len, "{storage for %s(n)}", s->callee);
        return;
      }
  }
  size_t n = 0;
  const char *name = v ? LLVMGetValueName2(v, &n) : "";
  if (k == H2S_LOC_OBJECT)
    snprintf(out, len, "{storage for %s%.*s}", n ? "%" : "alloca", (int)n, name);
  else if (n)
    snprintf(out, len, "{%s%%%.*s}", k == H2S_LOC_PARAM ? "param " : "",
             (int)n, name);
  else
    snprintf(out, len, "{%s}", v ? opcode_word(v) : "unknown");
}

static void explain(h2s_build *b, const h2s_site *s) {
  size_t n;
  const h2s_step *path = h2s_escape_path(b->g, s->obj, &n);
  if (!path || n == 0)
    return;
  if (n > 64)
    n = 64; /* the head of a very long path says enough */
  size_t cap = 4 + 4 * n;
  h2s_rarg *a = calloc(cap, sizeof *a);
  char (*text)[200] = calloc(n, sizeof *text);
  char (*where)[160] = calloc(n, sizeof *where);
  char num[32];
  if (!a || !text || !where) {
    free(a);
    free(text);
    free(where);
    return;
  }
  size_t k = head(s, a, num, sizeof num);
  a[k++] = (h2s_rarg){"String", ") escapes to heap:", NULL, 0, 0};
  for (size_t i = 0; i < n; i++) {
    char dst[80], src[80];
    describe(b, path[i].dst, dst, sizeof dst);
    describe(b, path[i].src, src, sizeof src);
    snprintf(text[i], sizeof text[i], "\n  flow: %s <- %s%s", dst,
             path[i].derefs < 0 ? "&" : path[i].derefs > 0 ? "*" : "", src);
    a[k++] = (h2s_rarg){"Flow", text[i], NULL, 0, 0};
    a[k++] = (h2s_rarg){"String", "\n    from ", NULL, 0, 0};
    a[k++] = (h2s_rarg){"Step",
                        path[i].tag == H2S_TAG_FIELD ? "field"
                                                     : opcode_word(path[i].why),
                        path[i].why, 0, 0};
    /* The step's place in the text too: the text printer drops argument
     * locations, which only the YAML record keeps. */
    unsigned flen = 0;
    const char *file = path[i].why && LLVMIsAInstruction(path[i].why)
                           ? LLVMGetDebugLocFilename(path[i].why, &flen)
                           : NULL;
    if (file && flen) {
      snprintf(where[i], sizeof where[i], " at %.*s:%u:%u", (int)flen, file,
               LLVMGetDebugLocLine(path[i].why),
               LLVMGetDebugLocColumn(path[i].why));
      a[k++] = (h2s_rarg){"String", where[i], NULL, 0, 0};
    }
  }
  h2s_host_remark(b->host, H2S_ANALYSIS, "EscapeFlow", s->call, a, k);
  free(a);
  free(text);
  free(where);
}

void h2s_remark_site(h2s_build *b, const h2s_site *s) {
  h2s_rarg a[16 + 4 + 3 + 4 * INLINE_DEPTH];
  inline_text t;
  char num[32], frees[32], limit[32];
  size_t n = head(s, a, num, sizeof num);
  if (s->promote) {
    if (s->growth) {
      snprintf(limit, sizeof limit, "%llu", (unsigned long long)s->size);
      a[n++] = (h2s_rarg){"String",
                          ") does not escape: starts on stack, moves to heap "
                          "when grown past ",
                          NULL, 0, 0};
      a[n++] = (h2s_rarg){"Limit", limit, NULL, 0, 0};
      if (s->ret_heap)
        a[n++] = (h2s_rarg){"String", " or returned", NULL, 0, 0};
    } else {
      a[n++] = (h2s_rarg){"String", ") does not escape: moved to stack", NULL, 0, 0};
    }
    if (s->small) {
      snprintf(limit, sizeof limit, "%llu",
               (unsigned long long)b->opt->small_buffer);
      a[n++] = (h2s_rarg){"String", " when size <= ", NULL, 0, 0};
      a[n++] = (h2s_rarg){"Limit", limit, NULL, 0, 0};
    }
    if (s->wrapped) { /* wrappers.c: the allocator inside the wrapper */
      a[n++] = (h2s_rarg){"String", " (allocated by ", NULL, 0, 0};
      a[n++] = (h2s_rarg){"Allocator", s->wrapped, NULL, 0, 0};
      a[n++] = (h2s_rarg){"String", " in ", NULL, 0, 0};
      a[n++] = (h2s_rarg){"Wrapper", s->callee, NULL, 0, 0};
      a[n++] = (h2s_rarg){"String", ")", NULL, 0, 0};
    }
    if (s->nfrees) {
      snprintf(frees, sizeof frees, "%u", s->nfrees);
      a[n++] = (h2s_rarg){"String",
                          s->small || s->growth ? "; guarded " : "; removed ",
                          NULL, 0, 0};
      a[n++] = (h2s_rarg){"Frees", frees, NULL, 0, 0};
      a[n++] = (h2s_rarg){"String", " free(s)", NULL, 0, 0};
    }
    if (s->grown_by) { /* growinline.c: the helpers that grow it */
      a[n++] = (h2s_rarg){"String", " (inlined ", NULL, 0, 0};
      a[n++] = (h2s_rarg){"Helpers", s->grown_by, NULL, 0, 0};
      a[n++] = (h2s_rarg){"String", " to prove it)", NULL, 0, 0};
    }
    n = inline_chain(s->call, a, n, &t);
    h2s_host_remark(b->host, H2S_PASSED, "MovedToStack", s->call, a, n);
    return;
  }
  int escapes = strcmp(s->name, "Escapes") == 0;
  int unread = strcmp(s->name, "NeverRead") == 0;
  /* A recursive function's frame budget (stack.c's two kinds). */
  int rec = b->fi[s->fn].recursive;
  int frame = (strcmp(s->name, "TooLarge") == 0 && s->size <= b->opt->max_size) ||
              strcmp(s->name, "Budget") == 0;
  const char *reason = s->reason;
  /* not "too large": its small buffer is what does not fit */
  if (frame && rec && !s->size_known)
    reason = "non-constant size in a recursive function";
  a[n++] = (h2s_rarg){"String",
                      escapes  ? ") escapes to heap: "
                      : unread ? ") is never read: "
                               : ") stays on heap: ",
                      NULL, 0, 0};
  a[n++] = (h2s_rarg){"Reason", reason, NULL, 0, 0};
  if (s->target) {
    a[n++] = (h2s_rarg){"String", " ", NULL, 0, 0};
    a[n++] = (h2s_rarg){"Target", s->target, NULL, 0, 0};
  }
  const char *opt = NULL;
  uint64_t lim = 0;
  if (frame && rec == H2S_MAY_RECURSE)
    opt = "max-size-may-recurse", lim = b->opt->max_size_may_recurse;
  else if (frame && rec == H2S_RECURSIVE)
    opt = "max-size-recursive", lim = b->opt->max_size_recursive;
  else if (strcmp(s->name, "TooLarge") == 0)
    opt = "max-size", lim = b->opt->max_size;
  else if (strcmp(s->name, "Budget") == 0)
    opt = "max-function-bytes", lim = b->opt->max_function_bytes;
  else if (strcmp(s->name, "PathBudget") == 0)
    opt = "max-path-bytes", lim = b->opt->max_path_bytes;
  if (opt) {
    snprintf(limit, sizeof limit, "%llu", (unsigned long long)lim);
    a[n++] = (h2s_rarg){"String", " (", NULL, 0, 0};
    a[n++] = (h2s_rarg){"Option", opt, NULL, 0, 0};
    a[n++] = (h2s_rarg){"String", " ", NULL, 0, 0};
    a[n++] = (h2s_rarg){"Limit", limit, NULL, 0, 0};
    a[n++] = (h2s_rarg){"String", ")", NULL, 0, 0};
  }
  /* why the function counts as recursive (a cycle, an indirect call, a
   * callback from a library function): it walks the module, so only when
   * someone reads heap2stack's remarks */
  char why[400];
  if (frame && rec &&
      h2s_host_remarks_enabled(b->host, b->fns[s->fn], H2S_MISSED)) {
    h2s_recursion_why(b->host, b->opt, b->fns[s->fn], why, sizeof why);
    a[n++] = (h2s_rarg){"String", ": ", NULL, 0, 0};
    a[n++] = (h2s_rarg){"Recursion", why, NULL, 0, 0};
  }
  if (s->grown_by) { /* growinline.c: inlined, and still not enough */
    a[n++] = (h2s_rarg){"String", " (after inlining ", NULL, 0, 0};
    a[n++] = (h2s_rarg){"Helpers", s->grown_by, NULL, 0, 0};
    a[n++] = (h2s_rarg){"String", ")", NULL, 0, 0};
  }
  n = inline_chain(s->call, a, n, &t);
  h2s_host_remark(b->host, H2S_MISSED, s->name, s->call, a, n);
  if (escapes && b->explain)
    explain(b, s);
}
