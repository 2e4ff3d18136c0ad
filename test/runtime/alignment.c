/* Trap (DESIGN.md "Traps"): code that tests a pointer's alignment. A promoted object
   must be aligned at least as its allocator guarantees: 16 bytes
   (_Alignof(max_align_t)) for malloc and calloc even for tiny sizes (the
   Attributor gave malloc(4) an align-1 slot, llvm#54747), the requested
   alignment for aligned_alloc and posix_memalign-like uses. The tests are
   done inline (ptrtoint feeding only a constant low-bit mask: the rule that
   keeps such an object local). Near miss: a noinline checker whose mask is
   not a constant may read any bit of the address, so its object is exposed
   and stays on the heap. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((always_inline)) static inline int aligned_to(const void *p,
                                                            size_t a) {
  return ((uintptr_t)p & (a - 1)) == 0;
}

__attribute__((noinline)) static int aligned_to_any(const void *p, size_t a) {
  return ((uintptr_t)p & (a - 1)) == 0;
}

static volatile size_t mask_arg = 16;

__attribute__((noinline)) static int variable_mask(size_t a) {
  char *p = malloc(8); /* h2s: heap */
  memset(p, 1, 8);
  int ok = aligned_to_any(p, a);
  int sum = p[0] + p[7] + ok * 100;
  free(p);
  return sum;
}

/* Stack objects around the allocations perturb the frame layout. */
__attribute__((noinline)) static int tiny(int i) {
  char pad[3];
  memset(pad, i, sizeof pad);
  char *p = malloc(4); /* h2s: stack */
  memcpy(p, pad, 3);
  p[3] = (char)i;
  int ok = aligned_to(p, _Alignof(max_align_t));
  int sum = p[0] + p[3] + ok * 100;
  free(p);
  return sum;
}

__attribute__((noinline)) static int inline_test(int i) {
  char pad[5];
  memset(pad, i, sizeof pad);
  long double *p = malloc(sizeof(long double) * 2); /* h2s: stack */
  p[0] = i;
  p[1] = pad[4];
  int ok = ((uintptr_t)p & 15) == 0;
  int r = (int)(p[0] + p[1]) + ok * 1000;
  free(p);
  return r;
}

__attribute__((noinline)) static int zeroed(int i) {
  char pad[7];
  memset(pad, i, sizeof pad);
  int *p = calloc(3, sizeof(int)); /* h2s: stack */
  p[1] = pad[6];
  int ok = aligned_to(p, 16);
  int r = p[0] + p[1] + p[2] + ok * 10000;
  free(p);
  return r;
}

__attribute__((noinline)) static int over_aligned(int i) {
  char pad[9];
  memset(pad, i, sizeof pad);
  double *p = aligned_alloc(64, 64); /* h2s: stack */
  p[0] = pad[8];
  p[7] = i;
  int ok = aligned_to(p, 64);
  int r = (int)(p[0] + p[7]) + ok * 100000;
  free(p);
  return r;
}

__attribute__((noinline)) static int page_aligned(int i) {
  char pad[11];
  memset(pad, i, sizeof pad);
  char *p = aligned_alloc(4096, 4096); /* h2s: stack */
  p[0] = pad[10];
  p[4095] = (char)i;
  int ok = aligned_to(p, 4096);
  int r = p[0] + p[4095] + ok * 1000000;
  free(p);
  return r;
}

int main(void) {
  long sum = 0;
  for (int i = 0; i < 20; i++) {
    int a = tiny(i), b = inline_test(i), c = zeroed(i), d = over_aligned(i),
        e = page_aligned(i);
    if (i < 3)
      printf("%d %d %d %d %d\n", a, b, c, d, e);
    sum += a + b + c + d + e;
  }
  printf("sum=%ld variable=%d\n", sum, variable_mask(mask_arg));
  return 0;
}
