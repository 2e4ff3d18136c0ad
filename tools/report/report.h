/* heap2stack-report: private header; lists each file's exports by section. */
#ifndef H2S_REPORT_H
#define H2S_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TOOL "heap2stack-report"

/* Exit statuses: bad input (remark files) and bad usage (command line). */
enum { EXIT_BAD_INPUT = 1, EXIT_BAD_USAGE = 2 };

/* ---- arena.c: memory ---------------------------------------------------- */

/* Every string and remark of one run lives in one arena, freed at exit. */
typedef struct chunk chunk;
typedef struct arena {
  chunk *head;
} arena;

void *arena_alloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
void arena_free(arena *a);

/* A growable, always NUL-terminated byte buffer (malloc'd; buf_free it). */
typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_clear(buf *b);
void buf_free(buf *b);

/* A growable array of pointers (malloc'd; vec_free it). */
typedef struct vec {
  void **v;
  size_t n, cap;
} vec;

void vec_push(vec *v, void *p);
/* Sorts v->v[from..n) (qsort, which must not see a NULL array). */
void vec_sort(vec *v, size_t from, int (*cmp)(const void *, const void *));
void vec_free(vec *v);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
/* Out of memory is fatal: print the one-line error and exit. */
void die_oom(void);

/* ---- model.c: remarks, filters, order ----------------------------------- */

enum kind { KIND_PASSED, KIND_MISSED, KIND_ANALYSIS, KIND_FAILURE, KIND_UNKNOWN };

/* A source location; file is NULL when the remark had no DebugLoc. */
typedef struct loc {
  const char *file;
  unsigned line, col;
} loc;

typedef struct arg {
  const char *key, *value;
  loc loc;
} arg;

typedef struct remark remark;
struct remark {
  enum kind kind;
  const char *pass, *name, *function;
  const char *message; /* the args' values, concatenated */
  /* The message without the inlined-at chain the pass appends to a call
   * inlined from elsewhere (" [in f: inlined g at a.c:1:2]", args Caller,
   * Inlined, InlinedAt), and that chain ("f: inlined g at a.c:1:2"), NULL
   * when the call was not inlined. Copies of one site share base. */
  const char *base, *inlined;
  loc loc;
  arg *args;
  unsigned nargs;
  /* Named args from the remark contract; NULL when absent. */
  const char *callee, *size, *reason, *target, *limit, *frees;
  size_t seq; /* input order, the last sort key */
  /* EscapeFlow remarks explaining this allocation (model.c links them). */
  remark *flow, *next_flow;
  remark *owner; /* for an EscapeFlow: the allocation it explains */
};

typedef struct filter {
  int all_passes, missed_only;
  vec functions; /* const char *, exact names; empty = all */
  vec files;     /* const char *, substrings of the file; empty = all */
} filter;

const char *kind_name(enum kind k);
/* Does a remark read from a file pass the pass/function/file filters? */
int filter_keep(const filter *f, const remark *r);
int is_h2s(const remark *r);
/* A Passed or Missed heap2stack remark about one allocation site. */
int is_alloc(const remark *r);
int is_flow(const remark *r);
/* Why a Missed allocation stays on the heap, in Go's words. */
const char *heap_reason(const remark *r);
/* Parse a decimal size; 0 with *ok = 0 when it is not a constant. */
uint64_t size_bytes(const char *s, int *ok);
/* Link flows to allocations, apply --missed-only, sort: the output order. */
void model_finish(vec *remarks, const filter *f);
void print_loc(FILE *out, const loc *l);

/* ---- read.c: remark files ----------------------------------------------- */

/* Reads `path` (a file, a directory searched recursively, or "-" for stdin)
 * and appends the remarks that pass `f` to `out`. Returns 0, or -1 with a
 * one-line message in err. */
int read_input(const char *path, const filter *f, arena *a, vec *out,
               size_t *seq, char *err, size_t errlen);
/* The same for the contents of one remark file already in memory (data[len]
 * must be readable and 0, as LLVM's YAML parser wants); `name` is used in
 * messages. For tests and the fuzzer. */
int read_buffer(const char *name, const char *data, size_t len,
                const filter *f, arena *a, vec *out, size_t *seq, char *err,
                size_t errlen);

/* ---- unquote.c: YAML scalars ------------------------------------------- */

/* The value of a YAML scalar that LLVM's YAML remark parser returned raw
 * (quotes and escapes still in): s itself, or a new string in a. */
const char *yaml_unquote(arena *a, const char *s);

/* ---- text.c / summary.c / json.c / sarif.c: output formats ------------- */

void write_text(FILE *out, const vec *remarks, int verbose);
void write_summary(FILE *out, const vec *remarks);
void write_json(FILE *out, const vec *remarks);
void write_sarif(FILE *out, const vec *remarks, const char *version);

/* json.c: a JSON string literal, escaped, with invalid UTF-8 replaced. */
void json_str(FILE *out, const char *s);
/* text.c: a Flow arg's value as "flow: a <- b", whatever whitespace or
 * prefix the pass put around it. */
void flow_text(buf *b, const char *value);
/* text.c: the lines of one EscapeFlow remark, as printed under its
 * allocation with -v ("    flow: ..." and "      from store at f:1:2"). */
void flow_lines(buf *b, const remark *flow);

#endif
