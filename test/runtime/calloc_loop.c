/* calloc in loops: the program relies on every iteration getting zeroed
   memory. One stack slot reused by all iterations must be zeroed again at the
   calloc on every execution, not once in the entry block. Covers a bitmap
   marked through a noinline helper, a conditional calloc, and a calloc in a
   nested loop whose inner iterations leave early. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void mark(unsigned char *bits, int n, int step) {
  for (int i = 0; i < n; i += step)
    bits[i / 8] |= (unsigned char)(1u << (i % 8));
}

__attribute__((noinline)) static int count(const unsigned char *bits, int bytes) {
  int c = 0;
  for (int i = 0; i < bytes; i++)
    c += __builtin_popcount(bits[i]);
  return c;
}

__attribute__((noinline)) static long bitmap_rounds(int rounds) {
  long total = 0;
  for (int r = 1; r <= rounds; r++) {
    unsigned char *bits = calloc(64, 1); /* h2s: stack */
    mark(bits, 512, r);
    total = total * 5 + count(bits, 64);
    free(bits);
  }
  return total;
}

__attribute__((noinline)) static long fold(int *v, int r, long total) {
  v[r % 8] += r;
  for (int k = 0; k < 8; k++)
    total = total * 3 % 1000003 + v[k];
  return total;
}

/* Only every third iteration takes the calloc path; the other iterations
   dirty the memory (the same slot, if both move). */
__attribute__((noinline)) static long conditional(int rounds) {
  long total = 0;
  for (int r = 0; r < rounds; r++) {
    if (r % 3 == 0) {
      int *v = calloc(8, sizeof *v); /* h2s: stack */
      total = fold(v, r, total);
      free(v);
    } else {
      int *w = malloc(8 * sizeof *w); /* h2s: stack */
      memset(w, 0xff, 8 * sizeof *w);
      total = fold(w, r, total);
      free(w);
    }
  }
  return total;
}

/* The same with one free of a phi of both: an ambiguous free, so both may
   stay on the heap; the result must not change either way. */
__attribute__((noinline)) static long merged(int rounds) {
  long total = 0;
  for (int r = 0; r < rounds; r++) {
    int *v;
    if (r % 3 == 0) {
      v = calloc(8, sizeof *v);
    } else {
      v = malloc(8 * sizeof *v);
      memset(v, 0xff, 8 * sizeof *v);
    }
    total = fold(v, r, total);
    free(v);
  }
  return total;
}

__attribute__((noinline)) static long nested(int n) {
  long total = 0;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      long *acc = calloc(4, sizeof *acc); /* h2s: stack */
      for (int k = 0; k <= j; k++)
        acc[k % 4] += i + k;
      if ((i + j) % 5 == 0) {
        total += acc[0];
        free(acc);
        continue;
      }
      total += acc[0] + acc[1] * 2 + acc[2] * 3 + acc[3] * 4;
      free(acc);
    }
  }
  return total;
}

int main(void) {
  printf("bitmap=%ld\n", bitmap_rounds(20));
  printf("conditional=%ld\n", conditional(30));
  printf("merged=%ld\n", merged(30));
  printf("nested=%ld\n", nested(12));
  return 0;
}
