/* issue 14, class 2: show() only prints its pointer with %p, which exposes
   it (function-attrs: captures(address, provenance)); heap2stack at c65cf00
   publishes captures(none). After the fix the oracle must report nothing. */
#include <stdio.h>
__attribute__((noinline)) void show(int *p, char *out) { sprintf(out, "%p", (void *)p); }
int main(void) {
  int a = 1;
  char buf[32];
  int *q;
  show(&a, buf);
  sscanf(buf, "%p", (void **)&q);
  *q = 2;
  printf("%d\n", a);
  return 0;
}
