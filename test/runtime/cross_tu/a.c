/* Soundness (stack depth): rec() recurses through other(), defined in b.c.
   In this translation unit the cycle goes through code the pass cannot
   see: rec() is visible outside and calls a function outside, so it may
   recurse (stack.c), and its 4 KiB buffer is judged against
   max-size-may-recurse (128 bytes a frame) instead of max-size; at depth
   4000 the moved buffers would need 16 MiB of stack. Tested in
   test/lit/runtime/cross_tu_recursion.test, with full LTO too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long other(int n); /* b.c: calls back into rec() */

long rec(int n) {
  char *buf = malloc(4096);
  memset(buf, n & 0x7f, 4096);
  long r = buf[n % 4096];
  if (n > 0)
    r += other(n - 1);
  r += buf[4095 - n % 4096];
  free(buf);
  return r;
}

int main(void) {
  printf("%ld\n", rec(4000));
  return 0;
}
