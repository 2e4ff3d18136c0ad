/* stack family, issue 15 class 1: walk() recurses through qsort() and a
   comparator held in a global written at run time; digits()' 20,000-byte
   malloc is promoted and inlined into every level of walk. The heap version
   needs ~100 KB of the 256 KiB thread stack; c65cf00's needs 1 MB: SIGSEGV. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static unsigned long acc;
static int next = -1;
static void walk(int d);
int (*gcmp)(const void *, const void *);
static int cmp(const void *a, const void *b) {
  int l = next;
  if (l >= 0) { next = -1; walk(l); }
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}
static unsigned long digits(unsigned long v) {
  unsigned char *buf = malloc(20000);
  for (int i = 0; i < 20000; i += 61) buf[i] = (unsigned char)(v + i);
  unsigned long s = buf[61];
  free(buf);
  return s;
}
static void walk(int d) {
  acc = acc * 31 + digits((unsigned long)d);
  if (d > 0) { int arr[2] = {d, d - 1}; next = d - 1; qsort(arr, 2, sizeof(int), gcmp); }
}
static void *body(void *v) { gcmp = cmp; walk(50); return v; }
int main(void) {
  pthread_attr_t at; pthread_t th;
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, 256 << 10);
  pthread_attr_setguardsize(&at, 1 << 20);
  pthread_create(&th, &at, body, NULL);
  pthread_join(th, NULL);
  printf("%lu\n", acc);
  return 0;
}
/* h2s-cflags: -pthread */
