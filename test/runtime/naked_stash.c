/* Issue 14, class 2: a naked function's IR never uses its parameter (the
   body is assembly), yet here the assembly stores it in a global. Such a
   function gets no summary, so the object handed to it stays on the heap.
   Near miss: the same hand-off through a plain function that only reads
   the object moves it. */
#include <stdio.h>
#include <stdlib.h>

void *stash;

#if defined(__x86_64__)
__attribute__((naked, noinline)) void keep(int *p) {
  __asm__("movq %rdi, stash(%rip)\n\tret");
}
#else
__attribute__((noinline)) void keep(int *p) { stash = p; }
#endif

__attribute__((noinline)) static int peek(const int *p) { return *p; }

__attribute__((noinline)) static void hand_off(int v) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = v;
  keep(p);
}

__attribute__((noinline)) static int read_only(int v) {
  int *p = malloc(sizeof *p); /* h2s: stack */
  *p = v;
  int r = peek(p);
  free(p);
  return r;
}

__attribute__((noinline)) static long churn(int n) {
  volatile int buf[256];
  for (int i = 0; i < 256; i++)
    buf[i] = n;
  return buf[n];
}

int main(void) {
  hand_off(42);
  churn(7);
  printf("%d\n", *(int *)stash);
  printf("%d\n", read_only(5));
  free(stash);
  return 0;
}
