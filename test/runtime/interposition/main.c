/* Interposes the library's keep() with one that keeps the pointer. */
#include <stdio.h>
#include <string.h>

long user(int i);

static char *kept[8];
static int nkept;

long keep(char *p) {
  kept[nkept++] = p;
  return (long)strlen(p);
}

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

int main(void) {
  long t = 0;
  for (int i = 0; i < 3; i++) {
    t += user(i);
    clobber();
  }
  for (int i = 0; i < nkept; i++)
    printf("%s\n", kept[i]);
  printf("%ld\n", t);
  return 0;
}
