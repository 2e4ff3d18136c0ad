/* Trap (DESIGN.md "Traps"): a struct returned by value that holds a malloc'd pointer.
   A large struct is returned through a hidden sret slot in the caller's
   frame (a store through a parameter); a small one is returned in registers
   (an aggregate return value). Either way the object outlives the callee. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct big {
  char *text;
  long a, b, c, d;
};

struct small {
  char *text;
  long len;
};

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static struct big make_big(int i) {
  struct big r;
  r.text = malloc(40); /* h2s: heap */
  snprintf(r.text, 40, "big struct %d", i);
  r.a = i;
  r.b = i * 2;
  r.c = i * 3;
  r.d = (long)strlen(r.text);
  return r;
}

__attribute__((noinline)) static struct small make_small(int i) {
  struct small r;
  r.text = malloc(24); /* h2s: heap */
  snprintf(r.text, 24, "small %d", i);
  r.len = (long)strlen(r.text);
  return r;
}

/* Builds the struct in a local and copies it out with memcpy. */
__attribute__((noinline)) static struct big make_big_memcpy(int i) {
  struct big tmp, r;
  tmp.text = malloc(40); /* h2s: heap */
  snprintf(tmp.text, 40, "copied big %d", i);
  tmp.a = tmp.b = tmp.c = tmp.d = i;
  memcpy(&r, &tmp, sizeof r);
  return r;
}

int main(void) {
  unsigned h = 0;
  for (int i = 0; i < 5; i++) {
    struct big b = make_big(i);
    struct small s = make_small(i * 7);
    struct big c = make_big_memcpy(i * 13);
    clobber();
    printf("%s %ld %ld %ld %ld | %s %ld | %s %ld\n", b.text, b.a, b.b, b.c,
           b.d, s.text, s.len, c.text, c.d);
    for (const char *p = b.text; *p; p++)
      h = h * 31 + (unsigned char)*p;
    free(b.text);
    free(s.text);
    free(c.text);
  }
  printf("checksum=%u\n", h);
  return 0;
}
