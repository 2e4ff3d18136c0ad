/* Address exposure (issue: "address bits leave the integer data flow").
   Each helper lets an object's address out through something other than a
   pointer: %p text read back by sscanf, %lx text read back by strtoul, a
   search loop comparing the integer with a counter, a bit-by-bit branch, a
   table of address bytes. The caller then reads the object through the
   rebuilt pointer after the helper returned: a wrong promotion reads a dead
   frame (wrong output, or an ASan stack-use-after-return). Near misses
   (alignment tests, offsets within the object, %s, %d of contents) move. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char note[64];
static uintptr_t found;
static unsigned char bytes[sizeof(void *)];

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 7);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void by_percent_p(void) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = 42;
  sprintf(note, "%p", (void *)p);
}

__attribute__((noinline)) static void by_percent_lx(void) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = 43;
  uintptr_t bits;
  memcpy(&bits, &p, sizeof bits);
  snprintf(note, sizeof note, "%lx", (unsigned long)bits);
}

/* A format that is not a literal: it may say %p (it does). */
static const char *volatile fmt_var = "%p";
__attribute__((noinline)) static void by_format_variable(void) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = 46;
  snprintf(note, sizeof note, fmt_var, (void *)p);
}

/* The integer is compared, bit by bit, with a mask: control flow only. */
__attribute__((noinline)) static void by_branches(void) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = 44;
  uintptr_t a = (uintptr_t)p, r = 0;
  for (int i = 0; i < (int)(8 * sizeof a); i++)
    if (a & ((uintptr_t)1 << i))
      r |= (uintptr_t)1 << i;
  found = r;
}

/* The pointer's bytes, copied out one at a time through a table. */
__attribute__((noinline)) static void by_table(void) {
  int *p = malloc(sizeof *p); /* h2s: heap */
  *p = 45;
  static const unsigned char id[256] = {
#define R16(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15
      R16(0), R16(16), R16(32), R16(48), R16(64), R16(80), R16(96), R16(112),
      R16(128), R16(144), R16(160), R16(176), R16(192), R16(208), R16(224),
      R16(240)};
  unsigned char raw[sizeof p];
  memcpy(raw, &p, sizeof p);
  for (size_t i = 0; i < sizeof p; i++)
    bytes[i] = id[raw[i]];
}

__attribute__((noinline)) static int get(const int *v) { return *v; }

/* Near misses: an alignment test, an offset within the object, %s and %d
   of the contents. */
__attribute__((noinline)) static int near_misses(int k) {
  char *s = malloc(16); /* h2s: stack */
  snprintf(s, 16, "abc%d", k);
  int aligned = ((uintptr_t)s & 15) == 0;
  char *end = s + strlen(s);
  long len = end - s;
  printf("%s %d %ld\n", s, aligned, len);
  int *v = malloc(sizeof *v); /* h2s: stack */
  *v = k * 3;
  printf("%d\n", get(v));
  free(v);
  free(s);
  return (int)len;
}

int main(void) {
  void *q;
  by_percent_p();
  clobber();
  sscanf(note, "%p", &q);
  printf("%%p: %d\n", *(int *)q);
  free(q);

  by_percent_lx();
  clobber();
  q = (void *)(uintptr_t)strtoul(note, NULL, 16);
  printf("%%lx: %d\n", *(int *)q);
  free(q);

  by_format_variable();
  clobber();
  sscanf(note, "%p", &q);
  printf("variable format: %d\n", *(int *)q);
  free(q);

  by_branches();
  clobber();
  q = (void *)found;
  printf("branches: %d\n", *(int *)q);
  free(q);

  by_table();
  clobber();
  memcpy(&q, bytes, sizeof q);
  printf("table: %d\n", *(int *)q);
  free(q);

  return near_misses(7) == 4 ? 0 : 1;
}
