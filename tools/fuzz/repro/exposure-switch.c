/* exposure family, issue 14 class 1: the address leaves through a switch on
   its nibbles (control flow) into a hex string and comes back through
   strtoull after make() returned. c65cf00 moves make()'s malloc to the
   stack: free() of a stack address / ASan stack-use-after-return. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
static char note[17];
__attribute__((noinline)) static long make(long x) {
  long *p = malloc(4 * sizeof *p);
  p[0] = x; p[3] = x * 2;
  uintptr_t a = (uintptr_t)p;
  for (int i = 0; i < 16; i++) {
    char c;
    switch ((a >> (4 * i)) & 15) {
    case 0: c = '0'; break; case 1: c = '1'; break; case 2: c = '2'; break; case 3: c = '3'; break;
    case 4: c = '4'; break; case 5: c = '5'; break; case 6: c = '6'; break; case 7: c = '7'; break;
    case 8: c = '8'; break; case 9: c = '9'; break; case 10: c = 'a'; break; case 11: c = 'b'; break;
    case 12: c = 'c'; break; case 13: c = 'd'; break; case 14: c = 'e'; break; default: c = 'f'; break;
    }
    note[15 - i] = c;
  }
  return p[0];
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
int main(void) {
  long a = make(20);
  scribble();
  long *q = (long *)(uintptr_t)strtoull(note, NULL, 16);
  printf("%ld %ld\n", a, q[3]);
  free(q);
  return 0;
}
