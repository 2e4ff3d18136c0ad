/* alloc family, issue 14 class 2: a naked function's assembly stores its
   pointer argument in a global; its IR body never uses the parameter, so
   c65cf00 summarises it as not leaking and promotes make()'s malloc. */
#include <stdio.h>
#include <stdlib.h>
__attribute__((used)) void *kept;
__attribute__((naked, noinline)) void keep(void *p) { __asm__("movq %rdi, kept(%rip)\n\tret"); }
__attribute__((noinline)) static long make(long x) {
  long *p = malloc(2 * sizeof *p);
  p[0] = x; p[1] = x * 3;
  keep(p);
  return p[0];
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
int main(void) {
  long a = make(4);
  scribble();
  long *q = kept;
  printf("%ld %ld\n", a, q[1]);
  free(q);
  return 0;
}
