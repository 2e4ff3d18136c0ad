#include <stdio.h>
#include <stdlib.h>

struct item {
  long key;
  long weight;
};

long total_weight(const struct item *a, int n);
void put(struct item **out, struct item *p);
void keep(struct item *p);
long kept_key(void);

static struct item *global_box;

/* Read by a helper in the other file: moves at link time. */
__attribute__((noinline)) long summed(int n) {
  struct item *a = malloc(4 * sizeof *a);
  for (int i = 0; i < 4; i++) {
    a[i].key = n + i;
    a[i].weight = i + 1;
  }
  long s = total_weight(a, 4);
  free(a);
  return s;
}

/* Stored into a local box by the other file's put: moves at link time. */
__attribute__((noinline)) long boxed(int n) {
  struct item *box;
  struct item *p = malloc(sizeof *p);
  p->key = n;
  p->weight = 3;
  put(&box, p);
  long r = box->key * box->weight;
  free(p);
  return r;
}

/* Stored into a global box by put: stays. */
__attribute__((noinline)) long boxed_globally(int n) {
  struct item *old = global_box;
  struct item *p = malloc(sizeof *p);
  p->key = 2 * n;
  p->weight = 1;
  put(&global_box, p);
  free(old);
  return global_box->key;
}

/* Kept by the other file: stays. */
__attribute__((noinline)) long kept_by_helper(int n) {
  struct item *p = malloc(sizeof *p);
  p->key = 5 * n;
  p->weight = 0;
  keep(p);
  return kept_key();
}

int main(void) {
  long t = 0;
  for (int i = 0; i < 100; i++)
    t += summed(i) + boxed(i) + boxed_globally(i) + kept_by_helper(i);
  printf("%ld %ld %ld\n", t, global_box->key, kept_key());
  return 0;
}
