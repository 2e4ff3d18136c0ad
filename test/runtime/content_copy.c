/* Trap (DESIGN.md "Traps"): a callee that does not keep the pointer it receives but
   copies the object's contents elsewhere. The box is passed by address; the
   callee copies the box (and so the string pointer inside it) into a global
   array. The string must stay on the heap. Copies are made by structure
   assignment in a defined function, by memcpy, and by the libc function
   mempcpy (whose source parameter is captures(none)). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *text;
  long n;
};

static struct box kept[32];
static int nkept;

__attribute__((noinline)) static void copy_assign(const struct box *b) {
  kept[nkept++] = *b;
}

__attribute__((noinline)) static void copy_memcpy(const struct box *b) {
  memcpy(&kept[nkept++], b, sizeof *b);
}

__attribute__((noinline)) static void copy_mempcpy(const struct box *b) {
  char *end = mempcpy(&kept[nkept], b, sizeof *b);
  nkept += (int)((end - (char *)&kept[nkept]) / (long)sizeof *b);
}

/* Only reads through the box: the near miss, both objects may move. (It
   reads no integer field of the box: the analysis is field-insensitive, and
   an integer loaded from an object that holds a pointer may be that pointer.) */
__attribute__((noinline)) static long read_only(const struct box *b) {
  return (long)strlen(b->text);
}

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 7);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static long by_assign(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->text = malloc(32); /* h2s: heap */
  snprintf(b->text, 32, "assigned %d", i);
  b->n = i;
  copy_assign(b);
  long r = read_only(b);
  free(b);
  return r;
}

__attribute__((noinline)) static long by_memcpy(int i) {
  struct box b;
  b.text = malloc(32); /* h2s: heap */
  snprintf(b.text, 32, "memcpy'd %d", i);
  b.n = i;
  copy_memcpy(&b);
  return read_only(&b);
}

__attribute__((noinline)) static long by_mempcpy(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->text = malloc(32); /* h2s: heap */
  snprintf(b->text, 32, "mempcpy'd %d", i);
  b->n = i;
  copy_mempcpy(b);
  long r = read_only(b);
  free(b);
  return r;
}

__attribute__((noinline)) static long no_copy(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->text = malloc(32); /* h2s: stack */
  snprintf(b->text, 32, "read only %d", i);
  /* A constant: a variable integer stored into the box could be a pointer
     converted to an integer, and would make the load of b->text unknown. */
  b->n = 1;
  long r = read_only(b);
  free(b->text);
  free(b);
  return r;
}

int main(void) {
  long sum = 0;
  for (int i = 0; i < 5; i++) {
    sum += by_assign(i);
    sum += by_memcpy(i * 3);
    sum += by_mempcpy(i * 5);
    sum += no_copy(i * 7);
    clobber();
  }
  unsigned h = 0;
  for (int i = 0; i < nkept; i++) {
    printf("%s (%ld)\n", kept[i].text, kept[i].n);
    for (const char *p = kept[i].text; *p; p++)
      h = h * 31 + (unsigned char)*p;
    free(kept[i].text);
  }
  printf("sum=%ld checksum=%u\n", sum, h);
  return 0;
}
