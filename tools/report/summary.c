/* Summary output: allocations, promotions, bytes and heap reasons per file
 * and per function, then totals. */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define NO_FILE "<no location>"
#define TOP_REASONS 3

typedef struct reason_count {
  const char *reason;
  size_t n;
} reason_count;

typedef struct tally {
  size_t allocs, promoted;
  uint64_t bytes;
  reason_count *reasons;
  size_t nreasons, cap;
} tally;

static void tally_add(tally *t, const remark *r) {
  t->allocs++;
  if (r->kind == KIND_PASSED) {
    int ok;
    uint64_t n = size_bytes(r->size, &ok);
    /* a non-constant size moved as a small buffer ("when size <= K")
     * takes K bytes of stack */
    if (!ok)
      n = size_bytes(r->limit, &ok);
    t->promoted++;
    t->bytes += ok ? n : 0;
    return;
  }
  const char *why = heap_reason(r);
  for (size_t i = 0; i < t->nreasons; i++)
    if (strcmp(t->reasons[i].reason, why) == 0) {
      t->reasons[i].n++;
      return;
    }
  if (t->nreasons == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 8;
    t->reasons = xrealloc(t->reasons, t->cap * sizeof *t->reasons);
  }
  t->reasons[t->nreasons++] = (reason_count){why, 1};
}

static void tally_reset(tally *t) {
  free(t->reasons);
  memset(t, 0, sizeof *t);
}

static int cmp_reason(const void *pa, const void *pb) {
  const reason_count *a = pa, *b = pb;
  if (a->n != b->n)
    return a->n < b->n ? 1 : -1;
  return strcmp(a->reason, b->reason);
}

static const char *file_of(const remark *r) {
  return r->loc.file ? r->loc.file : NO_FILE;
}

/* Files by name, those without a location last; then functions by name. */
static int cmp_group(const void *pa, const void *pb) {
  const remark *a = *(remark *const *)pa, *b = *(remark *const *)pb;
  int c = (a->loc.file == NULL) - (b->loc.file == NULL);
  if (!c)
    c = strcmp(file_of(a), file_of(b));
  if (!c)
    c = strcmp(a->function, b->function);
  if (!c)
    c = (a->seq > b->seq) - (a->seq < b->seq);
  return c;
}

static void row(FILE *out, int width, const char *indent, const char *label,
                tally *t) {
  if (t->nreasons)
    qsort(t->reasons, t->nreasons, sizeof *t->reasons, cmp_reason);
  fprintf(out, "%s%-*s  %6zu  %8zu  %11" PRIu64, indent,
          width - (int)strlen(indent), label, t->allocs, t->promoted,
          t->bytes);
  for (size_t i = 0; i < t->nreasons && i < TOP_REASONS; i++)
    fprintf(out, "%s%s (%zu)", i ? ", " : "  ", t->reasons[i].reason,
            t->reasons[i].n);
  fputc('\n', out);
}

static int same_file(const remark *a, const remark *b) {
  return (a->loc.file == NULL) == (b->loc.file == NULL) &&
         strcmp(file_of(a), file_of(b)) == 0;
}

void write_summary(FILE *out, const vec *remarks) {
  vec allocs = {0};
  int width = (int)strlen("FILE / FUNCTION");
  for (size_t i = 0; i < remarks->n; i++) {
    const remark *r = remarks->v[i];
    if (!is_alloc(r))
      continue;
    vec_push(&allocs, remarks->v[i]);
    int w = (int)strlen(file_of(r));
    width = w > width ? w : width;
    w = 2 + (int)strlen(r->function);
    width = w > width ? w : width;
  }
  vec_sort(&allocs, 0, cmp_group);
  fprintf(out, "%-*s  %6s  %8s  %11s  %s\n", width, "FILE / FUNCTION",
          "ALLOCS", "PROMOTED", "STACK BYTES", "TOP HEAP REASONS");
  tally total = {0}, file = {0}, fn = {0};
  for (size_t i = 0; i < allocs.n;) {
    /* one file: its row first, then one row per function */
    size_t end = i;
    while (end < allocs.n && same_file(allocs.v[i], allocs.v[end]))
      tally_add(&file, allocs.v[end++]);
    row(out, width, "", file_of(allocs.v[i]), &file);
    tally_reset(&file);
    for (size_t j = i; j < end; j++) {
      const remark *r = allocs.v[j];
      tally_add(&fn, r);
      tally_add(&total, r);
      if (j + 1 == end ||
          strcmp(r->function, ((remark *)allocs.v[j + 1])->function) != 0) {
        row(out, width, "  ", r->function, &fn);
        tally_reset(&fn);
      }
    }
    i = end;
  }
  row(out, width, "", "total", &total);
  if (total.nreasons) {
    fputs("\nreasons for staying on the heap:\n", out);
    for (size_t i = 0; i < total.nreasons; i++)
      fprintf(out, "  %6zu  %s\n", total.reasons[i].n, total.reasons[i].reason);
  }
  tally_reset(&total);
  vec_free(&allocs);
}
