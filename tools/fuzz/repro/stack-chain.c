/* stack family, issue 15 classes 5 and 6: a chain of distinct functions
   (no recursion), each holding a 26,000-byte buffer across the call to the
   next, on a 64 KiB thread stack. All four move at c65cf00: SIGSEGV. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#define LINK(name, next) \
  __attribute__((noinline)) static unsigned long name(unsigned long x) { \
    unsigned char *b = malloc(26000); \
    for (int i = 0; i < 26000; i += 61) b[i] = (unsigned char)(x + i); \
    unsigned long r = next(x + 1) * 131 + b[610]; \
    free(b); \
    return r; }
static unsigned long end(unsigned long x) { return x; }
LINK(c3, end) LINK(c2, c3) LINK(c1, c2) LINK(c0, c1)
static unsigned long result;
static void *body(void *v) { result = c0(5); return v; }
int main(void) {
  pthread_attr_t at; pthread_t th;
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, 64 << 10);
  pthread_attr_setguardsize(&at, 1 << 20);
  pthread_create(&th, &at, body, NULL);
  pthread_join(th, NULL);
  printf("%lu\n", result);
  return 0;
}
/* h2s-cflags: -pthread */
