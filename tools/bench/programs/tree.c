/* tree.c: a small tree built and discarded within one call. Counting the
 * distinct words of a short line with a binary search tree of word hashes,
 * then freeing the tree: the shape of many "dedupe this small input" helpers.
 * Each call inserts 24 words (with repeats) and allocates one node per
 * distinct word plus the set's header. The hand-written version takes the
 * nodes from a fixed array in its frame and does not free them. */
#define BENCH_ITERS 300000
#include "../bench.h"

#define WORDS 24
#define VOCAB 40

struct node {
  uint64_t key;
  struct node *left, *right;
};

struct set {
  struct node *root;
  int size;
#ifdef BENCH_HAND
  struct node pool[WORDS];
#endif
};

static uint64_t vocab[VOCAB];

static void setup(void) {
  uint64_t s = 11;
  for (int i = 0; i < VOCAB; i++)
    vocab[i] = bench_rand(&s);
}

static struct node *new_node(struct set *s, uint64_t key) {
#ifdef BENCH_HAND
  struct node *n = &s->pool[s->size];
#else
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
#endif
  n->key = key;
  n->left = n->right = NULL;
  s->size++;
  return n;
}

static void set_add(struct set *s, uint64_t key) {
  struct node **link = &s->root;
  while (*link) {
    if (key == (*link)->key)
      return;
    link = key < (*link)->key ? &(*link)->left : &(*link)->right;
  }
  *link = new_node(s, key);
}

#ifndef BENCH_HAND
static void free_nodes(struct node *n) {
  while (n) {
    free_nodes(n->left);
    struct node *right = n->right;
    free(n);
    n = right;
  }
}
#endif

static int height(const struct node *n) {
  if (!n)
    return 0;
  int l = height(n->left), r = height(n->right);
  return 1 + (l > r ? l : r);
}

uint64_t op(uint64_t i) {
#ifdef BENCH_HAND
  struct set set = {.root = NULL, .size = 0}, *s = &set;
#else
  struct set *s = malloc(sizeof *s);
  if (!s)
    abort();
  s->root = NULL, s->size = 0;
#endif
  uint64_t x = i * 0x9e3779b97f4a7c15u;
  for (int w = 0; w < WORDS; w++) {
    x ^= x >> 13, x *= 0xff51afd7ed558ccdu;
    set_add(s, vocab[(x >> 33) % VOCAB]);
  }
  uint64_t r = (uint64_t)s->size * 64 + (uint64_t)height(s->root);
#ifndef BENCH_HAND
  free_nodes(s->root);
  free(s);
#endif
  return r;
}
