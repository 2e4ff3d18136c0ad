/* Input of e2e.test: what clang and the plugin do with each allocation. */
#include <stdlib.h>
void sink(int *);
int *global;
__attribute__((noinline)) static int sum(const int *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += p[i];
  return s;
}
int promoted(void) {
  int *p = malloc(16 * sizeof(int));
  for (int i = 0; i < 16; i++)
    p[i] = i;
  int s = sum(p, 16);
  free(p);
  return s;
}
int *returned(void) { return malloc(24); }
void stored_to_global(void) { global = malloc(8); }
void passed_to_unknown(void) { sink(malloc(16)); }
