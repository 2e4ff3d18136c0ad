/* The remark model: what a remark says, the filters, and the output order. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

const char *kind_name(enum kind k) {
  switch (k) {
  case KIND_PASSED:
    return "passed";
  case KIND_MISSED:
    return "missed";
  case KIND_ANALYSIS:
    return "analysis";
  case KIND_FAILURE:
    return "failure";
  default:
    return "unknown";
  }
}

int is_h2s(const remark *r) { return strcmp(r->pass, "heap2stack") == 0; }

int is_alloc(const remark *r) {
  return is_h2s(r) && (r->kind == KIND_PASSED || r->kind == KIND_MISSED) &&
         r->callee;
}

int is_flow(const remark *r) {
  return is_h2s(r) && r->kind == KIND_ANALYSIS &&
         strcmp(r->name, "EscapeFlow") == 0;
}

int filter_keep(const filter *f, const remark *r) {
  if (!f->all_passes && !is_h2s(r))
    return 0;
  if (f->functions.n) {
    size_t i = 0;
    while (i < f->functions.n && strcmp(f->functions.v[i], r->function) != 0)
      i++;
    if (i == f->functions.n)
      return 0;
  }
  if (f->files.n) {
    if (!r->loc.file)
      return 0;
    size_t i = 0;
    while (i < f->files.n && !strstr(r->loc.file, f->files.v[i]))
      i++;
    if (i == f->files.n)
      return 0;
  }
  return 1;
}

/* Reasons for the Missed names of the remark contract, for remarks that
 * carry no Reason arg. */
static const char *const reason_of_name[][2] = {
    {"Escapes", "escapes"},
    {"TooLarge", "too large for stack"},
    {"NonConstantSize", "non-constant size"},
    {"AmbiguousFree", "ambiguous free"},
    {"Realloc", "realloc"},
    {"MustTail", "musttail call"},
    {"Budget", "stack budget exceeded"},
    {"Unsupported", "unsupported"},
};

const char *heap_reason(const remark *r) {
  if (r->reason && *r->reason)
    return r->reason;
  /* An unknown remark name: its message still says "...heap: why". */
  const char *p = strstr(r->message, "heap: ");
  if (p && p[6])
    return p + 6;
  for (size_t i = 0; i < sizeof reason_of_name / sizeof *reason_of_name; i++)
    if (strcmp(r->name, reason_of_name[i][0]) == 0)
      return reason_of_name[i][1];
  return r->name;
}

uint64_t size_bytes(const char *s, int *ok) {
  uint64_t v = 0;
  *ok = 0;
  if (!s || !*s)
    return 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
      return 0;
    v = v * 10 + (uint64_t)(*p - '0');
  }
  *ok = 1;
  return v;
}

void print_loc(FILE *out, const loc *l) {
  fprintf(out, "%s:%u:%u", l->file, l->line, l->col);
}

static int cmp_opt(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "");
}

static int cmp_unsigned(unsigned a, unsigned b) { return (a > b) - (a < b); }

/* The key that ties an EscapeFlow remark to the allocation it explains. */
static int cmp_site(const remark *a, const remark *b) {
  int c = strcmp(a->function, b->function);
  if (!c)
    c = (a->loc.file != NULL) - (b->loc.file != NULL);
  if (!c)
    c = cmp_opt(a->loc.file, b->loc.file);
  if (!c)
    c = cmp_unsigned(a->loc.line, b->loc.line);
  if (!c)
    c = cmp_unsigned(a->loc.col, b->loc.col);
  if (!c)
    c = cmp_opt(a->callee, b->callee);
  if (!c)
    c = cmp_opt(a->size, b->size);
  return c;
}

static int cmp_site_seq(const void *pa, const void *pb) {
  const remark *a = *(remark *const *)pa, *b = *(remark *const *)pb;
  int c = cmp_site(a, b);
  return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Output order: file, line, column, message; remarks without a location
 * last, by function. The input order breaks the remaining ties. */
static int cmp_place(const remark *a, const remark *b) {
  int c = (a->loc.file == NULL) - (b->loc.file == NULL);
  if (!c && a->loc.file) {
    c = strcmp(a->loc.file, b->loc.file);
    if (!c)
      c = cmp_unsigned(a->loc.line, b->loc.line);
    if (!c)
      c = cmp_unsigned(a->loc.col, b->loc.col);
  }
  if (!c && !a->loc.file)
    c = strcmp(a->function, b->function);
  /* copies of one site (inlined, or compiled in several units) are
   * neighbours: the text output prints them as one line */
  if (!c)
    c = strcmp(a->base, b->base);
  if (!c)
    c = (int)a->kind - (int)b->kind;
  if (!c)
    c = strcmp(a->message, b->message);
  if (!c)
    c = strcmp(a->function, b->function);
  if (!c)
    c = (a->seq > b->seq) - (a->seq < b->seq);
  return c;
}

/* A flow goes right after the allocation it explains. */
static int cmp_output(const void *pa, const void *pb) {
  const remark *a = *(remark *const *)pa, *b = *(remark *const *)pb;
  const remark *ka = a->owner ? a->owner : a, *kb = b->owner ? b->owner : b;
  int c = ka == kb ? 0 : cmp_place(ka, kb);
  if (!c)
    c = (a->owner != NULL) - (b->owner != NULL);
  if (!c)
    c = (a->seq > b->seq) - (a->seq < b->seq);
  return c;
}

static void add_flow(remark *alloc, remark *flow) {
  flow->owner = alloc;
  remark **tail = &alloc->flow;
  while (*tail)
    tail = &(*tail)->next_flow;
  *tail = flow;
}

/* Each flow goes to the first allocation with its site that has none yet
 * (one site can be compiled more than once), else to the first one. */
static void link_flows(vec *remarks) {
  vec allocs = {0};
  for (size_t i = 0; i < remarks->n; i++)
    if (is_alloc(remarks->v[i]))
      vec_push(&allocs, remarks->v[i]);
  vec_sort(&allocs, 0, cmp_site_seq);
  vec flows = {0};
  for (size_t i = 0; i < remarks->n; i++)
    if (is_flow(remarks->v[i]))
      vec_push(&flows, remarks->v[i]);
  vec_sort(&flows, 0, cmp_site_seq);
  for (size_t i = 0; i < flows.n; i++) {
    remark *f = flows.v[i];
    size_t lo = 0, hi = allocs.n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (cmp_site(allocs.v[mid], f) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == allocs.n || cmp_site(allocs.v[lo], f) != 0)
      continue; /* an orphan: printed on its own */
    size_t pick = lo;
    for (size_t j = lo; j < allocs.n && cmp_site(allocs.v[j], f) == 0; j++)
      if (!((remark *)allocs.v[j])->flow) {
        pick = j;
        break;
      }
    add_flow(allocs.v[pick], f);
  }
  vec_free(&flows);
  vec_free(&allocs);
}

static int keep_missed_only(const remark *r) {
  if (r->kind == KIND_MISSED)
    return 1;
  return r->owner && r->owner->kind == KIND_MISSED;
}

void model_finish(vec *remarks, const filter *f) {
  link_flows(remarks);
  if (f->missed_only) {
    size_t n = 0;
    for (size_t i = 0; i < remarks->n; i++)
      if (keep_missed_only(remarks->v[i]))
        remarks->v[n++] = remarks->v[i];
    remarks->n = n;
  }
  vec_sort(remarks, 0, cmp_output);
}
