/* realloc paths: a buffer whose chain of realloc'd blocks does not escape
   starts on the stack and moves to the heap when realloc grows it (issue
   17), whether realloc is called in a loop, on one branch only, or next to
   a buffer that is only freed (which moves as before). realloc(NULL, n)
   allocates. Differential: outputs equal, ASan silent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static unsigned hash(const char *s, size_t n) {
  unsigned h = 0;
  for (size_t i = 0; i < n; i++)
    h = h * 31 + (unsigned char)s[i];
  return h;
}

/* Grows a buffer by doubling: starts on the stack. */
__attribute__((noinline)) static unsigned grow(int n) {
  size_t cap = 8, len = 0;
  char *buf = malloc(cap); /* h2s: stack */
  for (int i = 0; i < n; i++) {
    char item[16];
    int k = snprintf(item, sizeof item, "%d,", i);
    if (len + (size_t)k + 1 > cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
    memcpy(buf + len, item, (size_t)k + 1);
    len += (size_t)k;
  }
  unsigned h = hash(buf, len);
  free(buf);
  return h;
}

/* realloc on one path only. */
__attribute__((noinline)) static unsigned maybe_grow(int i) {
  char *p = malloc(16); /* h2s: stack */
  snprintf(p, 16, "short %d", i);
  if (i % 4 == 0) {
    p = realloc(p, 64);
    snprintf(p, 64, "a much longer string than before %d", i);
  }
  unsigned h = hash(p, strlen(p));
  free(p);
  return h;
}

/* The only-freed neighbour moves. */
__attribute__((noinline)) static unsigned neighbour(int i) {
  char *keep = malloc(32); /* h2s: stack */
  char *grown = malloc(8); /* h2s: stack */
  snprintf(keep, 32, "neighbour %d", i);
  grown = realloc(grown, 40);
  snprintf(grown, 40, "%s/grown", keep);
  unsigned h = hash(grown, strlen(grown)) + hash(keep, strlen(keep));
  free(keep);
  free(grown);
  return h;
}

/* realloc(NULL, n) allocates. */
__attribute__((noinline)) static unsigned from_null(int i) {
  char *p = realloc(NULL, 24);
  snprintf(p, 24, "from null %d", i);
  unsigned h = hash(p, strlen(p));
  free(p);
  return h;
}

int main(void) {
  unsigned h = grow(200);
  for (int i = 0; i < 20; i++) {
    h = h * 3 + maybe_grow(i);
    h = h * 3 + neighbour(i);
    h = h * 3 + from_null(i);
  }
  printf("checksum=%u\n", h);
  return 0;
}
