/* vec.c: small structs in a hot path. A particle step written against a
 * tiny vector API whose constructors return heap objects (the style of C
 * code ported from object-oriented languages, or of C bindings that hand
 * out handles): every arithmetic helper allocates its result and the caller
 * frees it. The force is handed to apply(), a larger function kept out of
 * line as it would be in real code; clang -O2 alone already deletes the
 * temporaries whose every load it can forward. The hand-written version
 * passes the structs by value. */
#define BENCH_ITERS 30000000
#include "../bench.h"

struct vec3 {
  double x, y, z;
};

#define NPART 64
static struct vec3 pos[NPART], vel[NPART];

static void setup(void) {
  uint64_t s = 7;
  for (int i = 0; i < NPART; i++) {
    pos[i] = (struct vec3){(double)(bench_rand(&s) % 1000) / 10.0,
                           (double)(bench_rand(&s) % 1000) / 10.0,
                           (double)(bench_rand(&s) % 1000) / 10.0};
    vel[i] = (struct vec3){0, 0, 0};
  }
}

#ifndef BENCH_HAND
static struct vec3 *vec_new(double x, double y, double z) {
  struct vec3 *v = malloc(sizeof *v);
  if (!v)
    abort();
  v->x = x, v->y = y, v->z = z;
  return v;
}
static struct vec3 *vec_sub(const struct vec3 *a, const struct vec3 *b) {
  return vec_new(a->x - b->x, a->y - b->y, a->z - b->z);
}
static struct vec3 *vec_scale(const struct vec3 *a, double k) {
  return vec_new(a->x * k, a->y * k, a->z * k);
}
static double vec_dot(const struct vec3 *a, const struct vec3 *b) {
  return a->x * b->x + a->y * b->y + a->z * b->z;
}
static void vec_free(struct vec3 *v) { free(v); }

/* Integrate a force into particle i's velocity and position. */
BENCH_NOINLINE double apply(int i, const struct vec3 *f) {
  struct vec3 *dv = vec_scale(f, 0.01);
  vel[i] = (struct vec3){vel[i].x + dv->x, vel[i].y + dv->y, vel[i].z + dv->z};
  struct vec3 *dp = vec_scale(&vel[i], 0.01);
  pos[i] = (struct vec3){pos[i].x + dp->x, pos[i].y + dp->y, pos[i].z + dp->z};
  vec_free(dv), vec_free(dp);
  return vec_dot(&vel[i], &vel[i]);
}

/* Pull particle i towards an attractor: four temporaries per step. */
static double step(int i, const struct vec3 *attractor) {
  struct vec3 *d = vec_sub(attractor, &pos[i]);
  double r2 = vec_dot(d, d) + 1.0;
  struct vec3 *f = vec_scale(d, 1.0 / r2);
  double e = apply(i, f);
  vec_free(d), vec_free(f);
  return e;
}
#else
static struct vec3 vec_sub(struct vec3 a, struct vec3 b) {
  return (struct vec3){a.x - b.x, a.y - b.y, a.z - b.z};
}
static struct vec3 vec_scale(struct vec3 a, double k) {
  return (struct vec3){a.x * k, a.y * k, a.z * k};
}
static double vec_dot(struct vec3 a, struct vec3 b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

BENCH_NOINLINE double apply(int i, const struct vec3 *f) {
  struct vec3 dv = vec_scale(*f, 0.01);
  vel[i] = (struct vec3){vel[i].x + dv.x, vel[i].y + dv.y, vel[i].z + dv.z};
  struct vec3 dp = vec_scale(vel[i], 0.01);
  pos[i] = (struct vec3){pos[i].x + dp.x, pos[i].y + dp.y, pos[i].z + dp.z};
  return vec_dot(vel[i], vel[i]);
}

static double step(int i, const struct vec3 *attractor) {
  struct vec3 d = vec_sub(*attractor, pos[i]);
  double r2 = vec_dot(d, d) + 1.0;
  struct vec3 f = vec_scale(d, 1.0 / r2);
  return apply(i, &f);
}
#endif

uint64_t op(uint64_t i) {
  struct vec3 a = {(double)(i % 97), (double)(i % 89), (double)(i % 83)};
  double e = step((int)(i % NPART), &a);
  return (uint64_t)(e * 1e9);
}
