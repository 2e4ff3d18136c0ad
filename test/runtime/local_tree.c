/* Positive (issue 3): a small tree built and consumed within one call. Each
   node comes from its own allocation site (no loop-carried pointer makes two
   nodes share a slot), children are linked through pointers stored in the
   nodes, a noinline helper initialises the leaves and a noinline recursive
   walker consumes the tree. All seven nodes move to the stack. The walker
   only follows and compares pointers (labels are static strings), so that
   nothing it computes could be a node's address in disguise. */
#include <stdio.h>
#include <stdlib.h>

struct tree {
  struct tree *left, *right;
  const char *label;
};

static const char *const labels[] = {"a", "b", "c", "d", "e", "f", "g", "h"};

/* A shape code: each node contributes the index of its label. */
__attribute__((noinline)) static long walk(const struct tree *t, int depth) {
  if (!t)
    return 1;
  long k = 0;
  while (k < 8 && labels[k] != t->label)
    k++;
  return (k + 1) * depth + 3 * walk(t->left, depth + 1) +
         5 * walk(t->right, depth + 1);
}

__attribute__((noinline)) static void leaf(struct tree *n, const char *label) {
  n->left = n->right = NULL;
  n->label = label;
}

__attribute__((noinline)) static long build_and_walk(int x) {
  struct tree *a = malloc(sizeof *a); /* h2s: stack */
  struct tree *b = malloc(sizeof *b); /* h2s: stack */
  struct tree *c = malloc(sizeof *c); /* h2s: stack */
  struct tree *d = malloc(sizeof *d); /* h2s: stack */
  struct tree *l = malloc(sizeof *l); /* h2s: stack */
  struct tree *r = malloc(sizeof *r); /* h2s: stack */
  struct tree *root = malloc(sizeof *root); /* h2s: stack */
  leaf(a, labels[x % 8]);
  leaf(b, labels[(x + 1) % 8]);
  leaf(c, labels[(x + 2) % 8]);
  leaf(d, labels[(x + 3) % 8]);
  l->left = a;
  l->right = x % 3 ? b : NULL;
  l->label = labels[(x + 4) % 8];
  r->left = c;
  r->right = d;
  r->label = labels[(x + 5) % 8];
  root->left = l;
  root->right = r;
  root->label = labels[(x + 6) % 8];
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
  for (int x = 0; x < 1000; x++)
    total = (total * 7 + build_and_walk(x)) % 1000003;
  printf("total=%ld\n", total);
  return 0;
}
