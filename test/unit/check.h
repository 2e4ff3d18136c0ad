/* check.h: the engine unit tests' harness. CHECK records a failure and goes
 * on, so one run reports every broken expectation of a test; each group is a
 * table of test functions that main.c runs by name. */
#ifndef H2S_UNIT_CHECK_H
#define H2S_UNIT_CHECK_H

#include "heap2stack.h"

#include <stdio.h>

typedef struct unit_test {
  const char *name;
  void (*fn)(void);
} unit_test;

typedef struct unit_group {
  const char *name;
  const unit_test *tests;
  size_t n;
} unit_group;

/* Failed checks of the running test; main.c clears it before each test. */
extern int check_failures;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,     \
              __func__, #cond);                                                \
      check_failures++;                                                        \
    }                                                                          \
  } while (0)

/* Integer equality, printing both sides when they differ. */
#define CHECK_EQ(a, b)                                                         \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    if (a_ != b_) {                                                            \
      fprintf(stderr, "%s:%d: %s: CHECK_EQ(%s, %s) failed: %lld != %lld\n",    \
              __FILE__, __LINE__, __func__, #a, #b, a_, b_);                   \
      check_failures++;                                                        \
    }                                                                          \
  } while (0)

/* Stop the test when a precondition of the remaining checks fails. */
#define REQUIRE(cond)                                                          \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: %s: REQUIRE(%s) failed\n", __FILE__, __LINE__,   \
              __func__, #cond);                                                \
      check_failures++;                                                        \
      return;                                                                  \
    }                                                                          \
  } while (0)

#define TEST(fn)                                                               \
  { #fn, fn }
#define GROUP(name, table)                                                     \
  { name, table, sizeof table / sizeof table[0] }

extern const unit_group graph_group, escape_group, points_group, leaks_group,
    fields_group;

/* Shorthands for building graphs by hand (main.c). */
h2s_loc object_in(h2s_graph *g, int fn, int depth);
h2s_loc value_in(h2s_graph *g, int fn, int depth);
h2s_loc object(h2s_graph *g); /* fn 0, depth 0 */
h2s_loc value(h2s_graph *g);
h2s_loc param(h2s_graph *g);
h2s_loc result(h2s_graph *g);
/* dst <- &src, dst <- src, dst <- *src with tag 0 and no why. */
void addr(h2s_graph *g, h2s_loc dst, h2s_loc src);
void copy(h2s_graph *g, h2s_loc dst, h2s_loc src);
void load(h2s_graph *g, h2s_loc dst, h2s_loc src);
/* Solve escapes; fails the test when the solver reports an error. */
void solve(h2s_graph *g, int explain);
/* Seconds of processor time, for the scaling tests. */
double cpu_seconds(void);

#endif
