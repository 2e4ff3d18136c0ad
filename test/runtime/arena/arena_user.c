/* An arena allocator whose free takes the arena first (arena.c), declared
   with alloc=arena_alloc:size=1:free=arena_free:ptr=1. Blocks that stay in
   their function move to the stack and their arena_free calls go; blocks
   that outlive it go back on the free list and are handed out again. The
   arenas are ordinary arguments: one that is itself a local heap object
   stays on the heap, since the allocator keeps it (its list of arenas, the
   back-pointer in each block's header). */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct arena shared;

struct node {
  struct node *next;
  long value;
};

__attribute__((noinline)) static long sum_squares(int n) {
  long s = 0;
  for (int i = 0; i < n; i++) {
    long *v = arena_alloc(&shared, 4 * sizeof(long)); /* h2s: stack */
    for (int k = 0; k < 4; k++)
      v[k] = (long)(i + k) * (i + k);
    s += v[0] + v[3];
    arena_free(&shared, v);
  }
  return s;
}

__attribute__((noinline)) static struct node *build_list(int n) {
  struct node *head = NULL;
  for (int i = 0; i < n; i++) {
    struct node *x = arena_alloc(&shared, sizeof *x); /* h2s: heap */
    x->value = i * 3 + 1;
    x->next = head;
    head = x;
  }
  return head;
}

__attribute__((noinline)) static long drop_list(struct node *head) {
  long s = 0;
  while (head) {
    struct node *next = head->next;
    s += head->value;
    arena_free(&shared, head);
    head = next;
  }
  return s;
}

/* The arena is a local heap object, handed only to the allocator. */
__attribute__((noinline)) static size_t local_arena(int k) {
  struct arena *a = calloc(1, sizeof *a); /* h2s: heap */
  char *buf = arena_alloc(a, 48); /* h2s: stack */
  snprintf(buf, 48, "local arena %d", k);
  size_t len = strlen(buf);
  arena_free(a, buf);
  return len;
}

int main(void) {
  long total = 0;
  for (int round = 0; round < 5; round++) {
    struct node *list = build_list(10 + round);
    total += sum_squares(20 + round);
    total += drop_list(list);
    total += (long)local_arena(round * 37);
  }
  /* Blocks freed above are handed out again here. */
  struct node *again = build_list(12);
  total += drop_list(again);
  printf("total %ld\n", total);
  arena_check();
  return 0;
}
