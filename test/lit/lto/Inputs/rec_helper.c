/* Issue 15 reproducer 3, second file: helper()'s 900-byte buffer moves to
   its stack at compile time; the link-time inliner must not copy it into
   rec_walk.c's recursive walk(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long helper(long d) {
  char *buf = malloc(900);
  snprintf(buf, 900, "%ld:%0*ld", d, 600, d);
  long r = (long)strlen(buf);
  free(buf);
  return r;
}
