/* Growth across helpers (issue 17, growinline.c): builders whose buffer is
   reallocated or freed only inside static helpers that are not inlined
   (noinline here; in real code LLVM declines to inline a helper called
   often, like strbuf's sb_quoted). heap2stack inlines those helpers into
   the allocating function and analyses it again, so the buffer starts on
   the stack. Near misses stay on the heap: a helper that publishes the
   grown block in a global, one that keeps the old block where its caller
   says (a global), one that frees the buffer or another object, a
   recursive helper, and a builder whose buffer the caller returns. Every
   size is crossed both ways (records that fit the first buffer, and
   more). Differential: outputs equal, ASan (use-after-return) silent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int sizes[] = {0, 1, 3, 15, 16, 17, 100, 1000};
#define NSIZES (sizeof sizes / sizeof *sizes)

struct strbuf {
  char *data;
  size_t len, cap;
};

/* Inlined into each helper by LLVM: the realloc is in the helpers. */
static inline void sb_reserve(struct strbuf *sb, size_t more) {
  if (sb->len + more <= sb->cap)
    return;
  while (sb->len + more > sb->cap)
    sb->cap *= 2;
  sb->data = realloc(sb->data, sb->cap);
  if (!sb->data)
    abort();
}

__attribute__((noinline)) static void sb_putc(struct strbuf *sb, char c) {
  sb_reserve(sb, 1);
  sb->data[sb->len++] = c;
}

__attribute__((noinline)) static void sb_puts(struct strbuf *sb,
                                              const char *s) {
  size_t n = strlen(s);
  sb_reserve(sb, n);
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
}

__attribute__((noinline)) static void sb_release(struct strbuf *sb) {
  free(sb->data);
  sb->data = NULL;
}

static unsigned long hash(const char *p, size_t n) {
  unsigned long h = 5381;
  for (size_t i = 0; i < n; i++)
    h = h * 33 + (unsigned char)p[i];
  return h;
}

/* A string builder grown and released by helpers (initialised from a
   constant: a memcpy that copies no pointer). */
__attribute__((noinline)) static unsigned long render(int k) {
  struct strbuf sb = {NULL, 0, 16};
  sb.data = malloc(16); /* h2s: stack */
  if (!sb.data)
    return 0;
  sb_puts(&sb, "[");
  for (int i = 0; i < k; i++) {
    sb_putc(&sb, (char)('a' + i % 26));
    if (i % 7 == 6)
      sb_puts(&sb, ", ");
  }
  sb_putc(&sb, ']');
  unsigned long h = hash(sb.data, sb.len);
  sb_release(&sb);
  return h;
}

/* A dynamic array of ints pushed by a helper. */
struct ivec {
  int *v;
  size_t n, cap;
};

__attribute__((noinline)) static void ivec_push(struct ivec *a, int x) {
  if (a->n == a->cap) {
    a->cap *= 2;
    int *b = realloc(a->v, a->cap * sizeof *b);
    if (!b)
      abort();
    a->v = b;
  }
  a->v[a->n++] = x;
}

__attribute__((noinline)) static unsigned long squares(int k) {
  struct ivec a;
  a.n = 0, a.cap = 4;
  a.v = calloc(4, sizeof *a.v); /* h2s: stack */
  if (!a.v)
    return 0;
  for (int i = 0; i < k; i++)
    ivec_push(&a, i * i);
  unsigned long s = (unsigned long)a.v[0];
  for (size_t i = 0; i < a.n; i++)
    s = s * 31 + (unsigned long)a.v[i];
  free(a.v);
  return s;
}

/* Near miss: the helper also publishes the grown block. */
static char *published;
__attribute__((noinline)) static void sb_putc_publish(struct strbuf *sb,
                                                      char c) {
  sb_reserve(sb, 1);
  sb->data[sb->len++] = c;
  published = sb->data;
}

__attribute__((noinline)) static unsigned long render_published(int k) {
  struct strbuf sb;
  sb.len = 0, sb.cap = 16;
  sb.data = malloc(16); /* h2s: heap */
  if (!sb.data)
    return 0;
  for (int i = 0; i < k; i++)
    sb_putc_publish(&sb, (char)('0' + i % 10));
  unsigned long h = hash(sb.data, sb.len) + (published == sb.data);
  published = NULL;
  free(sb.data);
  return h;
}

/* Near miss: the helper keeps the old block where its caller says (one of
   two globals: the helper is inlined, and the second analysis finds the
   store). */
static char *old_blocks[2];
__attribute__((noinline)) static void sb_grow_keeping(struct strbuf *sb,
                                                      char **keep,
                                                      size_t more) {
  if (sb->len + more <= sb->cap)
    return;
  *keep = sb->data;
  sb->cap = (sb->len + more) * 2;
  sb->data = realloc(sb->data, sb->cap);
  if (!sb->data)
    abort();
}

__attribute__((noinline)) static unsigned long render_keeping(int k) {
  struct strbuf sb;
  sb.len = 0, sb.cap = 16;
  sb.data = malloc(16); /* h2s: heap */
  if (!sb.data)
    return 0;
  for (int i = 0; i < k; i++) {
    sb_grow_keeping(&sb, &old_blocks[k & 1], 1);
    sb.data[sb.len++] = (char)('A' + i % 26);
  }
  unsigned long h = hash(sb.data, sb.len) + (old_blocks[k & 1] != NULL);
  old_blocks[k & 1] = NULL;
  free(sb.data);
  return h;
}

/* Near miss: the buffer, grown by a helper, is released by one that frees
   the buffer or another object. */
__attribute__((noinline)) static void drop_either(struct strbuf *sb,
                                                  char *other, int which) {
  free(which ? sb->data : other);
}

__attribute__((noinline)) static unsigned long freed_either(int k) {
  struct strbuf sb;
  sb.len = 0, sb.cap = 16;
  sb.data = malloc(16); /* h2s: heap */
  char *other = malloc(16); /* h2s: heap */
  if (!sb.data || !other) {
    free(sb.data);
    free(other);
    return 0;
  }
  for (int i = 0; i < k; i++)
    sb_putc(&sb, (char)i);
  memset(other, k + 1, 16);
  unsigned long h = hash(sb.data, sb.len) + hash(other, 16);
  drop_either(&sb, other, k & 1);
  free(k & 1 ? other : sb.data);
  return h;
}

/* Near miss: a recursive helper. */
__attribute__((noinline)) static void sb_grow_halving(struct strbuf *sb,
                                                      size_t want) {
  if (want > 64)
    sb_grow_halving(sb, want / 2);
  if (want > sb->cap) {
    sb->cap = want;
    sb->data = realloc(sb->data, sb->cap);
    if (!sb->data)
      abort();
  }
}

__attribute__((noinline)) static unsigned long render_recursive(int k) {
  struct strbuf sb;
  sb.len = 0, sb.cap = 16;
  sb.data = malloc(16); /* h2s: heap */
  if (!sb.data)
    return 0;
  sb_grow_halving(&sb, (size_t)k + 1);
  for (int i = 0; i < k; i++)
    sb.data[sb.len++] = (char)('a' + i % 26);
  unsigned long h = hash(sb.data, sb.len);
  free(sb.data);
  return h;
}

/* Near miss: the caller hands the buffer out. */
__attribute__((noinline)) static char *render_returned(int k) {
  struct strbuf sb;
  sb.len = 0, sb.cap = 16;
  sb.data = malloc(16); /* h2s: heap */
  if (!sb.data)
    abort();
  for (int i = 0; i < k; i++)
    sb_putc(&sb, (char)('z' - i % 26));
  sb_putc(&sb, 0);
  return sb.data;
}

int main(void) {
  unsigned long h = 0;
  for (size_t i = 0; i < NSIZES; i++) {
    int k = sizes[i];
    h = h * 131 + render(k);
    h = h * 131 + squares(k);
    h = h * 131 + render_published(k);
    h = h * 131 + render_keeping(k);
    h = h * 131 + freed_either(k);
    h = h * 131 + render_recursive(k);
    char *s = render_returned(k);
    h = h * 131 + hash(s, strlen(s));
    free(s);
    printf("%d: %lu\n", k, h);
  }
  printf("checksum %lu\n", h);
  return 0;
}
