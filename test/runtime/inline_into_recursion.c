/* Soundness (stack depth): helper() is not recursive, so its 1000-byte
   buffer moves to its stack. Were the inliner then to copy helper() into
   the recursive rec() (LLVM only refuses static allocas above 1024 bytes in
   recursive callers), every level of rec() would carry the buffer: at depth
   12000, 12 MB of stack, and the plugin build would die where the heap
   build runs. heap2stack marks the call in rec() noinline, so the buffer
   lives only while helper() runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long helper(int n) {
  char *buf = malloc(1000); /* h2s: stack */
  snprintf(buf, 1000, "level %d", n);
  long r = (long)strlen(buf);
  free(buf);
  return r;
}

/* Not a tail recursion (subtraction is no accumulator). */
__attribute__((noinline)) static long rec(int n) {
  long r = helper(n);
  if (n > 0)
    r = r - rec(n - 1);
  return r;
}

int main(void) {
  printf("%ld\n", rec(12000));
  return 0;
}
