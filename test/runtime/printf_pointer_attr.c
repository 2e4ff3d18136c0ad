/* Issue 14, class 2: a standard attribute stronger than LLVM's semantics
   miscompiles callers even when nothing moves. show() prints its pointer
   with %p; main reads it back with %p (C11 7.21.6.2 guarantees the round
   trip) and writes its local `a` through it. Had show's parameter been
   published captures(none), GVN would forward the a = 1 stored after the
   call across that write and print 1 (-O0 and plain -O2 print 2). Near miss: peek() only reads through its pointer, gets
   captures(none), and the object it reads moves to the stack. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static void show(int *p, char *out) {
  sprintf(out, "%p", (void *)p);
}

__attribute__((noinline)) static int peek(const int *p) { return *p + 1; }

int main(void) {
  int a = 0;
  char buf[64];
  show(&a, buf);
  a = 1;
  void *q = NULL;
  if (sscanf(buf, "%p", &q) != 1)
    return 1;
  *(int *)q = 2;
  printf("%d\n", a);
  int *box = malloc(sizeof *box); /* h2s: stack */
  *box = 40 + a;
  printf("%d\n", peek(box));
  free(box);
  return 0;
}
