/* Known limit (issue 3): a small tree built and consumed within one call,
   as trees usually are: nodes hold two child pointers and an integer value,
   and a noinline recursive walker sums the values. The nodes are private to
   build_and_sum, but the analysis is field-insensitive and tracks integers
   like pointers (a pointer may be stored as an integer and read back), so
   the sum, read from the nodes, may be a node's address, and it is
   returned: the six nodes whose addresses are stored in other nodes stay
   on the heap. The root, whose address is stored nowhere, moves. See
   local_tree.c for a tree whose walker only compares pointers,
   which moves. */
#include <stdio.h>
#include <stdlib.h>

struct tree {
  struct tree *left, *right;
  long value;
};

__attribute__((noinline)) static long walk(const struct tree *t, int depth) {
  if (!t)
    return 0;
  return t->value * depth + walk(t->left, depth + 1) + walk(t->right, depth + 1);
}

__attribute__((noinline)) static void leaf(struct tree *n, long v) {
  n->left = n->right = NULL;
  n->value = v;
}

__attribute__((noinline)) static long build_and_sum(long x) {
  struct tree *a = malloc(sizeof *a); /* h2s: heap */
  struct tree *b = malloc(sizeof *b); /* h2s: heap */
  struct tree *c = malloc(sizeof *c); /* h2s: heap */
  struct tree *d = malloc(sizeof *d); /* h2s: heap */
  struct tree *l = malloc(sizeof *l); /* h2s: heap */
  struct tree *r = malloc(sizeof *r); /* h2s: heap */
  struct tree *root = malloc(sizeof *root); /* h2s: stack */
  leaf(a, x);
  leaf(b, x + 1);
  leaf(c, x + 2);
  leaf(d, x + 3);
  l->left = a;
  l->right = b;
  l->value = 10 * x;
  r->left = c;
  r->right = d;
  r->value = 20 * x;
  root->left = l;
  root->right = r;
  root->value = 100;
  long s = walk(root, 1);
  free(a);
  free(b);
  free(c);
  free(d);
  free(l);
  free(r);
  free(root);
  return s;
}

int main(void) {
  long total = 0;
  for (long x = 0; x < 1000; x++)
    total += build_and_sum(x) % 1009;
  printf("total=%ld\n", total);
  return 0;
}
