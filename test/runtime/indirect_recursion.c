/* Trap (DESIGN.md "Traps", recursion): a function that recurses through a function
   pointer is not in a recursive SCC of the call graph. Moving its 4 KiB
   buffer would need 16 MiB of stack at depth 4000 and crash; a call to an
   unknown function must count as possible recursion. (Recursion through
   another translation unit is the same case.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long (*volatile self)(int);

__attribute__((noinline)) static long rec(int n) {
  char *buf = malloc(4096); /* h2s: heap */
  memset(buf, n & 0x7f, 4096);
  long r = buf[n % 4096];
  if (n > 0)
    r += self(n - 1);
  r += buf[4095 - n % 4096];
  free(buf);
  return r;
}

int main(void) {
  self = rec;
  printf("%ld\n", rec(4000));
  return 0;
}
