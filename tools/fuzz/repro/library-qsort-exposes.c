/* library family: a qsort comparator exposes the element it was handed
   (%p into a string); the array is reached again after sort() returned.
   c65cf00 promotes sort()'s malloc (qsort "hands elements to its
   comparator, whose summary decides", and the summary misses %p). */
#include <stdio.h>
#include <stdlib.h>
static char note[40];
static int have;
static int cmp(const void *a, const void *b) {
  if (!have) { snprintf(note, sizeof note, "%p", a); have = 1; }
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}
__attribute__((noinline)) static void sort(long x) {
  long *a = malloc(3 * sizeof *a);
  /* Equal elements: which one the comparator sees first depends on the
     qsort (ASan's interceptor compares in another order than glibc). */
  a[0] = a[1] = a[2] = x % 7 + 40;
  qsort(a, 3, sizeof *a, cmp);
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
int main(void) {
  sort(100);
  scribble();
  void *v = NULL;
  sscanf(note, "%p", &v);
  printf("%ld\n", *(long *)v);
  return 0;
}
