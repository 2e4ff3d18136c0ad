/* Soundness (stack depth), issue 15 reproducer 1: recursion through a
   library callback. walk() sorts two keys with qsort, whose comparator,
   held in a global table, calls walk() again: a cycle only through code the
   pass cannot see (qsort), 3,000 deep. digits() is not recursive: its
   4,000-byte buffer moves to its own frame, and the inlining guard on
   walk() (inline-max-stacksize) keeps it there, so that it lives only while
   digits() runs, as the heap block did. Inlined into every level of walk(),
   it would need 12 MB of an 8 MiB stack. walk()'s own 1,000-byte buffer
   stays on the heap (walk() may recurse: max-size-may-recurse, 128 bytes a
   frame); near miss: its 40-byte note moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 3000

static long walk(int n);

/* The level qsort's comparator walks next; -1 once walked (sanitizers call
   comparators more often than qsort does). */
static int pending = -1;

static int by_walking(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  if (pending >= 0) {
    int m = pending;
    pending = -1;
    walk(m);
  }
  return x - y;
}

/* The comparator is reached through a global, not named at the call. */
static int (*volatile const comparators[])(const void *, const void *) = {
    by_walking};

static long total;

static long digits(int v) {
  char *buf = malloc(4000); /* h2s: stack */
  snprintf(buf, 4000, "%d:%0*d", v, 3000, v);
  long r = (long)strlen(buf);
  free(buf);
  return r;
}

__attribute__((noinline)) static long walk(int n) {
  char *scratch = malloc(1000); /* h2s: heap */
  long *note = malloc(40);      /* h2s: stack */
  memset(scratch, n & 0x7f, 1000);
  note[0] = n;
  total += digits(n) + scratch[n % 1000];
  if (n > 0) {
    int keys[2] = {n, 1};
    pending = n - 1;
    qsort(keys, 2, sizeof *keys, comparators[0]);
  }
  long r = note[0] + scratch[999];
  free(note);
  free(scratch);
  return r;
}

int main(void) {
  long r = walk(DEPTH);
  printf("%ld %ld\n", r, total);
  return 0;
}
