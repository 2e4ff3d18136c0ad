/* bench.h: the harness every benchmark program includes (C and C++).
 *
 * A program defines BENCH_ITERS (calls of op() in a full run), includes
 * this file, and defines
 *   uint64_t op(uint64_t i);    one operation, kept out of line
 *   static void setup(void);    builds the inputs (may do nothing)
 * main() runs op() for `iters` calls (argv[1]; by default BENCH_ITERS
 * times $BENCH_SCALE, itself 1 by default; 0 measures nothing and only runs
 * setup, which the allocation counter uses as its baseline), after a
 * warm-up of iters/8 calls, and prints
 *   ns_per_op=<float> checksum=<hex> calls=<warm-up + timed calls>
 * The time is the process's CPU time (CLOCK_PROCESS_CPUTIME_ID), which
 * a busy machine disturbs less than wall time; it includes helper threads
 * (Boehm's parallel markers). The checksum folds every op() result: all four builds of a program must
 * print the same one, or a build computes something else.
 *
 * Built with -DBENCH_HAND, a program uses its hand-written stack version. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_NOINLINE __attribute__((noinline))
BENCH_NOINLINE uint64_t op(uint64_t i);
static void setup(void);

/* Hide a value from the optimizer so that inputs are not constant-folded
 * and results are not thrown away. */
#define BENCH_OPAQUE(x) __asm__ volatile("" : "+r"(x))

static uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A small deterministic generator for inputs (splitmix64). */
static inline uint64_t bench_rand(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

int main(int argc, char **argv) {
  const char *scale = getenv("BENCH_SCALE");
  long iters = argc > 1 ? strtol(argv[1], NULL, 10)
                        : (long)(BENCH_ITERS * (scale ? atof(scale) : 1.0));
  setup();
  if (iters <= 0) {
    printf("ns_per_op=0 checksum=0 calls=0\n");
    return 0;
  }
  uint64_t sum = 0;
  long warm = iters / 8;
  for (long i = 0; i < warm; i++)
    sum += op((uint64_t)i);
  sum = 0;
  uint64_t t0 = bench_now_ns();
  for (long i = 0; i < iters; i++) {
    uint64_t k = (uint64_t)i;
    BENCH_OPAQUE(k);
    sum = sum * 31 + op(k);
  }
  uint64_t t1 = bench_now_ns();
  printf("ns_per_op=%.3f checksum=%016llx calls=%ld\n",
         (double)(t1 - t0) / (double)iters, (unsigned long long)sum,
         warm + iters);
  return 0;
}
