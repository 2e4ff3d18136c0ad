/* A realistic mix: a chained hash table of malloc'd entries (they live in
   the table: heap), temporary key buffers and iterators (local: stack),
   lookups returning pointers into the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  struct entry *next;
  char *key;
  long value;
};

struct table {
  struct entry **buckets;
  size_t nbuckets, count;
};

struct iter {
  const struct table *t;
  size_t bucket;
  const struct entry *e;
};

static unsigned long hash(const char *s) {
  unsigned long h = 5381;
  for (; *s; s++)
    h = h * 33 + (unsigned char)*s;
  return h;
}

__attribute__((noinline)) static struct table *table_new(size_t n) {
  struct table *t = malloc(sizeof *t); /* h2s: heap */
  t->buckets = calloc(n, sizeof *t->buckets); /* h2s: heap */
  t->nbuckets = n;
  t->count = 0;
  return t;
}

__attribute__((noinline)) static struct entry *lookup(const struct table *t,
                                                      const char *key) {
  for (struct entry *e = t->buckets[hash(key) % t->nbuckets]; e; e = e->next)
    if (strcmp(e->key, key) == 0)
      return e;
  return NULL;
}

__attribute__((noinline)) static void put(struct table *t, const char *key,
                                          long value) {
  struct entry *e = lookup(t, key);
  if (e) {
    e->value = value;
    return;
  }
  e = malloc(sizeof *e); /* h2s: heap */
  e->key = strdup(key);
  e->value = value;
  size_t b = hash(key) % t->nbuckets;
  e->next = t->buckets[b];
  t->buckets[b] = e;
  t->count++;
}

/* Builds the key in a temporary buffer. */
__attribute__((noinline)) static void put_indexed(struct table *t, int i,
                                                  long value) {
  char *key = malloc(32); /* h2s: stack */
  snprintf(key, 32, "key-%d", i % 97);
  put(t, key, value);
  free(key);
}

__attribute__((noinline)) static long get_indexed(const struct table *t,
                                                  int i) {
  char *key = malloc(32); /* h2s: stack */
  snprintf(key, 32, "key-%d", i);
  struct entry *e = lookup(t, key);
  free(key);
  return e ? e->value : -1;
}

__attribute__((noinline)) static int iter_next(struct iter *it) {
  if (it->e)
    it->e = it->e->next;
  while (!it->e && it->bucket < it->t->nbuckets)
    it->e = it->t->buckets[it->bucket++];
  return it->e != NULL;
}

__attribute__((noinline)) static long sum_all(const struct table *t) {
  struct iter *it = malloc(sizeof *it); /* h2s: stack */
  it->t = t;
  it->bucket = 0;
  it->e = NULL;
  long s = 0;
  while (iter_next(it))
    s = (s * 31 + it->e->value + (long)strlen(it->e->key)) % 1000000007;
  free(it);
  return s;
}

static void table_free(struct table *t) {
  for (size_t b = 0; b < t->nbuckets; b++)
    for (struct entry *e = t->buckets[b], *n; e; e = n) {
      n = e->next;
      free(e->key);
      free(e);
    }
  free(t->buckets);
  free(t);
}

int main(void) {
  struct table *t = table_new(31);
  for (int i = 0; i < 5000; i++)
    put_indexed(t, i * 7, i);
  long found = 0;
  for (int i = 0; i < 200; i++)
    found += get_indexed(t, i);
  printf("count=%zu found=%ld sum=%ld\n", t->count, found, sum_all(t));
  table_free(t);
  return 0;
}
