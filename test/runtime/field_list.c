/* Field-sensitive objects (issue 16, DESIGN.md "Fields"): a three-node
   local list summed by a noinline helper that returns an int.
   - local_list: sum_list reads each node's int value and follows its next
     pointer; nothing it returns is a pointer: the three nodes move.
   Near misses:
   - local_list_last: the helper returns the last node's address (as a
     pointer, which the caller keeps in a global): all three stay on the
     heap (each may be the last one).
   - local_list_bits: the helper sums the next pointers' bytes as integers:
     the nodes they point to stay on the heap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
  int val;
  struct node *next;
};

static struct node *kept;

__attribute__((noinline)) static int sum_list(const struct node *n) {
  int s = 0;
  for (; n; n = n->next)
    s += n->val;
  return s;
}

__attribute__((noinline)) static int local_list(int k) {
  struct node *c = malloc(sizeof *c); /* h2s: stack */
  struct node *b = malloc(sizeof *b); /* h2s: stack */
  struct node *a = malloc(sizeof *a); /* h2s: stack */
  c->val = k;
  c->next = NULL;
  b->val = k + 1;
  b->next = c;
  a->val = k + 2;
  a->next = b;
  int s = sum_list(a);
  free(a);
  free(b);
  free(c);
  return s;
}

__attribute__((noinline)) static struct node *last_node(struct node *n) {
  while (n->next)
    n = n->next;
  return n;
}

__attribute__((noinline)) static int local_list_last(int k) {
  struct node *c = malloc(sizeof *c); /* h2s: heap */
  struct node *b = malloc(sizeof *b); /* h2s: heap */
  struct node *a = malloc(sizeof *a); /* h2s: heap */
  c->val = k;
  c->next = NULL;
  b->val = k + 1;
  b->next = c;
  a->val = k + 2;
  a->next = b;
  kept = last_node(a);
  free(a);
  free(b);
  return kept->val;
}

__attribute__((noinline)) static uintptr_t next_bits(const struct node *n) {
  uintptr_t s = 0;
  for (; n; n = n->next)
    s ^= (uintptr_t)n->next;
  return s;
}

__attribute__((noinline)) static int local_list_bits(int k) {
  struct node *c = malloc(sizeof *c); /* h2s: heap */
  struct node *b = malloc(sizeof *b); /* h2s: heap */
  struct node *a = malloc(sizeof *a);
  c->val = k;
  c->next = NULL;
  b->val = k + 1;
  b->next = c;
  a->val = k + 2;
  a->next = b;
  /* b ^ c has the same low bits wherever they are (both 16-aligned) */
  int r = (int)(next_bits(a) & 15);
  free(a);
  free(b);
  free(c);
  return r;
}

int main(int argc, char **argv) {
  (void)argv;
  printf("local_list %d\n", local_list(argc + 2));
  printf("local_list_last %d\n", local_list_last(argc + 2));
  free(kept);
  printf("local_list_bits %d\n", local_list_bits(argc + 2));
  return 0;
}
