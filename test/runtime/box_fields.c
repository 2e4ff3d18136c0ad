/* Realistic boxes: a box holding a pointer to a local buffer next to a
   non-pointer field. Each box and buffer is private to its function.
   - global_tag: a pointer to a string literal next to the buffer pointer,
     and the buffer freed through the box: both move.
   - count_field: an integer parameter stored next to the buffer pointer;
     the free reads the pointer field only (offset 0), which never held the
     integer (fields, issue 16): both move.
   Known limit (integers are tracked like pointers, since a pointer may be
   stored as an integer and read back; summaries name fields only for what
   reaches the result):
   - cap_field: the capacity, read from the box by fill_sized, goes to
     snprintf as a size, which fill_sized's summary counts as a leak of the
     box's contents: the buffer stays on the heap (the box moves). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sized {
  char *buf;
  size_t cap;
};

struct tagged {
  char *buf;
  const char *tag;
};

struct counted {
  char *buf;
  long count;
};

__attribute__((noinline)) static void fill_sized(struct sized *b, int i) {
  snprintf(b->buf, b->cap, "sized:%d", i);
}

__attribute__((noinline)) static size_t cap_field(int i) {
  struct sized *b = malloc(sizeof *b); /* h2s: stack */
  b->buf = malloc(32); /* h2s: heap */
  b->cap = 32;
  fill_sized(b, i);
  size_t n = strlen(b->buf);
  free(b->buf);
  free(b);
  return n;
}

__attribute__((noinline)) static void fill_tagged(struct tagged *b, int i) {
  snprintf(b->buf, 32, "tagged:%d", i);
}

__attribute__((noinline)) static size_t global_tag(int i) {
  struct tagged *b = malloc(sizeof *b); /* h2s: stack */
  b->buf = malloc(32); /* h2s: stack */
  b->tag = "tag";
  fill_tagged(b, i);
  size_t n = strlen(b->buf) + strlen(b->tag);
  free(b->buf);
  free(b);
  return n;
}

__attribute__((noinline)) static void fill_counted(struct counted *b, int i) {
  snprintf(b->buf, 32, "counted:%d", i);
}

__attribute__((noinline)) static size_t count_field(int i) {
  struct counted *b = malloc(sizeof *b); /* h2s: stack */
  b->buf = malloc(32); /* h2s: stack */
  b->count = i;
  fill_counted(b, i);
  size_t n = strlen(b->buf);
  free(b->buf);
  free(b);
  return n;
}

int main(void) {
  size_t total = 0;
  for (int i = 0; i < 200; i++)
    total = (total * 13 + cap_field(i) + global_tag(i) + count_field(i)) %
            1000000007;
  printf("total=%zu\n", total);
  return 0;
}
