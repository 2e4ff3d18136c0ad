// Promotion in a recursive function multiplies by the recursion depth: a
// 48-byte object, or a variable-size allocation's 32-byte small buffer (in
// every frame, even when the size, 200 here, never fits), would turn a
// recursion 150000 deep that works on the heap with an 8 MB stack into a
// stack overflow. By default (max-size-recursive=0) nothing moves in a
// recursive function, and the program keeps working.
// RUN: env H2S_PLUGIN=%plugin %runtime-check %s | FileCheck %s
// CHECK: ok: 4 builds agree
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 150000
static volatile size_t size = 200;

__attribute__((noinline)) static long fixed(int depth) {
  unsigned char *buf = malloc(48);
  memset(buf, depth & 0x7f, 48);
  long r = buf[depth % 48];
  if (depth > 0)
    r += fixed(depth - 1);
  free(buf);
  return r;
}

__attribute__((noinline)) static long variable(int depth) {
  size_t n = size;
  unsigned char *buf = malloc(n);
  memset(buf, depth & 0x7f, n);
  long r = buf[depth % n];
  if (depth > 0)
    r += variable(depth - 1);
  free(buf);
  return r;
}

int main(void) {
  printf("fixed %ld\n", fixed(DEPTH));
  printf("variable %ld\n", variable(DEPTH));
  return 0;
}
