/* Parameters whose capture attribute heap2stack may publish and LLVM's
   function-attrs infers as well: the oracle must find nothing stronger. */
#include <stdlib.h>
#include <string.h>
__attribute__((noinline)) long read_two(const long *p) { return p[0] + p[1]; }
__attribute__((noinline)) void fill(long *p, long v) { for (int i = 0; i < 4; i++) p[i] = v + i; }
__attribute__((noinline)) void copy_in(char *dst, const char *src) { memcpy(dst, src, 8); }
__attribute__((noinline)) long *pass_back(long *p) { return p + 1; }
int main(void) {
  long *p = malloc(4 * sizeof *p);
  char a[8] = "abcdefg", b[8];
  fill(p, 3);
  copy_in(b, a);
  long r = read_two(p) + *pass_back(p) + b[2];
  free(p);
  return (int)(r & 1);
}
