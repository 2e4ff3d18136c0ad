/* Soundness (stack size): threads created with a 64 KiB stack (as
   servers and coroutine libraries do) run a helper with a 60 KiB scratch
   buffer, which would overflow the thread's stack if moved. The default
   max-size (16 KiB) and call-path budget (32 KiB) keep it on the heap. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long work(int seed) {
  char *buf = malloc(60 * 1024); /* h2s: heap */
  memset(buf, seed, 60 * 1024);
  long s = 0;
  for (int i = 0; i < 60 * 1024; i += 512)
    s += buf[i] + (i & 7);
  free(buf);
  return s;
}

static void *worker(void *arg) {
  long *out = arg;
  *out = work((int)*out);
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
    pthread_create(&t[i], &a, worker, &v[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld %ld %ld\n", v[0], v[1], v[2], v[3]);
  return 0;
}
