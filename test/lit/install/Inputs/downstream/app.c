#include <stdio.h>
#include <stdlib.h>
int main(void) {
  char *buf = malloc(32);
  snprintf(buf, 32, "downstream %d", 42);
  puts(buf);
  free(buf);
  return 0;
}
