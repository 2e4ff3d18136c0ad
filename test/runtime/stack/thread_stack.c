/* Soundness (stack size), issue 15 reproducer 6: a thread with a 64 KiB
   stack runs outer(), which holds a 40,000-byte buffer across its call to
   inner(), which allocates 30,000 bytes: moved, 70 KB on a 64 KiB stack.
   Under the default options neither moves (max-size is 16 KiB, and a call
   path gets at most max-path-bytes, 32 KiB: a 128 KiB thread stack, musl's
   default, keeps 96 KiB for the program's own frames). Near miss: a chain
   of three 12,000-byte buffers, each held across the next call: the bottom
   two move (24,032 bytes with alignment), the top one would go over the
   path budget and stays. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long fill(char *buf, size_t n, int seed) {
  memset(buf, seed, n);
  return buf[n / 2] + buf[n - 1];
}

__attribute__((noinline)) static long inner(int seed) {
  char *buf = malloc(30000); /* h2s: heap */
  long r = fill(buf, 30000, seed);
  free(buf);
  return r;
}

__attribute__((noinline)) static long outer(int seed) {
  char *buf = malloc(40000); /* h2s: heap */
  long r = fill(buf, 40000, seed) + inner(seed + 1) + buf[39999];
  free(buf);
  return r;
}

__attribute__((noinline)) static long c3(int seed) {
  char *buf = malloc(12000); /* h2s: stack */
  long r = fill(buf, 12000, seed);
  free(buf);
  return r;
}

__attribute__((noinline)) static long c2(int seed) {
  char *buf = malloc(12000); /* h2s: stack */
  long r = fill(buf, 12000, seed) + c3(seed + 1) + buf[11999];
  free(buf);
  return r;
}

__attribute__((noinline)) static long c1(int seed) {
  char *buf = malloc(12000); /* h2s: heap */
  long r = fill(buf, 12000, seed) + c2(seed + 1) + buf[11999];
  free(buf);
  return r;
}

static void *worker(void *arg) {
  long *v = arg;
  *v = outer((int)*v) + c1((int)*v);
  return NULL;
}

int main(void) {
  pthread_attr_t a;
  pthread_attr_init(&a);
  pthread_attr_setstacksize(&a, 64 * 1024);
  long v[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    v[i] = i + 1;
    if (pthread_create(&t[i], &a, worker, &v[i]) != 0)
      return 1;
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld %ld %ld\n", v[0], v[1], v[2], v[3]);
  return 0;
}
