/* JSON output: one object per remark, with the contract's named args. */
#include "report.h"

#include <inttypes.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p, or 0 when it is invalid. */
static int utf8_len(const unsigned char *p) {
  unsigned c = p[0];
  int n;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0)
      lo = 0xA0; /* overlong */
    if (c == 0xED)
      hi = 0x9F; /* surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
  } else
    return 0;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (int i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xBF)
      return 0;
  return n;
}

void json_str(FILE *out, const char *s) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  fputc('"', out);
  while (*p) {
    unsigned c = *p;
    if (c >= 0x80) {
      int n = utf8_len(p);
      if (n)
        fwrite(p, 1, (size_t)n, out);
      else
        fputs("\\ufffd", out);
      p += n ? n : 1;
      continue;
    }
    switch (c) {
    case '"':
      fputs("\\\"", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\t':
      fputs("\\t", out);
      break;
    default:
      if (c < 0x20)
        fprintf(out, "\\u%04x", c);
      else
        fputc((int)c, out);
    }
    p++;
  }
  fputc('"', out);
}

static void str_or_null(FILE *out, const char *s) {
  if (s)
    json_str(out, s);
  else
    fputs("null", out);
}

/* Named args; a key that repeats (Flow, Step) maps to an array. */
static void write_args(FILE *out, const remark *r) {
  int first = 1;
  fputc('{', out);
  for (unsigned i = 0; i < r->nargs; i++) {
    const char *key = r->args[i].key;
    if (strcmp(key, "String") == 0)
      continue;
    unsigned seen = 0, count = 0;
    for (unsigned j = 0; j < r->nargs; j++)
      if (strcmp(r->args[j].key, key) == 0) {
        seen += j < i;
        count++;
      }
    if (seen)
      continue;
    fputs(first ? "" : ", ", out);
    first = 0;
    json_str(out, key);
    fputs(": ", out);
    if (count == 1) {
      json_str(out, r->args[i].value);
      continue;
    }
    fputc('[', out);
    for (unsigned j = i, k = 0; j < r->nargs; j++)
      if (strcmp(r->args[j].key, key) == 0) {
        fputs(k++ ? ", " : "", out);
        json_str(out, r->args[j].value);
      }
    fputc(']', out);
  }
  fputc('}', out);
}

static void write_step(FILE *out, const arg *g) {
  fputs("{\"step\": ", out);
  json_str(out, g->value);
  if (g->loc.file) {
    fputs(", \"file\": ", out);
    json_str(out, g->loc.file);
    fprintf(out, ", \"line\": %u, \"column\": %u", g->loc.line, g->loc.col);
  }
  fputc('}', out);
}

/* An EscapeFlow's path: [{"flow": "...", "steps": [{"step": ...}]}]. */
static void write_flow(FILE *out, const remark *r) {
  int open = 0, nsteps = 0;
  buf text = {0};
  fputc('[', out);
  for (unsigned i = 0; i < r->nargs; i++) {
    const arg *g = &r->args[i];
    int is_flow_arg = strcmp(g->key, "Flow") == 0;
    if (!is_flow_arg && strcmp(g->key, "Step") != 0)
      continue;
    if (is_flow_arg || !open) {
      fputs(open ? "]}, " : "", out);
      fputs("{\"flow\": ", out);
      buf_clear(&text);
      if (is_flow_arg)
        flow_text(&text, g->value);
      str_or_null(out, is_flow_arg ? text.p : NULL);
      fputs(", \"steps\": [", out);
      open = 1;
      nsteps = 0;
    }
    if (!is_flow_arg) {
      fputs(nsteps++ ? ", " : "", out);
      write_step(out, g);
    }
  }
  fputs(open ? "]}]" : "]", out);
  buf_free(&text);
}

static void write_size(FILE *out, const char *size) {
  int ok;
  uint64_t n = size_bytes(size, &ok);
  if (ok)
    fprintf(out, "%" PRIu64, n);
  else
    str_or_null(out, size);
}

/* A call inlined from elsewhere: `"inlined": [{"function": "g", "at":
 * "a.c:1:2"}, ...]`, the calls inlined into r's function, outermost first
 * (the Inlined and InlinedAt args, in pairs). */
static void write_inlined(FILE *out, const remark *r) {
  int n = 0;
  fputs(", \"inlined\": [", out);
  for (unsigned i = 0; i < r->nargs; i++) {
    if (strcmp(r->args[i].key, "Inlined") != 0)
      continue;
    const char *at = NULL;
    for (unsigned j = i + 1; j < r->nargs && !at; j++)
      if (strcmp(r->args[j].key, "Inlined") == 0)
        break;
      else if (strcmp(r->args[j].key, "InlinedAt") == 0)
        at = r->args[j].value;
    fputs(n++ ? ", {\"function\": " : "{\"function\": ", out);
    json_str(out, r->args[i].value);
    fputs(", \"at\": ", out);
    str_or_null(out, at);
    fputc('}', out);
  }
  fputc(']', out);
}

static void write_remark(FILE *out, const remark *r) {
  fputs("{\"file\": ", out);
  str_or_null(out, r->loc.file);
  if (r->loc.file)
    fprintf(out, ", \"line\": %u, \"column\": %u", r->loc.line, r->loc.col);
  else
    fputs(", \"line\": null, \"column\": null", out);
  fputs(", \"function\": ", out);
  json_str(out, r->function);
  fputs(", \"pass\": ", out);
  json_str(out, r->pass);
  fprintf(out, ", \"kind\": \"%s\", \"name\": ", kind_name(r->kind));
  json_str(out, r->name);
  fputs(", \"message\": ", out);
  json_str(out, r->message);
  fputs(", \"callee\": ", out);
  str_or_null(out, r->callee);
  fputs(", \"size\": ", out);
  write_size(out, r->size);
  fputs(", \"reason\": ", out);
  str_or_null(out, is_alloc(r) && r->kind == KIND_MISSED ? heap_reason(r)
                                                         : r->reason);
  fputs(", \"args\": ", out);
  write_args(out, r);
  if (is_flow(r)) {
    fputs(", \"flow\": ", out);
    write_flow(out, r);
  }
  if (r->inlined)
    write_inlined(out, r);
  fputc('}', out);
}

void write_json(FILE *out, const vec *remarks) {
  if (!remarks->n) {
    fputs("[]\n", out);
    return;
  }
  fputs("[\n", out);
  for (size_t i = 0; i < remarks->n; i++) {
    fputs("  ", out);
    write_remark(out, remarks->v[i]);
    fputs(i + 1 < remarks->n ? ",\n" : "\n", out);
  }
  fputs("]\n", out);
}
