/* Soundness (stack depth), issue 15 reproducer 1, second form: walk()
   passes itself to visit(), defined in another translation unit
   (visit_other.c), which calls it back, 12,000 deep. Here walk() may
   recurse (its address is taken and it calls code the pass cannot see), so
   it gets the inlining guard: digits()' 4,000-byte buffer moves to digits()'
   own frame and is not inlined into walk(); and walk()'s own 1,000-byte
   buffer stays on the heap. Near misses: walk()'s 40-byte note moves (under
   max-size-may-recurse, 128 bytes a frame), and so does the buffer of
   once(), which nothing recursive reaches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 12000

void visit(long (*f)(int), int n); /* visit_other.c: calls f(n) */

static long total;

static long digits(int v) {
  char *buf = malloc(4000); /* h2s: stack */
  snprintf(buf, 4000, "%d:%0*d", v, 3000, v);
  long r = (long)strlen(buf);
  free(buf);
  return r;
}

__attribute__((noinline)) static long walk(int n) {
  char *scratch = malloc(1000); /* h2s: heap */
  long *note = malloc(40);      /* h2s: stack */
  memset(scratch, n & 0x7f, 1000);
  note[0] = n;
  total += digits(n) + scratch[n % 1000];
  if (n > 0)
    visit(walk, n - 1);
  long r = note[0] + scratch[999];
  free(note);
  free(scratch);
  return r;
}

__attribute__((noinline)) static long once(void) {
  char *buf = malloc(2000); /* h2s: stack */
  snprintf(buf, 2000, "%0*d", 1500, 7);
  long r = (long)strlen(buf);
  free(buf);
  return r;
}

int main(void) {
  long r = walk(DEPTH) + once();
  printf("%ld %ld\n", r, total);
  return 0;
}
