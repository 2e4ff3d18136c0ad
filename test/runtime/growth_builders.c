/* Growth buffers (issue 17): a buffer of constant initial size whose chain
   of realloc'd blocks does not escape starts on the stack; the realloc
   that first receives it copies it into a new heap block, and the frees
   that may receive it test for it. Builders: a loop appending into an
   array, a line splitter whose line buffer grows, a string builder
   (data/len/cap in a struct, grown by static helpers), reallocarray and
   calloc. Near misses stay on the heap: the buffer stored in a global
   after growth, freed through a pointer that may be another object,
   reallocated by a function that keeps the old pointer, a realloc that
   may receive another block, malloc_usable_size and %p. A zero-byte
   realloc of the stack buffer behaves as the C library says. Every size is
   crossed both ways (records that fit the first buffer, and more).
   Differential: outputs equal, ASan (use-after-return) silent. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int sizes[] = {0, 1, 3, 4, 5, 17, 100, 1000};
#define NSIZES (sizeof sizes / sizeof *sizes)

/* A loop appending into an array. */
__attribute__((noinline)) static long append_loop(int k) {
  size_t cap = 4, len = 0;
  long *a = malloc(cap * sizeof *a); /* h2s: stack */
  if (!a)
    return -1;
  for (int i = 0; i < k; i++) {
    if (len == cap) {
      cap *= 2;
      long *b = realloc(a, cap * sizeof *a);
      if (!b) {
        free(a);
        return -1;
      }
      a = b;
    }
    a[len++] = (long)i * i;
  }
  long s = 0;
  for (size_t i = 0; i < len; i++)
    s = s * 7 + (a[i] ^ (long)i);
  free(a);
  return s;
}

/* reallocarray keeps its overflow check; calloc starts zeroed. */
__attribute__((noinline)) static long array_calloc(int k) {
  size_t cap = 2;
  int *a = calloc(cap, sizeof *a); /* h2s: stack */
  if (!a)
    return -1;
  long s = a[0] + a[1];
  for (int i = 0; i < k; i++) {
    if ((size_t)i == cap) {
      int *b = reallocarray(a, cap * 2, sizeof *a);
      if (!b)
        break;
      a = b;
      cap *= 2;
    }
    a[i] = i + 1;
  }
  for (size_t i = 0; i < cap && (int)i < k; i++)
    s = s * 3 + a[i];
  free(a);
  return s;
}

/* Split text into lines with a growing line buffer, hashing each line. */
__attribute__((noinline)) static unsigned split_lines(const char *text) {
  size_t cap = 16, len = 0;
  char *line = malloc(cap); /* h2s: stack */
  if (!line)
    return 0;
  unsigned h = 0;
  for (const char *c = text;; c++) {
    if (*c == '\n' || *c == 0) {
      for (size_t i = 0; i < len; i++)
        h = h * 31 + (unsigned char)line[i];
      h = h * 31 + (unsigned)len;
      len = 0;
      if (*c == 0)
        break;
      continue;
    }
    if (len + 1 >= cap) {
      char *n = realloc(line, cap * 2);
      if (!n)
        break;
      line = n;
      cap *= 2;
    }
    line[len++] = *c;
  }
  free(line);
  return h;
}

/* realloc(buf, 0) on the stack buffer: the C library decides what a
   zero-byte realloc returns (glibc frees and returns null), as without the
   plugin. */
__attribute__((noinline)) static unsigned first(const char *p) {
  return (unsigned char)p[0];
}

__attribute__((noinline)) static unsigned shrink_to_zero(int k) {
  char *p = malloc(16); /* h2s: stack */
  if (!p)
    return 0;
  p[0] = (char)k;
  unsigned h = first(p);
  char *q = realloc(p, (size_t)(k % 3));
  if (!q)
    return h * 2 + 1; /* p was freed (or the call failed) */
  q[0] = 1;
  h = h * 2 + first(q);
  free(q);
  return h;
}

/* A string builder: data/len/cap in a struct, grown by static helpers.
   (Its length and capacity share an object with the data pointer, and the
   analysis is field-insensitive: comparing them counts as comparing the
   pointer, which exposes it, so it stays on the heap for now.) */
struct sb {
  char *data;
  size_t len, cap;
};

static int sb_grow(struct sb *s, size_t need) {
  if (need <= s->cap)
    return 0;
  size_t c = s->cap * 2;
  while (c < need)
    c *= 2;
  char *d = realloc(s->data, c);
  if (!d)
    return -1;
  s->data = d;
  s->cap = c;
  return 0;
}

static int sb_puts(struct sb *s, const char *t) {
  size_t n = strlen(t);
  if (sb_grow(s, s->len + n + 1))
    return -1;
  memcpy(s->data + s->len, t, n + 1);
  s->len += n;
  return 0;
}

__attribute__((noinline)) static unsigned builder(int k) {
  struct sb s = {malloc(16), 0, 16}; /* h2s: stack */
  if (!s.data)
    return 0;
  s.data[0] = 0;
  for (int i = 0; i < k; i++)
    sb_puts(&s, i % 2 ? "ab" : "cde");
  unsigned h = (unsigned)s.len;
  for (size_t i = 0; i < s.len; i++)
    h = h * 31 + (unsigned char)s.data[i];
  free(s.data);
  return h;
}

/* Near miss: the grown buffer is stored in a global. */
char *kept;
__attribute__((noinline)) static unsigned kept_after_growth(int k) {
  char *p = malloc(8); /* h2s: heap */
  size_t cap = 8;
  for (int i = 0; i < k; i++) {
    if ((size_t)i + 1 >= cap) {
      char *n = realloc(p, cap *= 2);
      if (!n)
        return 0;
      p = n;
    }
    p[i] = (char)('a' + i % 26);
    p[i + 1] = 0;
  }
  if (k == 0)
    p[0] = 0;
  free(kept);
  kept = p;
  return (unsigned)strlen(p);
}

/* Near miss: a free that may receive the buffer or another block. */
__attribute__((noinline)) static unsigned freed_with_other(int k) {
  char *p = malloc(8); /* h2s: heap */
  char *other = malloc(32);
  if (!p || !other)
    return 0;
  if (k > 3) {
    char *n = realloc(p, 64);
    if (n)
      p = n;
  }
  p[0] = (char)k;
  other[0] = (char)(k + 1);
  unsigned h = (unsigned)p[0] + (unsigned)other[0];
  char *which = k % 2 ? p : other;
  free(which);
  free(k % 2 ? other : p);
  return h;
}

/* Near miss: a realloc that may receive the buffer or another block. */
__attribute__((noinline)) static unsigned realloc_with_other(int k) {
  char *p = malloc(8); /* h2s: heap */
  char *q = malloc(8);
  if (!p || !q)
    return 0;
  p[0] = 1;
  q[0] = 2;
  char *r = realloc(k % 2 ? p : q, 100);
  if (!r)
    return 0;
  r[99] = 3;
  unsigned h = (unsigned)r[0] + r[99];
  free(r);
  free(k % 2 ? q : p);
  return h;
}

/* Near miss: grown by a function that keeps the old pointer. */
static void *last_old;
__attribute__((noinline)) static void *grow_keeping(void *p, size_t n) {
  last_old = p;
  return realloc(p, n);
}
__attribute__((noinline)) static unsigned realloc_keeps_old(int k) {
  char *p = malloc(8); /* h2s: heap */
  if (!p)
    return 0;
  p[0] = (char)k;
  char *n = grow_keeping(p, 64 + (size_t)k);
  if (!n) {
    free(p);
    return 0;
  }
  n[63] = 1;
  unsigned h = (unsigned)n[0] + n[63] + (last_old != NULL);
  free(n);
  return h;
}

/* Near miss: malloc_usable_size reads the block's header. */
__attribute__((noinline)) static unsigned usable_size(int k) {
  char *p = malloc(24); /* h2s: heap */
  if (!p)
    return 0;
  if (k > 2) {
    char *n = realloc(p, 200);
    if (!n) {
      free(p);
      return 0;
    }
    p = n;
  }
  p[0] = 1;
  unsigned h = malloc_usable_size(p) >= 24;
  free(p);
  return h;
}

/* Near miss: the address is printed with %p (into a buffer we discard). */
__attribute__((noinline)) static unsigned printed(int k) {
  char *p = malloc(24); /* h2s: heap */
  if (!p)
    return 0;
  if (k > 2) {
    char *n = realloc(p, 200);
    if (!n) {
      free(p);
      return 0;
    }
    p = n;
  }
  p[0] = 1;
  char text[64];
  snprintf(text, sizeof text, "%p", (void *)p);
  unsigned h = p[0] + (text[0] != 0);
  free(p);
  return h;
}

int main(void) {
  unsigned long h = 0;
  for (size_t i = 0; i < NSIZES; i++) {
    int k = sizes[i];
    h = h * 131 + (unsigned long)append_loop(k);
    h = h * 131 + (unsigned long)array_calloc(k);
    h = h * 131 + builder(k);
    h = h * 131 + kept_after_growth(k);
    h = h * 131 + freed_with_other(k);
    h = h * 131 + realloc_with_other(k);
    h = h * 131 + realloc_keeps_old(k);
    h = h * 131 + usable_size(k);
    h = h * 131 + printed(k);
    h = h * 131 + shrink_to_zero(k);
    printf("%d: %lu\n", k, h);
  }
  h = h * 131 + split_lines("");
  h = h * 131 + split_lines("short\nlines\n");
  h = h * 131 + split_lines("a line much longer than the sixteen bytes the "
                            "buffer starts with\nand another\n\nend");
  printf("checksum %lu\n", h);
  free(kept);
  return 0;
}
