/* Text output in the style of `go build -gcflags=-m` (-m=2 with -v). */
#include "report.h"

#include <string.h>

void flow_text(buf *b, const char *value) {
  /* The pass may lay the flow out for -Rpass ("\n  flow: ..."). */
  while (*value && strchr(" \t\r\n", *value))
    value++;
  size_t n = strlen(value);
  while (n && strchr(" \t\r\n", value[n - 1]))
    n--;
  if (strncmp(value, "flow:", 5) != 0)
    buf_puts(b, "flow: ");
  buf_add(b, value, n);
}

void flow_lines(buf *b, const remark *flow) {
  char num[64];
  for (unsigned i = 0; i < flow->nargs; i++) {
    const arg *g = &flow->args[i];
    if (strcmp(g->key, "Flow") == 0) {
      buf_puts(b, "    ");
      flow_text(b, g->value);
      buf_puts(b, "\n");
    } else if (strcmp(g->key, "Step") == 0) {
      buf_puts(b, "      from ");
      buf_puts(b, g->value);
      if (g->loc.file) {
        buf_puts(b, " at ");
        buf_puts(b, g->loc.file);
        snprintf(num, sizeof num, ":%u:%u", g->loc.line, g->loc.col);
        buf_puts(b, num);
      }
      buf_puts(b, "\n");
    }
  }
}

static void print_head(FILE *out, const remark *r) {
  if (r->loc.file)
    print_loc(out, &r->loc);
  else
    fputs(r->function, out);
  fputs(": ", out);
}

/* Is q another copy of allocation r: the same source site and outcome,
 * inlined into another function or compiled in another unit? Sites
 * without a location are never merged (they may differ). */
static int same_site(const remark *r, const remark *q) {
  return !q->owner && is_alloc(q) && q->kind == r->kind && q->loc.file &&
         strcmp(q->loc.file, r->loc.file) == 0 && q->loc.line == r->loc.line &&
         q->loc.col == r->loc.col && strcmp(q->base, r->base) == 0;
}

/* Has v[from..j) a copy (not a flow) for which same(copy, v[j])? */
static int named_before(const vec *v, size_t from, size_t j,
                        int (*same)(const remark *, const remark *)) {
  for (size_t k = from; k < j; k++)
    if (!((remark *)v->v[k])->owner && same(v->v[k], v->v[j]))
      return 1;
  return 0;
}

static int same_function(const remark *a, const remark *b) {
  return strcmp(a->function, b->function) == 0;
}

static int same_place(const remark *a, const remark *b) {
  return same_function(a, b) &&
         strcmp(a->inlined ? a->inlined : "", b->inlined ? b->inlined : "") == 0;
}

/* Where the copies v[from..to) are. Default: " (379 copies, in f, g, h and
 * 12 more)", each function once. With -v: " (379 copies)" and then one
 * line per place, with its inlined-at chain. */
static void copies_note(FILE *out, const vec *v, size_t from, size_t to,
                        size_t n, int verbose) {
  enum { SHOWN = 3 };
  if (verbose) {
    fprintf(out, " (%zu copies)", n);
    for (size_t j = from; j < to; j++) {
      const remark *q = v->v[j];
      if (q->owner || named_before(v, from, j, same_place))
        continue;
      fprintf(out, "\n    in %s", q->inlined ? q->inlined : q->function);
    }
    return;
  }
  size_t distinct = 0;
  fprintf(out, " (%zu copies, in", n);
  for (size_t j = from; j < to; j++) {
    const remark *q = v->v[j];
    if (q->owner || named_before(v, from, j, same_function))
      continue;
    if (distinct < SHOWN)
      fprintf(out, "%s %s", distinct ? "," : "", q->function);
    distinct++;
  }
  if (distinct > SHOWN)
    fprintf(out, " and %zu more", distinct - SHOWN);
  fputc(')', out);
}

void write_text(FILE *out, const vec *remarks, int verbose) {
  buf b = {0};
  for (size_t i = 0; i < remarks->n; i++) {
    const remark *r = remarks->v[i];
    if (r->owner)
      continue; /* printed under its allocation */
    if (r->kind == KIND_ANALYSIS && !verbose)
      continue;
    print_head(out, r);
    if (is_flow(r)) {
      /* no allocation remark to hang it under */
      fprintf(out, "%s(%s) escape flow:\n", r->callee ? r->callee : "?",
              r->size ? r->size : "?");
      buf_clear(&b);
      flow_lines(&b, r);
      fputs(b.p ? b.p : "", out);
      continue;
    }
    /* copies of one site (sorted next to each other, each followed by its
     * flows) print as one line with a count */
    size_t end = i + 1, copies = 1;
    if (is_alloc(r) && r->loc.file)
      for (size_t j = i + 1; j < remarks->n; j++) {
        const remark *q = remarks->v[j];
        if (q->owner)
          continue;
        if (!same_site(r, q))
          break;
        copies++;
        end = j + 1;
      }
    /* Go prints a parameter summary as the bare sentence */
    const char *summary = NULL;
    for (unsigned j = 0; j < r->nargs && is_h2s(r); j++)
      if (strcmp(r->name, "ParamLeak") == 0 &&
          strcmp(r->args[j].key, "Summary") == 0 && *r->args[j].value)
        summary = r->args[j].value;
    if (copies > 1) {
      fputs(r->base, out);
      copies_note(out, remarks, i, end, copies, verbose);
    } else {
      fputs(summary ? summary : r->message, out);
    }
    if (!is_h2s(r))
      fprintf(out, " [%s]", r->pass);
    fputc('\n', out);
    /* the flows of the first copy stand for all of them */
    if (verbose)
      for (const remark *f = r->flow; f; f = f->next_flow) {
        buf_clear(&b);
        flow_lines(&b, f);
        fputs(b.p ? b.p : "", out);
      }
    /* skip the other copies and their flows (owned: never printed here) */
    i = end - 1;
  }
  buf_free(&b);
}
