/* Soundness (stack depth): rec() recurses through other(), defined in b.c.
   In this translation unit the call graph shows no cycle, so the 4 KiB
   buffer is judged against max-size instead of max-size-recursive; at
   depth 4000 the moved buffers would need 16 MiB of stack and the plugin
   build would crash, while the heap build runs. Two remedies, both tested
   (test/lit/runtime/cross_tu_recursion.test): unseen-recursion=1, under
   which a call to an external function that may call back counts as
   recursion; or full LTO with the plugin at link time only, where the call
   graph shows the cycle. */
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
