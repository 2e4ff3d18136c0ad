/* Positive: small structs allocated and freed in hot loops, passed to
   noinline helpers that only read or update them. Every iteration's object
   is dead at the end of the iteration, so one stack slot serves all
   iterations. */
#include <stdio.h>
#include <stdlib.h>

struct vec3 {
  double x, y, z;
};

struct counter {
  long hits, misses;
};

__attribute__((noinline)) static void set(struct vec3 *v, double x, double y,
                                          double z) {
  v->x = x;
  v->y = y;
  v->z = z;
}

__attribute__((noinline)) static double dot(const struct vec3 *a,
                                            const struct vec3 *b) {
  return a->x * b->x + a->y * b->y + a->z * b->z;
}

__attribute__((noinline)) static void cross(struct vec3 *out,
                                            const struct vec3 *a,
                                            const struct vec3 *b) {
  out->x = a->y * b->z - a->z * b->y;
  out->y = a->z * b->x - a->x * b->z;
  out->z = a->x * b->y - a->y * b->x;
}

__attribute__((noinline)) static void tally(struct counter *c, long v) {
  if (v % 3 == 0)
    c->hits++;
  else
    c->misses++;
}

int main(void) {
  double acc = 0;
  struct counter total = {0, 0};
  for (int i = 0; i < 200000; i++) {
    struct vec3 *a = malloc(sizeof *a); /* h2s: stack */
    struct vec3 *b = malloc(sizeof *b); /* h2s: stack */
    struct vec3 *c = malloc(sizeof *c); /* h2s: stack */
    set(a, i, i + 1, i + 2);
    set(b, 1, -i, 0.5 * i);
    cross(c, a, b);
    acc += dot(c, a) + dot(a, b) * 1e-6;
    free(c);
    free(b);
    free(a);
    struct counter *k = calloc(1, sizeof *k); /* h2s: stack */
    for (int j = 0; j < 4; j++)
      tally(k, (long)i + j);
    total.hits += k->hits;
    total.misses += k->misses;
    free(k);
  }
  printf("acc=%.6f hits=%ld misses=%ld\n", acc, total.hits, total.misses);
  return 0;
}
