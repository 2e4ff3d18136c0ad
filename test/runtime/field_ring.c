/* Field-sensitive objects (issue 16, DESIGN.md "Fields"): forty records
   linked into a ring inside one array, read by a noinline helper.
   - ring: the helper returns the int count at offset 0; the next/prev
     pointers at offsets 8 and 16 hold the array's own address, but no load
     of the count overlaps them: the array moves.
   Near misses, each keeps its array on the heap:
   - ring_next: the helper returns r->next, which the caller keeps in a
     global: the array's address really leaves.
   - ring_low_word: the helper loads 4 bytes at offset 8, the low half of
     the next pointer (a narrower load that overlaps pointer bytes carries
     them).
   - ring_word_at: the helper loads an int at a variable index of the
     record (any int of it may be pointer bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
  int count;
  struct rec *next, *prev;
};

static struct rec *kept;

static inline __attribute__((always_inline)) void link_ring(struct rec *a, int n) {
  for (int i = 0; i < 40; i++) {
    a[i].count = i * n;
    a[i].next = &a[(i + 1) % 40];
    a[i].prev = &a[(i + 39) % 40];
  }
}

__attribute__((noinline)) static int first_count(struct rec *r) {
  return r->count;
}

__attribute__((noinline)) static int ring(int n) {
  struct rec *a = malloc(40 * sizeof *a); /* h2s: stack */
  link_ring(a, n);
  int r = first_count(a) + first_count(&a[3]);
  free(a);
  return r;
}

__attribute__((noinline)) static struct rec *first_next(struct rec *r) {
  return r->next;
}

__attribute__((noinline)) static int ring_next(int n) {
  struct rec *a = malloc(40 * sizeof *a); /* h2s: heap */
  link_ring(a, n);
  kept = first_next(a);
  return kept->count;
}

__attribute__((noinline)) static unsigned low_word(struct rec *r) {
  unsigned w;
  memcpy(&w, (char *)r + 8, sizeof w);
  return w;
}

__attribute__((noinline)) static unsigned ring_low_word(int n) {
  struct rec *a = malloc(40 * sizeof *a); /* h2s: heap */
  link_ring(a, n);
  /* &a[1] - &a[2] in the low 32 bits: the same wherever a lives */
  unsigned d = low_word(a) - low_word(&a[1]);
  free(a);
  return d;
}

__attribute__((noinline)) static int word_at(struct rec *r, int k) {
  int w;
  memcpy(&w, (char *)r + 4 * k, sizeof w);
  return w;
}

__attribute__((noinline)) static int ring_word_at(int n, int k) {
  struct rec *a = malloc(40 * sizeof *a); /* h2s: heap */
  link_ring(a, n);
  int w = word_at(&a[2], k);
  free(a);
  return w;
}

int main(int argc, char **argv) {
  (void)argv;
  int n = argc + 2;
  printf("ring %d\n", ring(n));
  printf("ring_next %d\n", ring_next(n));
  free(kept - 1);
  printf("ring_low_word %u\n", ring_low_word(n));
  printf("ring_word_at %d\n", ring_word_at(n, argc - 1));
  return 0;
}
