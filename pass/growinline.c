/* growinline.c: growth buffers grown by helpers that LLVM did not inline
 * (issue 17; README "Growth buffers", DESIGN.md "Growth buffers").
 *
 * A summary says that a helper leaks its parameter's contents, not that
 * it reallocs them, so a buffer grown in a helper escapes in its caller.
 * Rather than trust a new kind of summary, the caller gets the helper's
 * body: when a growth candidate (malloc or calloc of a constant size within
 * max-size) escapes, and the calls that may reach it include helpers
 * defined here whose bodies free or realloc, those calls are inlined with
 * LLVM's InlineFunction (through the shim) and the SCC is analysed once
 * more. Every proof is then the ordinary one on the inlined code; if the
 * site still escapes it stays on the heap, as it would have. The second
 * round inlines nothing, so there is no loop.
 *
 * A helper is inlined only when it can be: a definition no other one may
 * replace (ODR copies included, as for LLVM's inliner), outside the SCC,
 * not recursive, not optnone, no larger than grow-inline instructions, no
 * more recursive than the caller, not storing pointers in globals, and
 * LLVM can inline the call. And only when it can help: a trial analysis
 * of the SCC with those calls left out (doing nothing, an optimistic
 * bound on what their bodies may do) must find the site not escaping;
 * when it escapes even so (returned, stored in a global or passed to
 * unknown code by the caller itself), nothing is inlined. */
#include "h2s.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the first round did, for the second's remarks. */
#define GROWN_TEXT 96
typedef struct grown {
  LLVMValueRef site; /* the allocation call (inlining leaves it alone) */
  char names[GROWN_TEXT];
} grown;

struct h2s_growinline {
  grown *v;
  size_t n, cap;
  int second;       /* the second round: inline nothing */
  h2s_vmap *bodies; /* helper -> what scan_body found */
};

h2s_growinline *h2s_growinline_new(void) {
  h2s_growinline *gi = h2s_xcalloc(1, sizeof *gi);
  gi->bodies = h2s_vmap_new();
  return gi;
}

void h2s_growinline_free(h2s_growinline *gi) {
  if (!gi)
    return;
  h2s_vmap_free(gi->bodies);
  free(gi->v);
  free(gi);
}

static const char *fn_name(LLVMValueRef fn) {
  size_t len;
  return LLVMGetValueName2(fn, &len);
}

/* Is p the address of a global (through constant casts and geps)? */
static int global_address(LLVMValueRef p) {
  for (int depth = 0; p && depth < 8; depth++) {
    if (LLVMIsAGlobalValue(p))
      return 1;
    if (!LLVMIsAConstantExpr(p) && !LLVMIsAGetElementPtrInst(p))
      return 0;
    p = LLVMGetOperand(p, 0);
  }
  return 0;
}

/* What a helper's body does, as far as inlining it can help. */
typedef struct body {
  unsigned insts;
  int frees;    /* it calls free or realloc (of any family) directly */
  int reallocs; /* ... realloc */
  int global;   /* it stores a pointer into a global: a copy would too */
} body;

/* Scanned once per helper and run (helpers are outside the SCC: their
 * bodies do not change meanwhile), packed into the cache's integer. */
enum { BODY_INSTS = (1 << 20) - 1, BODY_FREES = 1 << 20,
       BODY_GLOBAL = 1 << 21, BODY_REALLOCS = 1 << 22 };

static void scan_body(h2s_build *b, LLVMValueRef fn, body *out) {
  memset(out, 0, sizeof *out);
  h2s_loc c = h2s_vmap_get(b->grow->bodies, fn);
  if (c != H2S_NOLOC) {
    out->insts = (unsigned)(c & BODY_INSTS);
    out->frees = (c & BODY_FREES) != 0;
    out->reallocs = (c & BODY_REALLOCS) != 0;
    out->global = (c & BODY_GLOBAL) != 0;
    return;
  }
  /* Past the limit the count does not matter, once a realloc is seen. */
  uint64_t stop = b->opt->grow_inline;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn);
       bb && !(out->insts > stop && out->reallocs);
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (out->insts < BODY_INSTS)
        out->insts++;
      if (LLVMIsAStoreInst(i) &&
          LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(i, 0))) ==
              LLVMPointerTypeKind &&
          global_address(LLVMGetOperand(i, 1)))
        out->global = 1;
      if (out->reallocs || !h2s_is_call(i))
        continue;
      h2s_alloc a;
      h2s_classify(b, i, &a);
      out->frees |= a.kind == H2S_FREE || a.kind == H2S_REALLOC;
      out->reallocs = a.kind == H2S_REALLOC;
    }
  h2s_vmap_put(b->grow->bodies, fn,
               (h2s_loc)out->insts | (out->frees ? BODY_FREES : 0) |
                   (out->reallocs ? BODY_REALLOCS : 0) |
                   (out->global ? BODY_GLOBAL : 0));
}

/* Why the call to helper fn (whose body frees or reallocs) cannot be
 * inlined into site s's function, or NULL when it can. */
static const char *cannot_inline(h2s_build *b, const h2s_site *s,
                                 LLVMValueRef call, LLVMValueRef fn,
                                 const body *y, char *buf, size_t len) {
  unsigned insts = y->insts;
  unsigned optnone = LLVMGetEnumAttributeKindForName("optnone", 7);
  unsigned coro = LLVMGetEnumAttributeKindForName("presplitcoroutine", 17);
  unsigned idx = LLVMAttributeFunctionIndex;
  if (h2s_scc_index(b, fn) >= 0)
    return "it is on a call cycle with the allocating function";
  /* As LLVM's inliner: an ODR body (C++ inline functions) is as good as
   * any other copy; one that another definition may replace is not. */
  if (h2s_host_interposable(fn))
    return "its definition may be replaced at link time";
  if (LLVMGetEnumAttributeAtIndex(fn, idx, optnone) ||
      LLVMGetEnumAttributeAtIndex(fn, idx, coro))
    return "it is optnone or a coroutine";
  int rec = h2s_may_recurse(b->host, b->opt, fn);
  if (rec == H2S_RECURSIVE)
    return "it is recursive";
  /* The copy must not make the caller recurse where it did not, nor
   * bring promoted buffers into a frame that may recur. */
  if (rec > b->fi[s->fn].recursive)
    return "it may recurse where the allocating function does not";
  if (b->fi[s->fn].recursive && h2s_promoted_bytes(fn))
    return "it holds stack buffers and the allocating function may recurse";
  if (insts > b->opt->grow_inline) {
    snprintf(buf, len, "it is over grow-inline=%llu instructions",
             (unsigned long long)b->opt->grow_inline);
    return buf;
  }
  if (LLVMGetInstructionOpcode(call) != LLVMCall ||
      !h2s_host_inline_viable(fn) || !h2s_host_can_inline(call))
    return "LLVM cannot inline it";
  /* Not worth copying: what it keeps in a global escapes in any body. */
  if (y->global)
    return "it stores a pointer in a global";
  return NULL;
}

/* May `call` reach obj through its arguments (directly or through memory
 * they point to)? */
static int call_reaches(h2s_build *b, LLVMValueRef call, h2s_loc obj) {
  size_t n;
  h2s_loc *out = h2s_call_reach(b, call, &n);
  int hit = 0;
  for (size_t j = 0; j < n && !hit; j++)
    hit = out[j] == obj;
  free(out);
  return hit;
}

/* May one of the frees or reallocs v[0..n) in s's function receive s? */
static int meets_here(h2s_build *b, const h2s_site *s, const h2s_use *v,
                      size_t n) {
  for (size_t k = 0; k < n; k++)
    if (v[k].arg != H2S_NOLOC &&
        LLVMGetBasicBlockParent(LLVMGetInstructionParent(v[k].inst)) ==
            b->fns[s->fn] &&
        h2s_may_point_to(b->g, v[k].arg, s->obj))
      return 1;
  return 0;
}

/* Does `call` get obj's address itself as an argument? */
static int call_gets(h2s_build *b, LLVMValueRef call, h2s_loc obj) {
  unsigned nargs = LLVMGetNumArgOperands(call);
  for (unsigned i = 0; i < nargs; i++) {
    h2s_loc a = h2s_operand(b, LLVMGetOperand(call, i));
    if (a != H2S_NOLOC && h2s_may_point_to(b->g, a, obj))
      return 1;
  }
  return 0;
}

/* A Missed remark at the helper call: why it was not inlined. */
static void remark_not_inlined(h2s_build *b, const h2s_site *s,
                               LLVMValueRef call, const char *helper,
                               const char *why) {
  char size[32];
  snprintf(size, sizeof size, "%llu", (unsigned long long)s->size);
  h2s_rarg a[] = {
      {"Helper", helper, call, 0, 0},
      {"String", " not inlined to grow ", NULL, 0, 0},
      {"Callee", s->callee, NULL, 0, 0},
      {"String", "(", NULL, 0, 0},
      {"Size", size, NULL, 0, 0},
      {"String", ") on the stack: ", NULL, 0, 0},
      {"Reason", why, NULL, 0, 0}};
  h2s_host_remark(b->host, H2S_MISSED, "GrowthHelper", call, a,
                  sizeof a / sizeof a[0]);
}

/* Could site s start on the stack but for its escape? */
static int candidate(h2s_build *b, const h2s_site *s) {
  if (s->promote || !s->name || strcmp(s->name, "Escapes") != 0 ||
      s->wrapped || b->fi[s->fn].block || !s->size_known || s->size == 0 ||
      s->size > b->opt->max_size || s->align == 0 ||
      LLVMGetInstructionOpcode(s->call) != LLVMCall || !s->callee ||
      (strcmp(s->callee, "malloc") != 0 && strcmp(s->callee, "calloc") != 0))
    return 0;
  int rec = b->fi[s->fn].recursive;
  return !rec || s->size <= (rec == H2S_RECURSIVE ? b->opt->max_size_recursive
                                                  : b->opt->max_size_may_recurse);
}

/* The helper calls to inline for site s (into *out, at most cap), with
 * remarks for those that cannot be; returns how many. */
static size_t helpers_of(h2s_build *b, const h2s_site *s, LLVMValueRef *out,
                         size_t cap, int remarks, int *grows) {
  size_t n = 0;
  LLVMValueRef fn = b->fns[s->fn];
  /* Growth buffers only: a realloc that may receive the site, here or in
   * a helper. (A block only freed by a helper is a plain site: a free
   * wrapper, wrappers.c, or the heap.) */
  int freed = meets_here(b, s, b->frees, b->nfrees);
  *grows = meets_here(b, s, b->reallocs, b->nreallocs);
  /* The callee is judged first, reachability (a walk of the graph) only
   * for the calls that could matter. */
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!h2s_is_call(i))
        continue;
      LLVMValueRef callee = h2s_called_function(i);
      if (!callee || LLVMGetIntrinsicID(callee))
        continue;
      const char *name = fn_name(callee);
      if (LLVMIsDeclaration(callee)) {
        /* Not every call to code elsewhere: library functions are not
         * helpers, and one that gets the buffer itself is an ordinary
         * escape; one that gets the builder holding it may be a helper. */
        if (remarks && (freed || *grows) &&
            !h2s_host_is_library(b->host, i) && call_reaches(b, i, s->obj) &&
            !call_gets(b, i, s->obj))
          remark_not_inlined(b, s, i, name, "its body is not visible here");
        continue;
      }
      body y;
      scan_body(b, callee, &y);
      if (!y.frees || !call_reaches(b, i, s->obj))
        continue;
      *grows |= y.reallocs;
      char buf[96];
      const char *why = cannot_inline(b, s, i, callee, &y, buf, sizeof buf);
      if (!why && b->grow->second)
        why = "only one round of helpers is inlined";
      if (why) {
        if (remarks && *grows)
          remark_not_inlined(b, s, i, name, why);
        n = cap + 1; /* a helper that stays: the site cannot move */
        continue;
      }
      if (n < cap)
        out[n++] = i;
    }
  return n;
}

/* The second round: name the helpers in the remarks of their sites. */
static void annotate(h2s_build *b) {
  for (size_t i = 0; i < b->nsites; i++)
    for (size_t k = 0; k < b->grow->n; k++)
      if (b->grow->v[k].site == b->sites[i].call)
        b->sites[i].grown_by = b->grow->v[k].names;
}

#define MAX_HELPER_CALLS 16

int h2s_growinline_second(const h2s_growinline *gi) {
  return gi && gi->second;
}

/* Record that site s is analysed again with helper calls[0..n) inlined. */
static void record(h2s_growinline *gi, const h2s_site *s,
                   const LLVMValueRef *calls, size_t n) {
  H2S_RESERVE(gi->v, gi->cap, gi->n + 1, 4);
  grown *g = &gi->v[gi->n++];
  g->site = s->call;
  g->names[0] = 0;
  for (size_t k = 0; k < n; k++) {
    const char *name = fn_name(h2s_called_function(calls[k]));
    size_t used = strlen(g->names);
    if (!strstr(g->names, name))
      snprintf(g->names + used, sizeof g->names - used, "%s%s",
               used ? ", " : "", name);
  }
}

/* The first round: the sites whose helpers are worth inlining (found, all
 * inlinable, and the site no longer escapes in a trial analysis without
 * those calls), recorded, their calls gathered into todo (at most cap). */
static size_t choose(h2s_build *b, LLVMValueRef *todo, size_t cap) {
  LLVMValueRef(*calls)[MAX_HELPER_CALLS] =
      h2s_xcalloc(b->nsites + 1, sizeof *calls);
  size_t *ncalls = h2s_xcalloc(b->nsites + 1, sizeof *ncalls);
  LLVMValueRef *sites = h2s_xcalloc(b->nsites + 1, sizeof *sites);
  uint8_t *escapes = h2s_xcalloc(b->nsites + 1, 1);
  h2s_vmap *skip = h2s_vmap_new();
  size_t nsites = 0, ntodo = 0;
  for (size_t i = 0; i < b->nsites; i++) {
    h2s_site *s = &b->sites[i];
    if (!candidate(b, s))
      continue;
    int grows;
    size_t n = helpers_of(b, s, calls[i], MAX_HELPER_CALLS, 0, &grows);
    if (n == 0 || n > MAX_HELPER_CALLS || !grows)
      continue;
    ncalls[i] = n;
    sites[nsites++] = s->call;
    for (size_t k = 0; k < n; k++)
      h2s_vmap_put(skip, calls[i][k], 1);
  }
  /* Would the sites still escape if the helper calls did nothing? Then
   * their bodies cannot help (the site is returned, stored in a global,
   * passed to unknown code by the caller itself). */
  if (nsites)
    h2s_trial_escapes(b, skip, sites, nsites, escapes);
  for (size_t i = 0, j = 0; i < b->nsites && nsites; i++) {
    if (!ncalls[i] || escapes[j++])
      continue;
    record(b->grow, &b->sites[i], calls[i], ncalls[i]);
    for (size_t k = 0; k < ncalls[i]; k++) {
      size_t t = 0;
      while (t < ntodo && todo[t] != calls[i][k])
        t++;
      if (t == ntodo && ntodo < cap)
        todo[ntodo++] = calls[i][k];
    }
  }
  h2s_vmap_free(skip);
  free(escapes);
  free(sites);
  free(ncalls);
  free(calls);
  return ntodo;
}

int h2s_grow_helpers(h2s_build *b) {
  if (!b->grow || b->opt->grow_inline == 0)
    return 0;
  h2s_growinline *gi = b->grow;
  LLVMValueRef todo[MAX_HELPER_CALLS];
  size_t ntodo = gi->second ? 0 : choose(b, todo, MAX_HELPER_CALLS);
  if (!ntodo) {
    /* The round whose remarks are emitted: name the helpers inlined for
     * each site, and those that could not be. */
    if (gi->second)
      annotate(b);
    LLVMValueRef unused[MAX_HELPER_CALLS];
    int grows;
    for (size_t i = 0; i < b->nsites; i++)
      if (candidate(b, &b->sites[i]) &&
          h2s_host_remarks_enabled(b->host, b->fns[b->sites[i].fn],
                                   H2S_MISSED))
        helpers_of(b, &b->sites[i], unused, MAX_HELPER_CALLS, 1, &grows);
    return 0;
  }
  /* Checked inlinable above; a refusal changes nothing, and the second
   * round then finds the site as it was. */
  for (size_t k = 0; k < ntodo; k++) {
    LLVMValueRef caller =
        LLVMGetBasicBlockParent(LLVMGetInstructionParent(todo[k]));
    LLVMValueRef clone;
    if (h2s_host_inline(b->host, todo[k], NULL, &clone) == 0) {
      h2s_host_changed(b->host, caller);
      h2s_host_reanalyse(b->host, caller);
    }
  }
  gi->second = 1;
  return 1;
}
