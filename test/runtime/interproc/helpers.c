/* Objects handed to helpers defined in the same file, which are noinline so
   that only the helpers' summaries can tell what they do: helpers that only
   read or write through the pointer let the object move; helpers that keep
   it, free it or return it to a caller that publishes it do not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point {
  long x, y;
};

static struct point *kept;
static struct point *volatile sink;
static long freed;

__attribute__((noinline)) static long sum(const long *a, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * (i + 1);
  return s;
}

__attribute__((noinline)) static void fill(long *a, int n, long v) {
  for (int i = 0; i < n; i++)
    a[i] = v + i;
}

__attribute__((noinline)) static void scale(struct point *p, long k) {
  p->x *= k;
  p->y *= k;
}

__attribute__((noinline)) static void remember(struct point *p) { kept = p; }

__attribute__((noinline)) static struct point *identity(struct point *p) {
  return p;
}

__attribute__((noinline)) static long norm1(const struct point *p) {
  return labs(p->x) + labs(p->y);
}

__attribute__((noinline)) static void release(struct point *p) {
  freed += p->x;
  free(p);
}

/* A copy loop, not strcpy: libc's string functions are judged by their
   declarations, which is not what this test is about. */
__attribute__((noinline)) static void copy_name(char *dst, const char *src) {
  while ((*dst++ = *src++))
    ;
}

/* Read and written by helpers, freed here. */
static long read_and_written(int n) {
  long *a = malloc(8 * sizeof(long)); /* h2s: stack */
  fill(a, 8, n);
  long s = sum(a, 8);
  free(a);
  return s;
}

/* A struct updated in place by a helper. */
static long updated_in_place(int n) {
  struct point *p = malloc(sizeof *p); /* h2s: stack */
  p->x = n;
  p->y = -n;
  scale(p, 3);
  long r = norm1(p);
  free(p);
  return r;
}

/* f(g()): the identity's result goes straight into a reader. */
static long chained(int n) {
  struct point *p = malloc(sizeof *p); /* h2s: stack */
  p->x = n;
  p->y = 2;
  long r = norm1(identity(p));
  free(p);
  return r;
}

/* A string built by a helper into a buffer. */
static size_t named(int n) {
  char *name = malloc(32); /* h2s: stack */
  copy_name(name, n % 2 ? "odd-point" : "even");
  size_t len = strlen(name);
  free(name);
  return len;
}

/* Kept by a helper in a global: stays, and is still valid afterwards. */
static long kept_by_helper(int n) {
  struct point *old = kept;
  struct point *p = malloc(sizeof *p); /* h2s: heap */
  p->x = n;
  p->y = n + 1;
  remember(p);
  free(old);
  return kept->x + kept->y;
}

/* The identity's result is published: stays. */
static long published_result(int n) {
  struct point *p = malloc(sizeof *p); /* h2s: heap */
  p->x = n;
  p->y = 7;
  sink = identity(p);
  long r = sink->x + sink->y;
  free(sink);
  return r;
}

/* Freed by the helper: stays (the free cannot be removed from there). */
static long freed_by_helper(int n) {
  struct point *p = malloc(sizeof *p); /* h2s: heap */
  p->x = n;
  p->y = 0;
  release(p);
  return freed;
}

int main(void) {
  long total = 0;
  size_t names = 0;
  for (int i = 0; i < 200; i++) {
    total += read_and_written(i);
    total += updated_in_place(i);
    total += chained(i);
    total += kept_by_helper(i);
    total += published_result(i);
    total += freed_by_helper(i);
    names += named(i);
  }
  printf("total %ld names %zu kept %ld,%ld freed %ld\n", total, names,
         kept->x, kept->y, freed);
  free(kept);
  return 0;
}
