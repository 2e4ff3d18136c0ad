/* Issue 15 reproducer 3, first file: a recursive walk() calling a helper
   defined in rec_helper.c, 12,000 deep. */
#include <stdio.h>

long helper(long d); /* rec_helper.c: a 900-byte scratch buffer */

long walk(int n) {
  long r = helper(n);
  if (n > 0)
    r -= walk(n - 1);
  return r;
}

int main(void) {
  printf("%ld\n", walk(12000));
  return 0;
}
