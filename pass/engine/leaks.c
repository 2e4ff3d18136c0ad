/* leaks.c: parameter summaries, Go's leaks (cmd/compile/internal/escape/
 * leaks.go): for each parameter, the minimum derefs with which its value
 * reaches the heap, the mutator, the callee and each result. */
#include "engine.h"

#include <stdio.h>
#include <string.h>

static void lower(int8_t *slot, int derefs) {
  if (derefs < 0)
    derefs = 0;
  if (derefs > H2S_NOLEAK - 1)
    derefs = H2S_NOLEAK - 1;
  if (derefs < *slot)
    *slot = (int8_t)derefs;
}

void h2s_leaks_none(h2s_leaks *out) {
  memset(out, 0, sizeof *out); /* padding too: summaries compare bytes */
  out->heap = out->mutator = out->callee = H2S_NOLEAK;
  for (int i = 0; i < H2S_MAX_RESULTS; i++)
    out->result[i] = H2S_NOLEAK;
  out->nfields = 0;
}

void h2s_leaks_fold_fields(h2s_leaks *l) {
  for (uint8_t i = 0; i < l->nfields; i++)
    lower(&l->result[0], l->fields[i].derefs + 1);
  l->nfields = 0;
}

/* Go's location.leakTo: a non-escaping result of the same function gets a
 * result leak; anything else is the heap. */
void leak_to(h2s_graph *g, loc *param, const loc *sink, int derefs) {
  if (!sink->escapes && sink->kind == H2S_LOC_RESULT &&
      sink->fn == param->fn && sink->result_idx >= 0 &&
      sink->result_idx < H2S_MAX_RESULTS) {
    lower(&param->leaks.result[sink->result_idx], derefs);
    return;
  }
  lower(&param->leaks.heap, derefs);
}

void leak_mutator(loc *param, int derefs) { lower(&param->leaks.mutator, derefs); }
void leak_callee(loc *param, int derefs) { lower(&param->leaks.callee, derefs); }

void h2s_param_leaks(const h2s_graph *g, h2s_loc p, h2s_leaks *out) {
  if (p < 0 || (uint32_t)p >= g->n)
    h2s_die("location out of range");
  *out = g->locs[p].leaks;
}

void h2s_result_index(h2s_graph *g, h2s_loc result, int i) {
  if (result < 0 || (uint32_t)result >= g->n)
    h2s_die("location out of range");
  g->locs[result].result_idx = i;
}

int h2s_leaks_format(const h2s_leaks *l, char *buf, size_t cap) {
  size_t len = 0;
  int n;
  if (cap == 0)
    return -1; /* not even room for the NUL */
  buf[0] = 0;
#define PUT(fmt, ...)                                                          \
  do {                                                                         \
    n = snprintf(buf + len, cap - len, fmt, __VA_ARGS__);                      \
    if (n < 0 || (size_t)n >= cap - len)                                       \
      return -1;                                                               \
    len += (size_t)n;                                                          \
  } while (0)
  if (l->heap != H2S_NOLEAK)
    PUT("%sheap=%d", len ? " " : "", l->heap);
  if (l->mutator != H2S_NOLEAK)
    PUT("%smut=%d", len ? " " : "", l->mutator);
  if (l->callee != H2S_NOLEAK)
    PUT("%scall=%d", len ? " " : "", l->callee);
  for (int i = 0; i < H2S_MAX_RESULTS; i++)
    if (l->result[i] != H2S_NOLEAK)
      PUT("%sres%d=%d", len ? " " : "", i, l->result[i]);
  for (uint8_t i = 0; i < l->nfields; i++) {
    const h2s_field_leak *f = &l->fields[i];
    PUT("%sf%s%ld", len ? " " : "", f->reach == 2 ? "**" : f->reach ? "*" : "",
        (long)f->off);
    if (f->mod)
      PUT("%%%lu", (unsigned long)f->mod);
    PUT("+%lu=%d", (unsigned long)f->size, f->derefs);
  }
  if (len == 0)
    PUT("%s", "none");
#undef PUT
  return 0;
}

/* A decimal number below `max` at *s; NULL when there is none. */
static const char *number(const char *s, uint64_t max, uint64_t *out) {
  if (*s < '0' || *s > '9')
    return NULL;
  uint64_t v = 0;
  while (*s >= '0' && *s <= '9') {
    v = v * 10 + (uint64_t)(*s++ - '0');
    if (v >= max)
      return NULL;
  }
  *out = v;
  return s;
}

/* "<off>[%<mod>]+<size>=<derefs>" after the 'f', then spaces; NULL when
 * malformed. */
static const char *parse_field(const char *s, h2s_leaks *l) {
  h2s_field_leak f = {0, 0, 0, 0, 0};
  uint64_t v;
  while (*s == '*' && f.reach < 2) {
    f.reach++;
    s++;
  }
  int neg = *s == '-';
  s += neg;
  if (!(s = number(s, (uint64_t)INT32_MAX + 1, &v)))
    return NULL;
  f.off = neg ? -(int32_t)v : (int32_t)v;
  if (*s == '%') {
    if (!(s = number(s + 1, UINT32_MAX, &v)) || v == 0)
      return NULL;
    f.mod = (uint32_t)v;
  }
  if (*s++ != '+' || !(s = number(s, UINT32_MAX, &v)) || v == 0)
    return NULL;
  f.size = (uint32_t)v;
  if (*s++ != '=' || !(s = number(s, H2S_NOLEAK, &v)))
    return NULL;
  f.derefs = (int8_t)v;
  if (*s && *s != ' ')
    return NULL;
  while (*s == ' ')
    s++;
  if (l->nfields >= H2S_MAX_FIELD_LEAKS)
    return NULL;
  h2s_field_leak *to = &l->fields[l->nfields++];
  to->off = f.off;
  to->mod = f.mod;
  to->size = f.size;
  to->derefs = f.derefs;
  to->reach = f.reach;
  return s;
}

int h2s_leaks_parse(const char *text, h2s_leaks *out) {
  h2s_leaks l;
  h2s_leaks_none(&l);
  const char *s = text;
  while (*s == ' ')
    s++;
  if (strcmp(s, "none") == 0) {
    *out = l;
    return 0;
  }
  while (*s) {
    if (*s == 'f') {
      s = parse_field(s + 1, &l);
      if (!s)
        return -1;
      continue;
    }
    char key[8];
    int klen = 0;
    while (*s && *s != '=' && klen < 7)
      key[klen++] = *s++;
    key[klen] = 0;
    if (*s++ != '=')
      return -1;
    if (*s < '0' || *s > '9')
      return -1;
    int v = 0;
    while (*s >= '0' && *s <= '9') {
      v = v * 10 + (*s++ - '0');
      if (v >= H2S_NOLEAK)
        return -1;
    }
    if (*s && *s != ' ')
      return -1;
    while (*s == ' ')
      s++;
    if (strcmp(key, "heap") == 0)
      l.heap = (int8_t)v;
    else if (strcmp(key, "mut") == 0)
      l.mutator = (int8_t)v;
    else if (strcmp(key, "call") == 0)
      l.callee = (int8_t)v;
    else if (strncmp(key, "res", 3) == 0 && key[3] >= '0' &&
             key[3] < '0' + H2S_MAX_RESULTS && key[4] == 0)
      l.result[key[3] - '0'] = (int8_t)v;
    else
      return -1;
  }
  *out = l;
  return 0;
}
