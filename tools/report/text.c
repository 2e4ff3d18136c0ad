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
    /* Go prints a parameter summary as the bare sentence */
    const char *summary = NULL;
    for (unsigned j = 0; j < r->nargs && is_h2s(r); j++)
      if (strcmp(r->name, "ParamLeak") == 0 &&
          strcmp(r->args[j].key, "Summary") == 0 && *r->args[j].value)
        summary = r->args[j].value;
    fputs(summary ? summary : r->message, out);
    if (!is_h2s(r))
      fprintf(out, " [%s]", r->pass);
    fputc('\n', out);
    if (!verbose)
      continue;
    for (const remark *f = r->flow; f; f = f->next_flow) {
      buf_clear(&b);
      flow_lines(&b, f);
      fputs(b.p ? b.p : "", out);
    }
  }
  buf_free(&b);
}
