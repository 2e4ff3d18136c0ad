/* exposure family, issue 14 class 1: the address is rebuilt bit by bit from
   a select per bit (0x5a/0xa5 bytes in a global). c65cf00 promotes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
static unsigned char bits[64];
__attribute__((noinline)) static long make(long x) {
  long *p = malloc(2 * sizeof *p);
  p[0] = x; p[1] = x + 5;
  uintptr_t a = (uintptr_t)p;
  for (int i = 0; i < 64; i++) bits[i] = ((a >> i) & 1) ? 0x5a : 0xa5;
  return p[0];
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
int main(void) {
  long a = make(7);
  scribble();
  uintptr_t u = 0;
  for (int i = 0; i < 64; i++) if (bits[i] == 0x5a) u |= (uintptr_t)1 << i;
  long *q = (long *)u;
  printf("%ld %ld\n", a, q[1]);
  free(q);
  return 0;
}
