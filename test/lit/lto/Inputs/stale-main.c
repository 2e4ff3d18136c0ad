/* lto/stale-summary.test: at link time, IPSCCP folds pick's pointer
   parameter into &slots (its only argument) and DeadArgElim removes it; the
   summary written at compile time must not be read for the new pick. */
#include <stdio.h>
#include <stdlib.h>

int **pick(int **base, _Bool second);
static int *slots[2];

__attribute__((noinline)) void publish(int second, int v) {
  int *p = malloc(sizeof *p);
  *p = v;
  *pick(slots, second) = p;
}

__attribute__((noinline)) static long churn(int n) {
  volatile int buf[1024];
  for (int i = 0; i < 1024; i++)
    buf[i] = n;
  return buf[n];
}

int main(int argc, char **argv) {
  publish(argc > 1, 42);
  churn(7);
  printf("%d\n", *slots[argc > 1]);
  return 0;
}
