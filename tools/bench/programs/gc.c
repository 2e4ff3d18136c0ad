/* gc.c: Boehm GC temporaries. A dynamic-language runtime boxes numbers:
 * every arithmetic helper returns a freshly collected box, and the caller
 * drops it (the collector reclaims it later). Evaluating a cubic through
 * boxes makes eleven temporary boxes and one pair per call; none is freed by
 * hand, which is the point of a collector. The hand-written version passes
 * the boxes by value. */
#define BENCH_ITERS 1500000
#include "../bench.h"
#include <gc.h>

struct box {
  long tag;
  double v;
};
struct pair {
  struct box *car, *cdr;
};

static void setup(void) { GC_INIT(); }

#ifndef BENCH_HAND
typedef struct box *val;
static val num(double v) {
  val b = GC_MALLOC_ATOMIC(sizeof *b);
  if (!b)
    abort();
  b->tag = 1, b->v = v;
  return b;
}
static val add(val a, val b) { return num(a->v + b->v); }
static val sub(val a, val b) { return num(a->v - b->v); }
static val mul(val a, val b) { return num(a->v * b->v); }
static double unbox(val a) { return a->v; }
static struct pair *cons(val a, val b) {
  struct pair *p = GC_MALLOC(sizeof *p);
  if (!p)
    abort();
  p->car = a, p->cdr = b;
  return p;
}
#define PAIR struct pair *
#define CAR(p) (p)->car
#define CDR(p) (p)->cdr
#else
typedef struct box val;
static val num(double v) { return (val){1, v}; }
static val add(val a, val b) { return num(a.v + b.v); }
static val sub(val a, val b) { return num(a.v - b.v); }
static val mul(val a, val b) { return num(a.v * b.v); }
static double unbox(val a) { return a.v; }
struct vpair {
  val car, cdr;
};
static struct vpair cons(val a, val b) { return (struct vpair){a, b}; }
#define PAIR struct vpair
#define CAR(p) (p).car
#define CDR(p) (p).cdr
#endif

/* x^3 - 3x^2 + 2x - 7, returned with its argument as a pair. */
static double cubic(double xv) {
  val x = num(xv);
  val x2 = mul(x, x);
  val y = add(sub(mul(x2, x), mul(num(3.0), x2)), sub(mul(num(2.0), x), num(7.0)));
  PAIR p = cons(x, y);
  return unbox(CAR(p)) + unbox(CDR(p));
}

uint64_t op(uint64_t i) {
  double x = (double)(i % 1000) / 100.0;
  return (uint64_t)(long)(cubic(x) * 1000.0);
}
