/* strbuf.c: a growable string builder (the sds / strbuf / std::string
 * pattern). A record is rendered as a JSON object into a buffer that
 * starts at 64 bytes and doubles with realloc; the result is hashed and the
 * buffer freed. The records (at most 59 bytes) fit the first buffer, the
 * case issue 17 measures: a builder sized for its usual content. The
 * hand-written version renders into a 256-byte local array, which bounds
 * these records. */
#define BENCH_ITERS 2000000
#include "../bench.h"
#include <string.h>

struct strbuf {
  char *data;
  size_t len, cap;
#ifdef BENCH_HAND
  char space[256];
#endif
};

static void sb_init(struct strbuf *sb) {
#ifdef BENCH_HAND
  sb->data = sb->space, sb->cap = sizeof sb->space;
#else
  sb->cap = 64;
  sb->data = malloc(sb->cap);
  if (!sb->data)
    abort();
#endif
  sb->len = 0;
}

static void sb_grow(struct strbuf *sb, size_t more) {
#ifdef BENCH_HAND
  if (sb->len + more > sb->cap)
    abort();
#else
  if (sb->len + more <= sb->cap)
    return;
  while (sb->len + more > sb->cap)
    sb->cap *= 2;
  sb->data = realloc(sb->data, sb->cap);
  if (!sb->data)
    abort();
#endif
}

static void sb_putc(struct strbuf *sb, char c) {
  sb_grow(sb, 1);
  sb->data[sb->len++] = c;
}

static void sb_puts(struct strbuf *sb, const char *s) {
  size_t n = strlen(s);
  sb_grow(sb, n);
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
}

static void sb_quoted(struct strbuf *sb, const char *s) {
  sb_putc(sb, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      sb_putc(sb, '\\');
    sb_putc(sb, *s);
  }
  sb_putc(sb, '"');
}

static void sb_uint(struct strbuf *sb, unsigned long v) {
  char digits[24];
  int n = 0;
  do
    digits[n++] = (char)('0' + v % 10);
  while (v /= 10);
  sb_grow(sb, (size_t)n);
  while (n)
    sb->data[sb->len++] = digits[--n];
}

static const char *const names[4] = {"widget", "gadget \"pro\"", "gizmo",
                                     "doohickey\\x"};
static const char *const tags[4] = {"red", "blue", "green", "sale"};

static void setup(void) {}

uint64_t op(uint64_t i) {
  struct strbuf sb;
  sb_init(&sb);
  sb_puts(&sb, "{\"id\":");
  sb_uint(&sb, (unsigned long)i);
  sb_puts(&sb, ",\"name\":");
  sb_quoted(&sb, names[i % 4]);
  sb_puts(&sb, ",\"tag\":");
  sb_quoted(&sb, tags[(i / 4) % 4]);
  sb_puts(&sb, ",\"qty\":");
  sb_uint(&sb, (unsigned long)(i % 100));
  sb_putc(&sb, '}');
  uint64_t h = 1469598103934665603u;
  for (size_t k = 0; k < sb.len; k++)
    h = (h ^ (unsigned char)sb.data[k]) * 1099511628211u;
#ifndef BENCH_HAND
  free(sb.data);
#endif
  return h;
}
