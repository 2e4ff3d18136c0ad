/* multitu family, issue 14 classes 1 and 3 under LTO: show() in the second
   unit prints the address with %p; main's unit reads it back after make()
   returned. Compile time sees an unknown call and keeps the malloc; the
   link-time heap2stack (full LTO and ThinLTO, plugin loaded into lld)
   promotes it: SIGSEGV/wrong output. */
/* h2s-tus: 2 */
/* h2s-lto: full */
#include <stdio.h>
#include <stdlib.h>
#if H2S_TU != 2
void show(long *p, char *out);
static char note[40];
__attribute__((noinline)) static long make(long x) {
  long *p = malloc(4 * sizeof *p);
  p[0] = x; p[3] = x * 3;
  show(p, note);
  return p[0];
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
int main(void) {
  long a = make(6);
  scribble();
  void *v = NULL;
  sscanf(note, "%p", &v);
  long *q = v;
  printf("%ld %ld\n", a, q[3]);
  free(q);
  return 0;
}
#else
void show(long *p, char *out) { snprintf(out, 40, "%p", (void *)p); }
#endif
