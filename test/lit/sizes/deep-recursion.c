// A deep recursion (100000 levels) with a 200-byte buffer per level: on the
// heap it needs 20 MB of heap and little stack; promoted, it would need
// 20 MB of an 8 MB stack. The buffers are over max-size-recursive, so they
// stay on the heap and the program keeps working, for a function that calls
// itself and for two that call each other. By default (max-size-recursive=0)
// nothing moves in a recursive function, not even a small per-level object.
// RUN: env H2S_PLUGIN=%plugin %runtime-check %s | FileCheck %s
// CHECK: moved: 0
// CHECK-COUNT-3: malloc(200) stays on heap: too large for a recursive function (max-size-recursive 0)
// CHECK: ok: 4 builds agree (exit 0, 3 lines of output)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 100000

struct frame_note {
  const struct frame_note *up;
  long depth;
};

__attribute__((noinline)) static long self_recursive(int depth) {
  unsigned char *buf = malloc(200); /* h2s: heap */
  memset(buf, depth & 0x7f, 200);
  long r = buf[depth % 200];
  if (depth > 0)
    r += self_recursive(depth - 1);
  free(buf);
  return r;
}

__attribute__((noinline)) static long ping(int depth);

__attribute__((noinline)) static long pong(int depth) {
  unsigned char *buf = malloc(200); /* h2s: heap */
  memset(buf, (depth * 3) & 0x7f, 200);
  long r = buf[(depth * 7) % 200];
  if (depth > 0)
    r += ping(depth - 1);
  free(buf);
  return r;
}

__attribute__((noinline)) static long ping(int depth) {
  unsigned char *buf = malloc(200); /* h2s: heap */
  memset(buf, (depth * 5) & 0x7f, 200);
  long r = buf[(depth * 11) % 200];
  if (depth > 0)
    r += pong(depth - 1);
  free(buf);
  return r;
}

/* Depth 1000 only: a 16-byte note per level is fine to move. */
__attribute__((noinline)) static long noted(const struct frame_note *up,
                                            int depth) {
  struct frame_note *n = malloc(sizeof *n); /* h2s: heap (recursive: max-size-recursive is 0) */
  n->up = up;
  n->depth = depth;
  long r = depth > 0 ? noted(n, depth - 1) : 0;
  if (n->up)
    r++;
  free(n);
  return r;
}

int main(void) {
  printf("self %ld\n", self_recursive(DEPTH));
  printf("mutual %ld\n", ping(DEPTH));
  printf("noted %ld\n", noted(NULL, 1000));
  return 0;
}
