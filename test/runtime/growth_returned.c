/* Growth buffers, the rest of issue 17: `realloc(NULL, n)` as the first
   allocation (a head, with the small buffer's 32 bytes), reallocs that
   still fit staying in the buffer, and builders returned to the caller,
   which are copied into one heap block at the return (Go's move2heap) and
   then freed or reallocated by the caller like any heap block. The buffer
   is a pool of one block: a head in a loop whose earlier block is still
   kept takes the heap. Near misses stay on the heap: returned inside a
   box, a buffer holding a pointer into itself, an out-parameter, a
   returned buffer also kept in a global. Every size is crossed both ways.
   Differential: outputs equal, ASan (use-after-return) silent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int sizes[] = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 100, 1000};
#define NSIZES (sizeof sizes / sizeof *sizes)

/* A line reader that returns its buffer (malloc(16), doubling). */
__attribute__((noinline)) static char *read_word(const char *src, int k) {
  size_t cap = 16, len = 0;
  char *buf = malloc(cap); /* h2s: stack */
  if (!buf)
    return NULL;
  for (int i = 0; i < k; i++) {
    if (len + 2 > cap) {
      cap *= 2;
      char *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        return NULL;
      }
      buf = b;
    }
    buf[len++] = src[i % 26];
  }
  buf[len] = 0;
  return buf;
}

/* A dynamic array from NULL (the head is the realloc), returned. */
__attribute__((noinline)) static int *squares(int k, size_t *n) {
  int *a = NULL;
  size_t cap = 0, len = 0;
  for (int i = 0; i < k; i++) {
    if (len == cap) {
      cap = cap ? cap * 2 : 2;
      int *b = realloc(a, cap * sizeof *a); /* h2s: stack */
      if (!b) {
        free(a);
        return NULL;
      }
      a = b;
    }
    a[len++] = i * i;
  }
  *n = len;
  return a;
}

/* The same head, used locally; a realloc that shrinks stays in place. */
__attribute__((noinline)) static long local_head(int k) {
  char *a = NULL;
  size_t cap = 0;
  for (int i = 0; i < k; i++) {
    if ((size_t)i == cap) {
      cap = cap ? cap * 2 : 1;
      char *b = realloc(a, cap); /* h2s: stack */
      if (!b) {
        free(a);
        return -1;
      }
      a = b;
    }
    a[i] = (char)(i * 3);
  }
  long s = 0;
  if (a) {
    char *b = realloc(a, 1);
    if (b)
      a = b;
    s = a[0] + k;
  }
  free(a);
  return s;
}

/* A head in a loop whose first block is kept while later ones are made:
   the buffer is in use, so the later blocks come from the heap. */
__attribute__((noinline)) static long kept_first(int rounds, int k) {
  char *keep = NULL;
  long s = 0;
  for (int r = 0; r < rounds; r++) {
    char *p = NULL;
    for (int i = 0; i < k; i++) {
      char *b = realloc(p, (size_t)i + 1); /* h2s: stack */
      if (!b) {
        free(p);
        free(keep);
        return -1;
      }
      p = b;
      p[i] = (char)('a' + (i + r) % 26);
    }
    if (!p)
      continue;
    if (!keep) {
      keep = p;
    } else {
      s += p[0] - keep[0];
      free(p);
    }
  }
  if (keep) {
    s = s * 31 + keep[0];
    free(keep);
  }
  return s;
}

/* An interior pointer returned: the copy keeps its offset. */
__attribute__((noinline)) static char *after_prefix(int k) {
  size_t cap = 8;
  char *p = malloc(cap); /* h2s: stack */
  if (!p)
    return NULL;
  p[0] = '#';
  size_t len = 1;
  for (int i = 0; i < k; i++) {
    if (len + 2 > cap) {
      char *b = realloc(p, cap *= 2);
      if (!b) {
        free(p);
        return NULL;
      }
      p = b;
    }
    p[len++] = (char)('0' + i % 10);
  }
  p[len] = 0;
  return p + 1;
}

/* Near miss: the builder is returned inside a box. */
struct box {
  char *data;
  size_t len;
};
__attribute__((noinline)) static struct box *boxed(int k) {
  struct box *x = malloc(sizeof *x); /* h2s: heap */
  char *p = malloc(8);               /* h2s: heap */
  if (!x || !p) {
    free(x);
    free(p);
    return NULL;
  }
  size_t cap = 8;
  for (int i = 0; i < k; i++) {
    if ((size_t)i + 1 >= cap) {
      char *b = realloc(p, cap *= 2);
      if (!b)
        break;
      p = b;
    }
    p[i] = 'x';
    p[i + 1] = 0;
  }
  if (k == 0)
    p[0] = 0;
  x->data = p;
  x->len = strlen(p);
  return x;
}

/* Near miss: the buffer holds a pointer into itself. */
struct selfref {
  char *cursor;
  char text[24];
};
__attribute__((noinline)) static struct selfref *self_pointing(int k) {
  struct selfref *s = malloc(sizeof *s); /* h2s: heap */
  if (!s)
    return NULL;
  struct selfref *b = realloc(s, sizeof *s + (size_t)k);
  if (!b) {
    free(s);
    return NULL;
  }
  memset(b->text, 'y', sizeof b->text);
  b->text[sizeof b->text - 1] = 0;
  b->cursor = b->text + (k % 20);
  return b;
}

/* Near miss: the builder leaves through an out-parameter. */
__attribute__((noinline)) static void out_param(int k, char **out) {
  char *p = malloc(8); /* h2s: heap */
  if (!p) {
    *out = NULL;
    return;
  }
  char *b = realloc(p, (size_t)k + 8);
  if (!b) {
    free(p);
    *out = NULL;
    return;
  }
  memset(b, 'o', (size_t)k + 7);
  b[k + 7] = 0;
  *out = b;
}

/* Near miss: returned, and also kept in a global. */
static char *last_built;
__attribute__((noinline)) static char *returned_and_kept(int k) {
  char *p = malloc(8); /* h2s: heap */
  if (!p)
    return NULL;
  char *b = realloc(p, (size_t)k + 1);
  if (!b) {
    free(p);
    return NULL;
  }
  memset(b, 'k', (size_t)k);
  b[k] = 0;
  last_built = b;
  return b;
}

static unsigned long hash(const char *s) {
  unsigned long h = 5381;
  for (; *s; s++)
    h = h * 33 + (unsigned char)*s;
  return h;
}

int main(void) {
  const char *abc = "abcdefghijklmnopqrstuvwxyz";
  for (size_t i = 0; i < NSIZES; i++) {
    int k = sizes[i];
    char *w = read_word(abc, k);
    /* The caller owns an ordinary heap block: it may grow it. */
    if (w) {
      size_t n = strlen(w);
      char *g = realloc(w, n + 40);
      if (g) {
        w = g;
        strcat(w, "-suffix");
      }
      printf("word %d: %zu %lu\n", k, strlen(w), hash(w));
      free(w);
    }
    size_t n = 0;
    int *a = squares(k, &n);
    long s = 0;
    for (size_t j = 0; j < n; j++)
      s = s * 3 + a[j];
    printf("squares %d: %zu %ld\n", k, n, s);
    free(a);
    printf("local_head %d: %ld\n", k, local_head(k));
    printf("kept_first %d: %ld\n", k, kept_first(4, k));
    char *t = after_prefix(k);
    if (t) {
      printf("after_prefix %d: %s\n", k, t);
      free(t - 1);
    }
    struct box *x = boxed(k);
    if (x) {
      printf("boxed %d: %zu %lu\n", k, x->len, hash(x->data));
      free(x->data);
      free(x);
    }
    struct selfref *r = self_pointing(k);
    if (r) {
      printf("self %d: %s\n", k, r->cursor);
      free(r);
    }
    char *o;
    out_param(k, &o);
    if (o) {
      printf("out %d: %lu\n", k, hash(o));
      free(o);
    }
    char *kk = returned_and_kept(k);
    if (kk) {
      printf("kept %d: %lu %d\n", k, hash(kk), kk == last_built);
      free(kk);
    }
  }
  return 0;
}
