/* h2s.h: heap2stack's private interface between the pass files, listed by
 * file. The engine (graph/solve/points/leaks) is in heap2stack.h. */
#ifndef H2S_H
#define H2S_H

#include "heap2stack.h"
#include "engine/vec.h"
#include <llvm-c/Core.h>
#include <stddef.h>
#include <stdint.h>

/* ---- graph.c: allocation that dies loudly on exhaustion ---------------- */
void *h2s_xmalloc(size_t n);
void *h2s_xrealloc(void *p, size_t n);
void *h2s_xcalloc(size_t n, size_t size);
void h2s_die(const char *msg);

/* ---- options.c ---------------------------------------------------------- */
/* An allocator the user declared: alloc=NAME:size=I[:count=I][:zeroed]
 * [:align=N][:free=FREE[:ptr=I]]. */
#define H2S_MAX_USER_ALLOCS 8
#define H2S_MAX_GROW_INLINE 10000
#define H2S_MAX_NAME 64
typedef struct h2s_user_alloc {
  char name[H2S_MAX_NAME];
  char free_fn[H2S_MAX_NAME]; /* empty: collected, never freed */
  int free_ptr; /* which argument of free_fn is the block (default 0) */
  int size_arg, count_arg, zeroed;
  unsigned align;
} h2s_user_alloc;

typedef struct h2s_options {
  uint64_t max_size;           /* largest object moved (Go: 64 KiB) */
  uint64_t max_function_bytes; /* all objects moved in one function */
  uint64_t max_size_recursive; /* bytes moved into one frame of a function
                                  on a cycle of direct calls */
  uint64_t max_size_may_recurse; /* ... of one that may recurse only
                                    through code the pass cannot see */
  uint64_t max_path_bytes;     /* bytes moved along one call path */
  uint64_t small_buffer;       /* Go 1.25: n <= K ? stack : heap; 0: off */
  uint64_t unseen_recursion;   /* 1: calls to unknown code may recurse */
  uint64_t grow_inline;        /* growinline.c: largest helper (in
                                  instructions) copied to grow a buffer;
                                  0: off */
  h2s_user_alloc allocs[H2S_MAX_USER_ALLOCS];
  int nallocs;
} h2s_options;

void h2s_options_default(h2s_options *o);
/* Parse `key=value;key=value` (pipeline text such as max-size=4096) into o.
 * Returns 0, or -1 with a one-line message in err. */
int h2s_options_parse(h2s_options *o, const char *text, char *err,
                      size_t errlen);
/* The options as pipeline text (what -print-pipeline-passes shows); the
 * parser reads it back. Returns 0, or -1 when cap is too small. */
int h2s_options_format(const h2s_options *o, char *buf, size_t cap);

/* ---- shim.cpp: what the C core asks of LLVM ---------------------------- */
typedef struct h2s_host h2s_host;

enum h2s_remark_kind { H2S_PASSED, H2S_MISSED, H2S_ANALYSIS };

/* A named remark argument: a string, a number, or an LLVM value (whose
 * debug location the remark records). */
typedef struct h2s_rarg {
  const char *key;
  const char *str;
  LLVMValueRef val;
  long long num;
  int isnum;
} h2s_rarg;

/* Loop (cycle) depth of a block, from LLVM's CycleInfo; handles irreducible
 * control flow. */
int h2s_host_cycle_depth(h2s_host *h, LLVMBasicBlockRef bb);
/* Is bb an entry (header) of the innermost cycle that contains it? */
int h2s_host_cycle_entry(h2s_host *h, LLVMBasicBlockRef bb);
/* The scope (preorder interval, see h2s_loc_scope) of bb's innermost
 * cycle, or of its parent when outer_of_entry and bb is that cycle's entry;
 * [0, UINT32_MAX] outside loops. */
void h2s_host_cycle_scope(h2s_host *h, LLVMBasicBlockRef bb, int outer_of_entry,
                          uint32_t *lo, uint32_t *hi);
/* LLVM's Function::hasExactDefinition: the body here is the one that
 * runs (no weak/ODR replacement, no semantic interposition). */
int h2s_host_exact_definition(LLVMValueRef fn);
/* LLVM's GlobalValue::isInterposable: another definition may replace this
 * body or initializer (weak, linkonce without ODR, semantic
 * interposition); inlining such a function is then wrong (an ODR body may
 * be inlined: every copy is equivalent). */
int h2s_host_interposable(LLVMValueRef gv);
/* Start of an SCC's analysis: forget per-run caches. */
void h2s_host_begin(h2s_host *h);
/* Is any remark of `kind` from heap2stack wanted for fn? Analysis remarks
 * are the costly explanations: only built when this says so. */
int h2s_host_remarks_enabled(h2s_host *h, LLVMValueRef fn,
                             enum h2s_remark_kind kind);
void h2s_host_remark(h2s_host *h, enum h2s_remark_kind kind, const char *name,
                     LLVMValueRef at, const h2s_rarg *args, size_t nargs);
/* Drop pred's entries from dest's phis (LLVM-C has no way to). */
void h2s_host_remove_pred(LLVMBasicBlockRef dest, LLVMBasicBlockRef pred);
/* Library functions we model beyond their attributes, as TargetLibraryInfo
 * knows them (name, prototype, and availability on the target; none under
 * -fno-builtin). */
enum h2s_libfunc {
  H2S_LIB_NONE,
  H2S_LIB_PRINTF, /* printf family: variadic arguments as the format says */
  H2S_LIB_SCANF,  /* scanf family: variadic pointers are only written */
  H2S_LIB_QSORT,  /* qsort: elements go to the comparator */
};
enum h2s_libfunc h2s_host_libfunc(h2s_host *h, LLVMValueRef call);
/* Is the callee a library function TargetLibraryInfo knows (and that
 * therefore calls nothing of ours, unless handed a function)? */
int h2s_host_is_library(h2s_host *h, LLVMValueRef call);
/* Split inst's block before inst; returns the new block, which starts
 * with inst (the old one ends in a branch to it). */
LLVMBasicBlockRef h2s_host_split_before(LLVMValueRef inst);
/* The function changed: forget analyses cached for it. */
void h2s_host_changed(h2s_host *h, LLVMValueRef fn);
/* LLVM's getFreedOperand: the index of the argument a call frees, by
 * TargetLibraryInfo first and then by the allocptr attribute (as LLVM's own
 * passes decide it); -1 when LLVM does not see a free. */
int h2s_host_freed_arg(h2s_host *h, LLVMValueRef call);

/* ---- escape.c: the driver ----------------------------------------------- */

/* Edge tags: which IR construct made an edge (for reasons and -m=2). */
enum h2s_tag {
  TAG_NONE,
  TAG_ALLOC,    /* an allocation or alloca: p <- &O */
  TAG_COPY,     /* casts, gep, phi, select, aggregates, arithmetic */
  TAG_LOAD,     /* v <- p (+1) */
  TAG_STORE,    /* O <- v: a store, resolved through points-to */
  TAG_MEMCPY,   /* O <- s (+1) */
  TAG_RETURN,   /* result <- v */
  TAG_CALL,     /* argument of an unknown call */
  TAG_INDIRECT, /* argument of an indirect call or inline asm */
  TAG_MAYFREE,  /* argument of a callee that may free it */
  TAG_CONTENT,  /* contents read by a callee that does not capture */
  TAG_CALLRET,  /* result of a call: unknown memory, or a returned arg */
  TAG_UNKNOWN,  /* unknown memory: inttoptr, landingpad, globals */
  TAG_UNSUPPORTED, /* an instruction the analysis does not model */
  TAG_RULEU,    /* unknown code may have written this object */
  TAG_SUMMARY,  /* a summarised callee leaks this argument */
  TAG_PARAM,    /* argument to a parameter in the same SCC */
  TAG_FREE,     /* freed, and may be memory we do not own */
  TAG_EXPOSED,  /* address bits observed (expose.c) */
};

/* One allocation site. */
typedef struct h2s_site {
  LLVMValueRef call;
  h2s_loc obj;
  int fn;
  /* from alloc.c */
  const char *callee;
  uint64_t size;   /* valid when size_known */
  int size_known;
  unsigned align;  /* alignment the allocator guarantees; 0 if unknown */
  int zeroed;
  int size_arg, count_arg; /* to test a non-constant size at run time */
  /* decision */
  int promote;
  int small;          /* non-constant size: a K-byte buffer when n <= K */
  int growth;         /* realloc'd: starts on the stack (growth.c) */
  int head;           /* growth.c: a realloc(NULL-or-chain, n) site */
  int ret_heap;       /* growth.c: copied to the heap when returned */
  const char *name;   /* remark name when not promoted */
  const char *reason; /* why not */
  const char *target; /* e.g. the unknown callee */
  unsigned nfrees;
  const char *wrapped; /* a wrapper's site: the allocator inside (wrappers.c) */
  const char *grown_by; /* helpers inlined to analyse it (growinline.c) */
} h2s_site;

/* A call that frees or reallocates, or a tail/musttail call. */
typedef struct h2s_use {
  LLVMValueRef inst;
  h2s_loc arg; /* the freed pointer (frees); unused for calls */
  int site;    /* frees: the promoted site it frees, or -1; tail calls: 1
                  when `tail` must go */
  int direct;  /* frees: the argument is the allocation call itself */
  int unknown; /* frees: already sent to the heap as unknown memory */
  int ptr_arg; /* frees, reallocs: which argument is freed */
} h2s_use;

/* ---- vmap.c: LLVM value -> integer (H2S_NOLOC when absent) -------------- */
typedef struct h2s_vmap h2s_vmap;
h2s_vmap *h2s_vmap_new(void);
void h2s_vmap_free(h2s_vmap *m);
void h2s_vmap_put(h2s_vmap *m, LLVMValueRef k, h2s_loc v);
h2s_loc h2s_vmap_get(const h2s_vmap *m, LLVMValueRef k);

typedef struct h2s_wrappers h2s_wrappers; /* wrappers.c's cache */
typedef struct h2s_growinline h2s_growinline; /* growinline.c's rounds */
/* fields.c: a load or store at a known byte range of what `root` points
 * to, resolved once every body is built (DESIGN.md "Fields"). */
typedef struct h2s_access {
  LLVMValueRef inst; /* the load, store or call */
  LLVMValueRef root; /* an alloca, a call or a parameter */
  h2s_range r;       /* relative to root */
  h2s_loc ptr;       /* the pointer operand: the fallback's source */
  h2s_loc val;       /* load: the destination; store: the value */
  int store;
} h2s_access;
/* fields.c: a parameter's field view, a location standing for the
 * parameter that only loads of range r read through. */
typedef struct h2s_pview {
  h2s_loc param, view;
  h2s_range r;
  int reach; /* 1, 2: range r of objects reachable from param (reach.c) */
} h2s_pview;
/* fields.c: a store at a known range of an allocation's object, kept for
 * reach.c's check that every pointer stored in it points to a start. */
typedef struct h2s_fstore {
  h2s_loc obj, val;
  int start; /* val is the address of an allocation, at offset 0 */
} h2s_fstore;
/* reach.c: a caller's read of a callee's "f*" field path. */
typedef struct h2s_reach {
  LLVMValueRef call;
  LLVMValueRef root;     /* the argument's root at offset 0, or NULL */
  h2s_loc arg, t;        /* the argument; the value the path reads into */
  h2s_range r;
  h2s_loc *done;         /* objects read so far */
  size_t ndone, capdone;
  int failed;            /* fell back to t <- arg (+1) */
  int kind;              /* the path's reach: 1 with the pointee, 2 beyond */
} h2s_reach;

/* What the analysis knows of each function of the SCC. */
typedef struct h2s_fninfo {
  h2s_loc result;   /* the returned value */
  int nouts;        /* out-objects: result k (k >= 1) is what param */
  int outparam[H2S_MAX_RESULTS]; /* outparam[k] points to */
  int exact;        /* this definition is the one that runs */
  int recursive;    /* h2s_may_recurse's answer (0, H2S_MAY_RECURSE,
                       H2S_RECURSIVE) */
  const char *block; /* why nothing in it may move, or NULL */
} h2s_fninfo;

/* The state of one analysis: one SCC of functions. */
typedef struct h2s_build {
  h2s_graph *g;
  h2s_host *host;
  const h2s_options *opt;
  LLVMContextRef ctx;
  h2s_vmap *map;
  int fn;              /* index of the function being built */
  LLVMValueRef func;   /* ...and the function */
  h2s_loc result;      /* its result location */
  h2s_loc unknown;     /* a value pointing to globals (per function) */
  h2s_loc globals;     /* the storage of all globals: escapes, unknown
                          contents, but never freed */
  int explain;
  int scc_unknown;     /* one function at a time: callers' SCC not known */

  h2s_site *sites;
  size_t nsites, capsites;
  h2s_use *frees, *reallocs, *tails;
  size_t nfrees, nreallocs, ntails, capfrees, capreallocs, captails;
  LLVMValueRef *fns; /* the SCC */
  size_t nfns;
  h2s_fninfo *fi;    /* per function of the SCC */
  h2s_wrappers *wrappers; /* allocation wrappers judged so far */
  h2s_access *acc;   /* fields.c: accesses awaiting resolution */
  size_t nacc, capacc;
  h2s_pview *views;  /* fields.c: parameter field views */
  size_t nviews, capviews;
  h2s_fstore *fstores; /* fields.c: field stores into allocations */
  size_t nfstores, capfstores;
  h2s_reach *reaches;  /* reach.c: "f*" paths applied by callers */
  size_t nreaches, capreaches;
  signed char *readonly_fn; /* reach.c: per SCC function, -1 unknown */
  h2s_vmap *sitemap;   /* fields.c: allocation call -> its object */
  h2s_growinline *grow; /* growinline.c: helpers inlined between rounds */
  int quiet;           /* building's remarks were emitted by an earlier
                          round (growinline.c) */
  h2s_vmap *skip;      /* calls left out of the graph (growinline.c's
                          trial), or NULL */

  /* attribute kinds, looked up by name once */
  unsigned ak_allockind, ak_allocsize, ak_allocalign, ak_allocptr,
      ak_captures, ak_memory, ak_nofree, ak_byval, ak_returned, ak_nobuiltin,
      ak_builtin, ak_returns_twice, ak_align, ak_sret, ak_readnone,
      ak_readonly, ak_writeonly, ak_norecurse, ak_nocallback;
  unsigned id_memcpy, id_memmove, id_memcpy_inline, id_memset,
      id_memset_inline, id_lifetime_start, id_lifetime_end, id_vastart,
      id_vacopy, id_vaend;
} h2s_build;

/* Run on one SCC of functions (bottom-up order is the caller's job).
 * Returns the number of allocations moved to the stack. */
int h2s_run_scc(h2s_host *h, const h2s_options *o, LLVMValueRef *fns,
                size_t n);
/* Run on one function whose SCC is not known (the function pass). */
int h2s_run_function(h2s_host *h, const h2s_options *o, LLVMValueRef fn);

/* ---- scc.c: bottom-up order ---------------------------------------------- */
/* Run on every function of a module, callees before callers. */
int h2s_run_module(h2s_host *h, const h2s_options *o, LLVMModuleRef m);
/* The SCCs of direct calls (for the module run's order), every function
 * scanned at most once for all queries together. */
typedef struct h2s_cycles h2s_cycles;
h2s_cycles *h2s_cycles_new(void);
int h2s_cycles_query(h2s_cycles *c, LLVMValueRef fn);
void h2s_cycles_free(h2s_cycles *c);

/* ---- stack.c: may recurse, the inlining guard, call-path bytes --------- */
/* Answer "may recurse" for every function of m (LLVM's call-graph model
 * with a node for code outside the module) and publish it as attributes;
 * functions that may recurse get inline-max-stacksize=max-size-recursive. */
void h2s_recursion_publish(h2s_host *h, const h2s_options *o,
                           LLVMModuleRef m);
/* May fn recurse? 0: no; H2S_MAY_RECURSE: only through code outside the
 * module (or a pointer); H2S_RECURSIVE: on a cycle of direct calls. Reads
 * the published answer (publishes when missing). */
enum { H2S_MAY_RECURSE = 1, H2S_RECURSIVE = 2 };
/* Why fn may recurse, in words, for its Missed remarks: "f calls itself",
 * "f is on a call cycle through g", "through code outside the module: f
 * calls qsort, which may call back; g's address is taken". Recomputes the
 * module's call graph: call it only when such a remark is emitted. */
void h2s_recursion_why(h2s_host *h, const h2s_options *o, LLVMValueRef fn,
                       char *out, size_t len);
int h2s_may_recurse(h2s_host *h, const h2s_options *o, LLVMValueRef fn);
/* Tag a promoted alloca, so that callers count it after inlining. */
void h2s_mark_promoted(LLVMValueRef slot);
/* Promoted bytes (size plus alignment) in fn's frame, inlined ones too. */
uint64_t h2s_promoted_bytes(LLVMValueRef fn);
/* The most promoted bytes on a path of direct calls below fn, through
 * callees outside scc[0..n); a callee not analysed yet counts `unknown`. */
uint64_t h2s_callee_path_bytes(LLVMValueRef fn, LLVMValueRef *scc, size_t n,
                               uint64_t unknown);
/* Publish the most promoted bytes on any call path starting at fn. */
void h2s_publish_path(LLVMValueRef fn, uint64_t bytes);

/* ---- summary.c: parameter summaries (Go's esc tags) --------------------- */
/* The name of the string attributes that carry summaries. */
#define H2S_ATTR_SUMMARY "heap2stack.summary"
#define H2S_ATTR_LEAKS "heap2stack.leaks"
#define H2S_ATTR_OUT "heap2stack.out"
#define H2S_ATTR_RET "heap2stack.ret"
/* Index of fn in the SCC being analysed, or -1. */
int h2s_scc_index(h2s_build *b, LLVMValueRef fn);
/* Can summaries of fn be trusted (its definition is the one that runs)? */
int h2s_exact_definition(LLVMValueRef fn);
/* Parameter and result locations of every function of the SCC, with
 * out-objects for pointer parameters. Before any body is built. */
void h2s_declare_function(h2s_build *b, int i);
/* Edges of a call to a function of the same SCC. */
void h2s_call_in_scc(h2s_build *b, LLVMValueRef call, int callee);
/* Edges of a call to a function with a published summary; 0 if it has
 * none. */
int h2s_call_summarised(h2s_build *b, LLVMValueRef call, LLVMValueRef fn);
/* Publish summaries of the SCC's exact functions, with remarks. */
void h2s_publish_summaries(h2s_build *b);

/* ---- attrs.c: standard attributes published (issue 14, class 2) -------- */
/* Give parameter idx of fn (value p, leaks lk) the captures attribute
 * LLVM's capture semantics imply, where the graph agrees (see attrs.c). */
void h2s_publish_captures(h2s_build *b, LLVMValueRef fn, unsigned idx,
                          LLVMValueRef p, const h2s_leaks *lk);

/* ---- shim.cpp: LLVM's MemoryEffects and CaptureInfo, decoded ----------- */
/* What a call may do to memory (CallBase::getMemoryEffects: call site,
 * callee and operand bundles together). */
typedef struct h2s_memory {
  int none;    /* touches no memory at all */
  int arg_ref; /* may read through its pointer arguments */
  int arg_mod; /* may write through its pointer arguments */
  int any_mod; /* may write some memory (so may free) */
  int errno_only; /* touches no memory but errno */
} h2s_memory;
void h2s_host_call_memory(LLVMValueRef call, h2s_memory *out);
/* How a call may capture argument i (CallBase::getCaptureInfo), beyond
 * comparing it with null (address_is_null, which reveals nothing usable). */
typedef struct h2s_captures {
  int other; /* captured other than through the return value */
  int ret;   /* the return value may carry it */
} h2s_captures;
void h2s_host_call_captures(LLVMValueRef call, unsigned i, h2s_captures *out);

/* What LLVM's CaptureTracking says of a pointer's uses in its function.
 * Stores of the pointer itself are listed rather than counted, so that
 * attrs.c can apply its one rule beyond LLVM to them. */
#define H2S_SCAN_STORES 8
typedef struct h2s_capture_scan {
  unsigned other_cc, ret_cc; /* LLVM's components, decoded only by the shim */
  int other;    /* captured beyond comparing with null, not counting the
                   listed stores or the return */
  int ret;      /* captured by the return value */
  int too_many; /* too many uses, or stores, to list: treat as captured */
  LLVMValueRef stores[H2S_SCAN_STORES];
  unsigned nstores;
} h2s_capture_scan;
void h2s_host_scan_captures(LLVMValueRef v, h2s_capture_scan *out);
/* Give parameter idx of fn captures(<other>, ret: <ret>) from the scan
 * (other: at most address_is_null), intersected with what it has. */
void h2s_host_publish_captures(LLVMValueRef fn, unsigned idx,
                               const h2s_capture_scan *scan);

/* ---- summary.c, stamp.c: summary validity (issue 14, class 4) ----------- */
/* Drop every summary mark of fn (an earlier run's, now unverifiable). */
void h2s_forget_summary(LLVMValueRef fn);
/* Record, for each summarised function of the SCC, the stamp of its
 * interface as it is now (after the rewrite): "heap2stack.summary"="<hex>". */
void h2s_stamp_summaries(h2s_build *b);
/* Does fn carry a summary computed for its current interface (exact, not
 * naked, stamp equal to its fingerprint)? */
int h2s_summary_valid(h2s_build *b, LLVMValueRef fn);
/* The one reader of "heap2stack.leaks": parameter idx's leaks, when fn's
 * summary is valid and the tag parses. Returns 0, or -1 (then the callee is
 * judged by its attributes). */
int h2s_read_param_leaks(h2s_build *b, LLVMValueRef fn, unsigned idx,
                         h2s_leaks *out);
/* stamp.c: a hash of the interface a summary of fn speaks of: return
 * type, varargs, each parameter's type and whether the body uses it (the
 * same after a bitcode round trip). */
uint64_t h2s_fingerprint(LLVMValueRef fn);
/* shim.cpp: h2s_fingerprint memoised for the pass run, forgotten when the
 * run changes the function (h2s_host_changed). */
uint64_t h2s_host_fingerprint(h2s_host *h, LLVMValueRef fn);

/* Can the constant hold an address (a global, a constant expression, an
 * aggregate with one)? Not plain numbers, null, undef, poison or data. */
int h2s_constant_has_address(LLVMValueRef v);
/* The location of an operand: its own, or for constants that hold an
 * address (globals, constant expressions) a value pointing to unknown
 * memory; H2S_NOLOC for values that carry no pointer. */
h2s_loc h2s_operand(h2s_build *b, LLVMValueRef v);
/* The location of an instruction's own value (H2S_NOLOC if none). */
h2s_loc h2s_value(h2s_build *b, LLVMValueRef v);
/* A new location for `v` (an instruction or argument) in the current
 * function, at the loop depth of its block. */
h2s_loc h2s_new_value(h2s_build *b, LLVMValueRef v, enum h2s_lockind kind);
int h2s_block_depth(h2s_build *b, LLVMBasicBlockRef bb);
/* A new location at the loop depth and scope of bb (for values, objects,
 * temporaries); `header_phi`: one loop out when bb is a loop entry. */
h2s_loc h2s_new_at(h2s_build *b, enum h2s_lockind kind, LLVMBasicBlockRef bb,
                   int header_phi, void *payload);
/* Edge helpers that accept H2S_NOLOC (then they do nothing). */
void h2s_flow(h2s_build *b, h2s_loc dst, h2s_loc src, int derefs, int tag,
              LLVMValueRef why);
/* A store through ptr (resolved by the engine through points-to), which
 * also feeds Go's mutator. */
void h2s_add_store(h2s_build *b, h2s_loc ptr, h2s_loc val, int derefs,
                   int tag, LLVMValueRef inst);
/* Record frees/reallocs/tail calls. */
void h2s_add_use(h2s_build *b, h2s_use **v, size_t *n, size_t *cap,
                 LLVMValueRef inst, h2s_loc arg);
/* Does the type (or an element of it) carry data that may hold a pointer?
 * Everything but void, labels, tokens, metadata and i1. */
int h2s_carries(LLVMTypeRef t);

/* ---- values.c: values, casts, phis, aggregates ------------------------- */
/* Add the edges of one instruction (dispatches to memory.c and calls.c). */
void h2s_visit(h2s_build *b, LLVMValueRef inst);

/* ---- expose.c: address exposure (PNVI-ae) ------------------------------ */
/* The objects v may carry escape: their address bits are observed. */
void h2s_expose(h2s_build *b, LLVMValueRef v, LLVMValueRef inst);
void h2s_visit_ptrtoint(h2s_build *b, LLVMValueRef inst);
void h2s_visit_icmp(h2s_build *b, LLVMValueRef inst);
void h2s_visit_gep(h2s_build *b, LLVMValueRef inst);

/* ---- format.c: printf formats ----------------------------------------- */
enum { H2S_FMT_NUMBER = 'd', H2S_FMT_STRING = 's', H2S_FMT_POINTER = 'p',
       H2S_FMT_WRITE = 'n' };
/* What a printf-family call does with each variadic argument, from the
 * literal format `fmt` (a constant string global): kinds[k] is one of
 * H2S_FMT_*. Returns the number of arguments the format takes, or -1 when
 * the format is not a literal or not understood (assume the worst). */
int h2s_printf_args(LLVMValueRef fmt, char *kinds, int max);

/* ---- fields.c: field-sensitive loads and stores (DESIGN.md "Fields") --- */
/* A load (store = 0: val is its location) or store (val is the stored
 * value) through `ptr` of `size` bytes: recorded and 1 when ptr is a
 * constant-offset (or element-strided) address of an alloca, a call or a
 * parameter; 0 when the caller must add the field-insensitive edges. */
int h2s_field_access(h2s_build *b, LLVMValueRef inst, LLVMValueRef ptr,
                     LLVMTypeRef type, h2s_loc val, int store);
/* Like a load of `f` (relative to ptr) into dst, for a summary's field path;
 * falls back to dst <- ptr (1). */
void h2s_field_summary_read(h2s_build *b, LLVMValueRef call, LLVMValueRef ptr,
                            const h2s_field_leak *f, h2s_loc dst);
/* Turn the recorded accesses into edges (after every body is built). */
void h2s_resolve_fields(h2s_build *b);
/* Add the leaks of param's field views to *lk: field paths to result 0,
 * everything else folded into the parameter's own leaks. */
void h2s_field_param_leaks(h2s_build *b, h2s_loc param, h2s_leaks *lk);
/* The root and range of `ptr` (size bytes): a getelementptr chain from an
 * alloca, call, parameter, load, phi or select. 0 when there is none. */
int h2s_locate(h2s_build *b, LLVMValueRef ptr, uint64_t size,
               LLVMValueRef *root, h2s_range *r);
/* The object an allocation root (alloca or allocation site) points to,
 * exactly; H2S_NOLOC for any other root. */
h2s_loc h2s_root_object(h2s_build *b, LLVMValueRef root);
/* The view of parameter `root` for range r (reach: of every object
 * reachable from it), or H2S_NOLOC when it may not have one. */
h2s_loc h2s_param_view(h2s_build *b, LLVMValueRef root, h2s_range r,
                       int reach);

/* ---- reach.c: field paths through pointers a callee follows ------------ */
/* The reach view for a load at range r from `root`, a pointer the callee
 * got by following pointers from a parameter's pointee (loads, phis,
 * selects) in a function that writes no memory; H2S_NOLOC otherwise. */
h2s_loc h2s_reach_view(h2s_build *b, LLVMValueRef root, h2s_range r);
/* A caller applying an "f*" path: dst reads range f of every object
 * reachable from argument `arg`, checked after each points-to solve. */
void h2s_reach_read(h2s_build *b, LLVMValueRef call, LLVMValueRef arg,
                    const h2s_field_leak *f, h2s_loc dst);
/* Check and extend the reach reads; nonzero when an edge was added. */
int h2s_resolve_reach(h2s_build *b);

/* ---- memory.c: loads, stores, memcpy, atomics, Rule U ------------------- */
void h2s_visit_memory(h2s_build *b, LLVMValueRef inst, LLVMOpcode op);
/* Send frees of memory we may not own to the heap. Returns nonzero when an
 * edge was added. */
int h2s_resolve_frees(h2s_build *b);
/* Rule U: escaping objects may hold unknown pointers. Returns nonzero when
 * an edge was added. */
int h2s_rule_u(h2s_build *b);

/* ---- alloc.c: allocator families ---------------------------------------- */
enum h2s_allockind { H2S_NOT_ALLOC, H2S_ALLOC, H2S_FREE, H2S_REALLOC };
typedef struct h2s_alloc {
  enum h2s_allockind kind;
  const char *name;  /* the callee's name */
  int size_arg, count_arg; /* argument indices, -1 when absent */
  int align_arg;     /* allocalign argument, -1 when absent */
  int ptr_arg;       /* freed/reallocated pointer argument */
  unsigned min_align;
  int zeroed;
  int standard;      /* named in the C or C++ standard (or Boehm's API) */
} h2s_alloc;
/* Classify a call by allocator attributes, then by name. */
void h2s_classify(h2s_build *b, LLVMValueRef call, h2s_alloc *out);
/* Edges for the arguments of an allocator call (allocation, free, realloc)
 * other than its size, count, alignment and block: the allocator's code
 * gets them like an unknown function. */
void h2s_allocator_args(h2s_build *b, LLVMValueRef call, const h2s_alloc *a);
/* May the free or realloc `freer` give back obj as a block of its own? No
 * when one of them is a declared allocator (alloc=) and the other is not
 * its declared pair: a user free handed malloc's block (or malloc's free a
 * user block) does what we cannot see with it. */
int h2s_free_takes(h2s_build *b, LLVMValueRef freer, h2s_loc obj);

/* ---- calls.c: calls, intrinsics, attributes ----------------------------- */
void h2s_visit_call(h2s_build *b, LLVMValueRef call);
/* Attribute queries that look at the call site and then the callee. */
int h2s_call_has_fnattr(h2s_build *b, LLVMValueRef call, unsigned kind);
LLVMAttributeRef h2s_call_attr(h2s_build *b, LLVMValueRef call, int idx,
                               unsigned kind);
LLVMValueRef h2s_called_function(LLVMValueRef call);
int h2s_is_call(LLVMValueRef inst);

/* ---- wrappers.c, wrapinline.c, wrapsize.c: allocation wrappers --------- */
/* A function whose body only hands out one allocator's fresh block (or
 * only frees its argument with one free), and what a call to it is: `a`
 * with the argument indices of the wrapper's parameters and the wrapper's
 * name. */
typedef struct h2s_wrapper {
  enum h2s_allockind kind; /* H2S_ALLOC or H2S_FREE; H2S_NOT_ALLOC: none */
  LLVMValueRef inner;      /* the allocator (free) call in the body */
  const char *inner_name;  /* ...and its callee's name */
  h2s_alloc a;
  /* The inner allocator's size, count and alignment when they are
   * constants or expressions in the body (a's index is then -1). */
  LLVMValueRef size_c, count_c, align_c;
  LLVMValueRef fn; /* the wrapper */
} h2s_wrapper;
/* fn as a wrapper, judged once per analysis; NULL when it is not one
 * (or is a declaration, or in the SCC being analysed). */
const h2s_wrapper *h2s_wrapper_of(h2s_build *b, LLVMValueRef fn);
void h2s_wrappers_free(h2s_wrappers *c);
/* The callee of a call, or of the allocator or free inside the wrapper it
 * calls (for family checks). */
LLVMValueRef h2s_unwrap_callee(h2s_build *b, LLVMValueRef call);
/* wrapinline.c: before the rewrite, inline the wrappers at promoted sites and at the
 * frees paired with them; sites and frees then name the inner calls.
 * Sites whose wrapper LLVM will not inline stay on the heap. Returns
 * nonzero when something was inlined. */
int h2s_wrappers_inline(h2s_build *b);
/* wrapinline.c: a Missed remark for a call to a declaration that looks
 * like an allocation wrapper whose body is elsewhere (another file, no
 * LTO). */
void h2s_wrapper_unseen(h2s_build *b, LLVMValueRef call, LLVMValueRef fn);
/* wrapsize.c: v, an integer in wrapper fn's body computed from its
 * parameters and constants: with call NULL, is it one (out unused)? With a
 * call to fn, its value there in *out; 0 when not a constant. */
int h2s_wrapper_eval(LLVMValueRef fn, LLVMValueRef call, LLVMValueRef v,
                     uint64_t *out);
/* shim.cpp: LLVM's isInlineViable for fn. */
int h2s_host_inline_viable(LLVMValueRef fn);
/* shim.cpp: could InlineFunction inline this call (CanInlineCallSite)? */
int h2s_host_can_inline(LLVMValueRef call);
/* shim.cpp: inline the callee of `call` (InlineFunction); *clone receives
 * the copy of `inner` (a call in the callee, or NULL: none is followed),
 * or NULL when inlining pruned it. Calls that use the copy lose `tail`. Returns 0, or -1 when LLVM
 * refused (nothing changed). */
int h2s_host_inline(h2s_host *h, LLVMValueRef call, LLVMValueRef inner,
                    LLVMValueRef *clone);

/* ---- rewrite.c: the rewrite --------------------------------------------- */
/* The objects `call` may receive through its arguments, directly or
 * through memory they point to (malloc'd; *n receives the count). */
h2s_loc *h2s_call_reach(h2s_build *b, LLVMValueRef call, size_t *n);
/* Decide which sites can move (size, alignment, frees, tail calls). */
void h2s_decide(h2s_build *b);
/* Move the promoted sites to the stack. */
void h2s_rewrite(h2s_build *b);

/* ---- growth.c, growrw.c: growth buffers (issue 17) -------------------- */
/* Add a site for each realloc that starts a chain of its own (a block that
 * is null or of its own chain: realloc(NULL, n) first). Before h2s_decide
 * maps objects to sites. */
void h2s_growth_heads(h2s_build *b);
/* Per site: growth[i], it can start on the stack and move to the heap when
 * grown; ret_heap[i], it also moves to the heap when returned; why[i], why
 * a realloc that receives it cannot grow it. */
void h2s_growth_decide(h2s_build *b, int *growth, uint8_t *ret_heap,
                       const char **why);
/* Pair reallocs and frees with the promoted growth sites they may receive. */
void h2s_growth_pair(h2s_build *b);
/* growrw.c: move growth site s into the entry-block buffer `slot`. */
void h2s_growth_rewrite(h2s_build *b, LLVMBuilderRef B, const h2s_site *s,
                        LLVMValueRef slot);

/* ---- growinline.c: growth across helpers (issue 17) -------------------- */
/* Two rounds of analysis of one SCC: the first may inline helpers, the
 * second analyses the new bodies and inlines nothing. */
h2s_growinline *h2s_growinline_new(void);
void h2s_growinline_free(h2s_growinline *gi);
/* After h2s_decide. First round: inline the helpers that free or realloc
 * the chain of a growth candidate that escapes only through them; nonzero
 * when something was inlined (then the SCC is analysed again). Second
 * round: name the inlined helpers in the sites' remarks. Both: a Missed
 * remark for a helper that could not be inlined. */
int h2s_grow_helpers(h2s_build *b);
/* Is this the second round (nothing more is inlined)? */
int h2s_growinline_second(const h2s_growinline *gi);
/* escape.c: analyse b's SCC once more with the calls in `skip` left out
 * (nothing in the IR changes, no remark, no summary), and say for each
 * allocation call calls[k] whether its object escapes then. */
void h2s_trial_escapes(h2s_build *b, h2s_vmap *skip, const LLVMValueRef *calls,
                       size_t n, uint8_t *escapes);
/* shim.cpp: forget every analysis cached for fn (its body changed before
 * it is analysed again). */
void h2s_host_reanalyse(h2s_host *h, LLVMValueRef fn);

/* ---- unread.c: allocations nothing reads (issue 17) ------------------- */
/* Per site: unread[i], nothing reads it and LLVM deletes it as it is. */
void h2s_unread_sites(h2s_build *b, uint8_t *unread);

/* ---- remarks.c: remark texts -------------------------------------------- */
void h2s_remark_site(h2s_build *b, const h2s_site *s);
/* Reason text for an escaping site (Go's words), and the unknown callee. */
void h2s_escape_words(h2s_build *b, h2s_loc obj, const char **reason,
                      const char **target);

#endif
