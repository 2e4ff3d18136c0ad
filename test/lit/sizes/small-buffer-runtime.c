// The small variable-size buffer at run time, on both sides of K = 32:
// sizes 0, 16, 32 use the stack buffer, 33 and 4096 the heap, and the
// guarded free must free exactly the heap ones. calloc's buffer is reused by
// every iteration of a loop and must read as zeros each time, although the
// previous iteration scribbled over it. Outputs must equal the build
// without the plugin; AddressSanitizer (use-after-return on) stays silent,
// so nothing is written past the buffer and no stack memory is freed.
// RUN: env H2S_PLUGIN=%plugin %runtime-check %s | FileCheck %s
// CHECK-DAG: malloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
// CHECK-DAG: calloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
// CHECK: ok: 4 builds agree (exit 0,
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile size_t sizes[] = {0, 1, 16, 31, 32, 33, 64, 4096};

__attribute__((noinline)) static unsigned long checksum(size_t n) {
  unsigned char *p = malloc(n); /* h2s: stack */
  if (!p && n)
    return 0;
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char)(i * 31 + n);
  unsigned long s = n;
  for (size_t i = 0; i < n; i++)
    s = s * 131 + p[i];
  free(p);
  return s;
}

/* Out of line, so that the zeros are read at run time: -O2 folds loads of
   calloc'd memory nothing wrote into zeros, and then deletes the calloc
   (which heap2stack leaves to it: test/lit/growth/never-read.c). */
__attribute__((noinline)) static long count_nonzero(const unsigned char *p,
                                                    size_t n) {
  long k = 0;
  for (size_t i = 0; i < n; i++)
    k += p[i] != 0;
  return k;
}

/* Each iteration checks calloc's zeros, then dirties the memory. */
__attribute__((noinline)) static long zeros(size_t count, size_t size,
                                            int iters) {
  long nonzero = 0;
  for (int it = 0; it < iters; it++) {
    unsigned char *p = calloc(count, size); /* h2s: stack */
    if (!p)
      return -1;
    nonzero += count_nonzero(p, count * size);
    memset(p, 0xff, count * size);
    free(p);
  }
  return nonzero;
}

int main(void) {
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
    printf("malloc(%zu): %lu\n", sizes[i], checksum(sizes[i]));
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    size_t n = sizes[i];
    printf("calloc(%zu, 1): %ld nonzero\n", n, zeros(n, 1, 4));
    printf("calloc(4, %zu): %ld nonzero\n", n / 4, zeros(4, n / 4, 4));
  }
  return 0;
}
