/* Soundness (stack depth), issue 15 reproducer 2: a call site created
   after heap2stack ran. leaf()'s 960-byte buffer moves to leaf()'s frame;
   leaf() is reached only through apply(leaf, d). Inlining apply() into the
   recursive walk() turns the indirect call into a direct one, and the
   inliner would then copy leaf()'s buffer into every level of walk(),
   12,000 deep: 11.5 MB of an 8 MiB stack. The guard is on walk() itself
   (inline-max-stacksize, set before any inlining), so it holds for call
   sites that do not exist yet. Near miss: leaf()'s buffer still moves (to
   leaf()'s own frame, which lives only while leaf() runs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 12000

static long sum;

static void leaf(long d) {
  char *buf = malloc(960); /* h2s: stack */
  snprintf(buf, 960, "%ld:%0*ld", d, 700, d);
  sum += (long)strlen(buf);
  free(buf);
}

static void apply(void (*f)(long), long d) { f(d); }

__attribute__((noinline)) static long walk(int n) {
  long *note = malloc(48); /* h2s: heap (a cycle the pass sees: max-size-recursive 0) */
  note[0] = n;
  apply(leaf, n);
  long r = n > 0 ? walk(n - 1) - note[0] : 0;
  free(note);
  return r;
}

int main(void) {
  long r = walk(DEPTH);
  printf("%ld %ld\n", r, sum);
  return 0;
}
