/* Memory for one run: an arena for remarks and strings, buffers, vectors. */
#include "report.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
  chunk *next;
  size_t used, cap;
  alignas(max_align_t) char data[];
};

enum { CHUNK_SIZE = 64 * 1024 };

void die_oom(void) {
  fprintf(stderr, TOOL ": error: out of memory\n");
  exit(EXIT_BAD_INPUT);
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    die_oom();
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    die_oom();
  return p;
}

void *arena_alloc(arena *a, size_t n) {
  const size_t align = alignof(max_align_t);
  n = (n + align - 1) / align * align;
  chunk *c = a->head;
  if (!c || c->cap - c->used < n) {
    size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
    if (cap > SIZE_MAX - sizeof(chunk))
      die_oom();
    c = xmalloc(sizeof(chunk) + cap);
    c->used = 0;
    c->cap = cap;
    c->next = a->head;
    a->head = c;
  }
  void *p = c->data + c->used;
  c->used += n;
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

void arena_free(arena *a) {
  chunk *c = a->head;
  while (c) {
    chunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
}

void buf_add(buf *b, const char *s, size_t n) {
  if (b->cap - b->len <= n) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= n)
      cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_clear(buf *b) {
  b->len = 0;
  if (b->p)
    b->p[0] = '\0';
}

void buf_free(buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

void vec_push(vec *v, void *p) {
  if (v->n == v->cap) {
    v->cap = v->cap ? 2 * v->cap : 16;
    v->v = xrealloc(v->v, v->cap * sizeof *v->v);
  }
  v->v[v->n++] = p;
}

void vec_sort(vec *v, size_t from, int (*cmp)(const void *, const void *)) {
  if (v->n > from + 1)
    qsort(v->v + from, v->n - from, sizeof *v->v, cmp);
}

void vec_free(vec *v) {
  free(v->v);
  v->v = NULL;
  v->n = v->cap = 0;
}
