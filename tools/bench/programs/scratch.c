/* scratch.c: per-iteration scratch arrays. An 8x8 block of an 8-bit image
 * is blurred in two passes (rows, then columns) through a temporary block,
 * and a calloc'ed histogram of the result gives the block's median, the
 * way block-based codecs and filters work. Each call allocates its scratch
 * block and its histogram, and frees both. The hand-written version
 * declares them as local arrays. */
#define BENCH_ITERS 1500000
#include "../bench.h"
#include <string.h>

#define B 8
#define IMG 256
static unsigned char image[IMG * IMG];

static void setup(void) {
  uint64_t s = 3;
  for (size_t i = 0; i < sizeof image; i++)
    image[i] = (unsigned char)(bench_rand(&s) & 0xff);
}

/* Median of a block's blurred pixels, with a histogram of 256 bins. */
static int block_median(const unsigned char *img, int bx, int by) {
#ifdef BENCH_HAND
  unsigned short tmp[B * B];
  unsigned hist[256] = {0};
#else
  unsigned short *tmp = malloc(B * B * sizeof *tmp);
  unsigned *hist = calloc(256, sizeof *hist);
  if (!tmp || !hist)
    abort();
#endif
  const unsigned char *src = img + by * B * IMG + bx * B;
  for (int y = 0; y < B; y++)
    for (int x = 0; x < B; x++) {
      int l = x > 0 ? src[y * IMG + x - 1] : src[y * IMG + x];
      int r = x < B - 1 ? src[y * IMG + x + 1] : src[y * IMG + x];
      tmp[y * B + x] = (unsigned short)(l + 2 * src[y * IMG + x] + r);
    }
  for (int y = 0; y < B; y++)
    for (int x = 0; x < B; x++) {
      int u = y > 0 ? tmp[(y - 1) * B + x] : tmp[y * B + x];
      int d = y < B - 1 ? tmp[(y + 1) * B + x] : tmp[y * B + x];
      hist[(u + 2 * tmp[y * B + x] + d) >> 4]++;
    }
  int seen = 0, m = 0;
  while (seen + (int)hist[m] < B * B / 2)
    seen += (int)hist[m++];
#ifndef BENCH_HAND
  free(tmp);
  free(hist);
#endif
  return m;
}

uint64_t op(uint64_t i) {
  int n = IMG / B;
  return (uint64_t)block_median(image, (int)(i % n), (int)(i / n % n));
}
