/* Trap: a pointer inside a struct passed by value. A 24-byte struct goes in
   memory (a byval copy the callee may keep pointers from), a 16-byte one in
   registers; both to a defined callee that keeps the pointer and, for the
   big one, to an indirect call too. The near miss reads the string and only
   keeps its length. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct big {
  char *p;
  long a, b;
};

struct small {
  char *p;
  long a;
};

static char *g1, *g2, *g3;

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void keep_big(struct big b) { g1 = b.p; }

static void keep_big_hooked(struct big b) { g2 = b.p; }
static void (*volatile hook)(struct big) = keep_big_hooked;

__attribute__((noinline)) static void keep_small(struct small s) { g3 = s.p; }

__attribute__((noinline)) static long length(struct big b) {
  return (long)strlen(b.p);
}

__attribute__((noinline)) static long pass(int i) {
  struct big b = {malloc(32), i, 2}; /* h2s: heap */
  snprintf(b.p, 32, "byval %d", i);
  keep_big(b);
  struct big c = {malloc(32), i, 3}; /* h2s: heap */
  snprintf(c.p, 32, "hooked %d", i);
  hook(c);
  struct small s = {malloc(32), 5}; /* h2s: heap */
  snprintf(s.p, 32, "small %d", i);
  keep_small(s);
  return 0;
}

/* In a function of its own: one with an indirect call (hook) may be
   re-entered through it, and the pass then treats it as recursive. */
__attribute__((noinline)) static long read_only(int i) {
  struct big d = {malloc(32), 1, 4}; /* h2s: stack */
  snprintf(d.p, 32, "read %d", i);
  long r = length(d);
  free(d.p);
  return r;
}

int main(void) {
  long t = 0;
  for (int i = 0; i < 3; i++) {
    t += pass(i) + read_only(i);
    clobber();
    printf("%s %s %s\n", g1, g2, g3);
  }
  printf("t=%ld\n", t);
  return 0;
}
