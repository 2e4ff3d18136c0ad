/* SARIF 2.1.0 output: a rule per heap reason, a result per allocation left
 * on the heap, with its location and its escape flow. */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct rule {
  char *id; /* the reason as a slug: "passed-to-unknown-function" */
  const char *reason, *name;
  int escapes; /* "escapes to heap" rather than "stays on heap" */
} rule;

static int is_result(const remark *r) {
  return is_alloc(r) && r->kind == KIND_MISSED;
}

static char *slug(const char *s) {
  char *out = xmalloc(strlen(s) + 8), *o = out;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (isalnum(*p) && *p < 0x80)
      *o++ = (char)tolower(*p);
    else if (o > out && o[-1] != '-')
      *o++ = '-';
  }
  while (o > out && o[-1] == '-')
    o--;
  if (o == out)
    o += sprintf(out, "unknown");
  *o = '\0';
  return out;
}

static int cmp_rule(const void *pa, const void *pb) {
  return strcmp(((const rule *)pa)->id, ((const rule *)pb)->id);
}

static size_t find_rule(const rule *rules, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(rules[i].id, id) == 0)
      return i;
  return n;
}

/* A file path as a URI reference: absolute paths become file:// URIs. */
static void write_uri(FILE *out, const char *path) {
  buf b = {0};
  char esc[4];
  if (path[0] == '/')
    buf_puts(&b, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (isalnum(*p) || strchr("/-._~", *p)) {
      buf_add(&b, (const char *)p, 1);
    } else {
      snprintf(esc, sizeof esc, "%%%02X", *p);
      buf_add(&b, esc, 3);
    }
  }
  json_str(out, b.p);
  buf_free(&b);
}

static void write_physical(FILE *out, const loc *l) {
  fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
  write_uri(out, l->file);
  fputc('}', out);
  if (l->line) {
    fprintf(out, ", \"region\": {\"startLine\": %u", l->line);
    if (l->col)
      fprintf(out, ", \"startColumn\": %u", l->col);
    fputc('}', out);
  }
  fputc('}', out);
}

/* One related location per flow step that has a source location. */
static void write_related(FILE *out, const remark *r) {
  buf b = {0};
  int id = 0;
  for (const remark *f = r->flow; f; f = f->next_flow) {
    const char *flow = NULL;
    for (unsigned i = 0; i < f->nargs; i++) {
      const arg *g = &f->args[i];
      if (strcmp(g->key, "Flow") == 0)
        flow = g->value;
      if (strcmp(g->key, "Step") != 0 || !g->loc.file || !g->loc.file[0])
        continue;
      fputs(id ? ", " : ", \"relatedLocations\": [", out);
      fprintf(out, "{\"id\": %d, ", ++id);
      write_physical(out, &g->loc);
      buf_clear(&b);
      if (flow) {
        flow_text(&b, flow);
        buf_puts(&b, " ");
      }
      buf_puts(&b, "(from ");
      buf_puts(&b, g->value);
      buf_puts(&b, ")");
      fputs(", \"message\": {\"text\": ", out);
      json_str(out, b.p);
      fputs("}}", out);
    }
  }
  if (id)
    fputc(']', out);
  buf_free(&b);
}

static void write_result(FILE *out, const remark *r, const rule *rules,
                         size_t nrules) {
  char *id = slug(heap_reason(r));
  fputs("        {\"ruleId\": ", out);
  json_str(out, id);
  fprintf(out, ", \"ruleIndex\": %zu, \"level\": \"note\"",
          find_rule(rules, nrules, id));
  free(id);
  buf text = {0};
  buf_puts(&text, r->message);
  for (const remark *f = r->flow; f; f = f->next_flow) {
    buf_puts(&text, "\n");
    flow_lines(&text, f);
    if (text.len && text.p[text.len - 1] == '\n')
      text.p[--text.len] = '\0';
  }
  fputs(", \"message\": {\"text\": ", out);
  json_str(out, text.p);
  buf_free(&text);
  fputs("}, \"locations\": [{", out);
  if (r->loc.file && r->loc.file[0]) { /* SARIF wants a non-empty URI */
    write_physical(out, &r->loc);
    fputs(", ", out);
  }
  fputs("\"logicalLocations\": [{\"name\": ", out);
  json_str(out, r->function);
  fputs(", \"kind\": \"function\"}]}]", out);
  write_related(out, r);
  fputc('}', out);
}

static void write_rules(FILE *out, const rule *rules, size_t n) {
  buf b = {0};
  fputs("          \"rules\": [", out);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? ",\n            " : "\n            ", out);
    fputs("{\"id\": ", out);
    json_str(out, rules[i].id);
    fputs(", \"name\": ", out);
    json_str(out, rules[i].name);
    buf_clear(&b);
    buf_puts(&b, rules[i].escapes ? "Allocation escapes to heap: "
                                  : "Allocation stays on heap: ");
    buf_puts(&b, rules[i].reason);
    fputs(", \"shortDescription\": {\"text\": ", out);
    json_str(out, b.p);
    fputs("}, \"defaultConfiguration\": {\"level\": \"note\"}}", out);
  }
  fputs(n ? "\n          ]\n" : "]\n", out);
  buf_free(&b);
}

void write_sarif(FILE *out, const vec *remarks, const char *version) {
  rule *rules = NULL;
  size_t nrules = 0, cap = 0;
  for (size_t i = 0; i < remarks->n; i++) {
    const remark *r = remarks->v[i];
    if (!is_result(r))
      continue;
    char *id = slug(heap_reason(r));
    if (find_rule(rules, nrules, id) < nrules) {
      free(id);
      continue;
    }
    if (nrules == cap) {
      cap = cap ? 2 * cap : 8;
      rules = xrealloc(rules, cap * sizeof *rules);
    }
    rules[nrules++] = (rule){id, heap_reason(r), r->name,
                             strstr(r->message, "escapes to heap") != NULL};
  }
  if (nrules)
    qsort(rules, nrules, sizeof *rules, cmp_rule);

  fputs("{\n"
        "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
        "  \"version\": \"2.1.0\",\n"
        "  \"runs\": [\n"
        "    {\n"
        "      \"tool\": {\n"
        "        \"driver\": {\n"
        "          \"name\": \"heap2stack\",\n"
        "          \"version\": ",
        out);
  json_str(out, version);
  fputs(",\n", out);
  write_rules(out, rules, nrules);
  fputs("        }\n"
        "      },\n"
        "      \"results\": [",
        out);
  size_t n = 0;
  for (size_t i = 0; i < remarks->n; i++) {
    if (!is_result(remarks->v[i]))
      continue;
    fputs(n++ ? ",\n" : "\n", out);
    write_result(out, remarks->v[i], rules, nrules);
  }
  fputs(n ? "\n      ]\n" : "]\n", out);
  fputs("    }\n"
        "  ]\n"
        "}\n",
        out);
  for (size_t i = 0; i < nrules; i++)
    free(rules[i].id);
  free(rules);
}
