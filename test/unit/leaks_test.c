/* leaks_test.c: parameter summaries, Go's leaks (leaks.c), and their text
 * form. */
#include "check.h"

#include <string.h>

static h2s_leaks leaks_of(h2s_graph *g, h2s_loc p) {
  h2s_leaks l;
  memset(&l, 0x55, sizeof l);
  h2s_param_leaks(g, p, &l);
  return l;
}

static int no_result_leaks(const h2s_leaks *l) {
  for (int i = 0; i < H2S_MAX_RESULTS; i++)
    if (l->result[i] != H2S_NOLEAK)
      return 0;
  return 1;
}

/* heap <- p (0): the pointer itself is stored to the heap. */
static void param_stored_to_heap_leaks_at_level_0(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), v = value(g);
  copy(g, v, p);
  copy(g, H2S_HEAP, v);
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p);
  CHECK_EQ(l.heap, 0);
  CHECK(no_result_leaks(&l));
  h2s_graph_free(g);
}

/* heap <- v (+1), v <- p: only what p points to reaches the heap. */
static void param_contents_to_heap_leak_at_level_1(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), v = value(g);
  copy(g, v, p);
  load(g, H2S_HEAP, v);
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p);
  CHECK_EQ(l.heap, 1);
  CHECK(no_result_leaks(&l));
  h2s_graph_free(g);
}

/* Both flows: the smaller derefs wins. */
static void param_leak_keeps_the_smallest_derefs(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), v = value(g), w = value(g);
  copy(g, v, p);
  load(g, H2S_HEAP, v);
  copy(g, w, p);
  copy(g, H2S_HEAP, w);
  solve(g, 0);
  CHECK_EQ(leaks_of(g, p).heap, 0);
  h2s_graph_free(g);
}

/* r <- p (0) with r declared as result 0 of p's function. */
static void param_returned_leaks_to_result_at_level_0(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), r = result(g);
  h2s_result_index(g, r, 0);
  copy(g, r, p);
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p);
  CHECK_EQ(l.result[0], 0);
  CHECK_EQ(l.result[1], H2S_NOLEAK);
  CHECK_EQ(l.heap, H2S_NOLEAK);
  CHECK_EQ(l.mutator, H2S_NOLEAK);
  CHECK_EQ(l.callee, H2S_NOLEAK);
  h2s_graph_free(g);
}

/* Results are tracked per index; p's contents returned at level 1. */
static void param_contents_returned_leak_to_their_result(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), r0 = result(g), r2 = result(g), v = value(g);
  h2s_result_index(g, r0, 0);
  h2s_result_index(g, r2, 2);
  load(g, v, p);
  copy(g, r2, v);
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p);
  CHECK_EQ(l.result[2], 1);
  CHECK_EQ(l.result[0], H2S_NOLEAK);
  CHECK_EQ(l.heap, H2S_NOLEAK);
  h2s_graph_free(g);
}

/* Near miss: a result of another function is only reachable through the
 * heap, and so is a result with no declared index. */
static void param_to_foreign_or_unindexed_result_leaks_to_heap(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), q = param(g);
  h2s_loc other = h2s_loc_new(g, H2S_LOC_RESULT, 1, 0, NULL);
  h2s_loc unindexed = result(g);
  h2s_result_index(g, other, 0);
  copy(g, other, p);
  copy(g, unindexed, q);
  solve(g, 0);
  h2s_leaks lp = leaks_of(g, p), lq = leaks_of(g, q);
  CHECK_EQ(lp.heap, 0);
  CHECK(no_result_leaks(&lp));
  CHECK_EQ(lq.heap, 0);
  CHECK(no_result_leaks(&lq));
  h2s_graph_free(g);
}

/* mutator <- p (0): the callee writes through p; nothing escapes. */
static void param_written_through_leaks_to_mutator(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), c = param(g);
  copy(g, H2S_MUTATOR, p);
  copy(g, H2S_CALLEE, c);
  solve(g, 0);
  h2s_leaks lp = leaks_of(g, p), lc = leaks_of(g, c);
  CHECK_EQ(lp.mutator, 0);
  CHECK_EQ(lp.heap, H2S_NOLEAK);
  CHECK_EQ(lp.callee, H2S_NOLEAK);
  CHECK(no_result_leaks(&lp));
  CHECK_EQ(lc.callee, 0);
  CHECK_EQ(lc.heap, H2S_NOLEAK);
  CHECK_EQ(lc.mutator, H2S_NOLEAK);
  h2s_graph_free(g);
}

/* Near miss: a parameter that flows into a local value only. */
static void param_flowing_nowhere_leaks_nothing(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), v = value(g), o = object(g);
  copy(g, v, p);
  copy(g, o, v); /* stored into a local object */
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p), none;
  h2s_leaks_none(&none);
  CHECK(memcmp(&l, &none, sizeof l) == 0);
  h2s_graph_free(g);
}

/* Stored into an object that escapes: p's value reaches the heap. */
static void param_stored_into_escaping_object_leaks_to_heap(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), o = object(g), v = value(g);
  copy(g, o, p);
  addr(g, v, o);
  copy(g, H2S_HEAP, v);
  solve(g, 0);
  CHECK(h2s_escapes(g, o));
  CHECK_EQ(leaks_of(g, p).heap, 0);
  h2s_graph_free(g);
}

static void leaks_none_sets_every_slot(void) {
  h2s_leaks l;
  memset(&l, 0, sizeof l);
  h2s_leaks_none(&l);
  CHECK_EQ(l.heap, H2S_NOLEAK);
  CHECK_EQ(l.mutator, H2S_NOLEAK);
  CHECK_EQ(l.callee, H2S_NOLEAK);
  CHECK(no_result_leaks(&l));
}

static void leaks_format_writes_go_like_text(void) {
  h2s_leaks l;
  h2s_leaks_none(&l);
  char buf[64];
  CHECK_EQ(h2s_leaks_format(&l, buf, sizeof buf), 0);
  CHECK(strcmp(buf, "none") == 0);
  l.heap = 1;
  l.mutator = 0;
  l.result[0] = 0;
  CHECK_EQ(h2s_leaks_format(&l, buf, sizeof buf), 0);
  CHECK(strcmp(buf, "heap=1 mut=0 res0=0") == 0);
  h2s_leaks_none(&l);
  l.callee = 2;
  l.result[3] = 126;
  CHECK_EQ(h2s_leaks_format(&l, buf, sizeof buf), 0);
  CHECK(strcmp(buf, "call=2 res3=126") == 0);
}

/* Near miss: a buffer one byte too small fails, and never overflows. */
static void leaks_format_fails_when_buffer_is_short(void) {
  h2s_leaks l;
  h2s_leaks_none(&l);
  l.heap = 1;
  l.mutator = 0;
  char buf[32];
  memset(buf, 'x', sizeof buf);
  /* "heap=1 mut=0" is 12 characters plus the NUL */
  CHECK_EQ(h2s_leaks_format(&l, buf, 13), 0);
  CHECK(strcmp(buf, "heap=1 mut=0") == 0);
  memset(buf, 'x', sizeof buf);
  CHECK(h2s_leaks_format(&l, buf, 12) != 0);
  CHECK_EQ(buf[12], 'x');
  CHECK(memchr(buf, 0, 12) != NULL); /* still a string */
  memset(buf, 'x', sizeof buf);
  CHECK(h2s_leaks_format(&l, buf, 0) != 0);
  CHECK_EQ(buf[0], 'x');
}

static void leaks_format_and_parse_round_trip(void) {
  h2s_leaks cases[5];
  for (int i = 0; i < 5; i++)
    h2s_leaks_none(&cases[i]);
  cases[1].heap = 0;
  cases[2].heap = 1, cases[2].mutator = 0, cases[2].result[0] = 0;
  cases[3].callee = 3, cases[3].result[1] = 2, cases[3].result[3] = 126;
  cases[4].heap = 5, cases[4].mutator = 4, cases[4].callee = 3;
  for (int r = 0; r < H2S_MAX_RESULTS; r++)
    cases[4].result[r] = (int8_t)r;
  for (int i = 0; i < 5; i++) {
    char buf[128];
    h2s_leaks back;
    memset(&back, 0x55, sizeof back);
    CHECK_EQ(h2s_leaks_format(&cases[i], buf, sizeof buf), 0);
    CHECK_EQ(h2s_leaks_parse(buf, &back), 0);
    if (memcmp(&back, &cases[i], sizeof back) != 0)
      fprintf(stderr, "  round trip of \"%s\" changed it\n", buf);
    CHECK(memcmp(&back, &cases[i], sizeof back) == 0);
  }
}

/* A summary computed by the solver survives the text form. */
static void solved_leaks_round_trip(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = param(g), r = result(g), v = value(g);
  h2s_result_index(g, r, 1);
  copy(g, r, p);
  load(g, v, p);
  copy(g, H2S_HEAP, v);
  solve(g, 0);
  h2s_leaks l = leaks_of(g, p), back;
  char buf[64];
  CHECK_EQ(h2s_leaks_format(&l, buf, sizeof buf), 0);
  CHECK_EQ(h2s_leaks_parse(buf, &back), 0);
  CHECK(memcmp(&l, &back, sizeof l) == 0);
  CHECK_EQ(back.heap, 1);
  CHECK_EQ(back.result[1], 0);
  h2s_graph_free(g);
}

static void leaks_parse_reads_each_key(void) {
  h2s_leaks l;
  REQUIRE(h2s_leaks_parse("mut=2 res1=0 heap=9 call=4", &l) == 0);
  CHECK_EQ(l.heap, 9);
  CHECK_EQ(l.mutator, 2);
  CHECK_EQ(l.callee, 4);
  CHECK_EQ(l.result[1], 0);
  CHECK_EQ(l.result[0], H2S_NOLEAK);
  REQUIRE(h2s_leaks_parse("none", &l) == 0);
  CHECK_EQ(l.heap, H2S_NOLEAK);
  REQUIRE(h2s_leaks_parse("heap=126", &l) == 0);
  CHECK_EQ(l.heap, 126);
}

static void leaks_parse_rejects_malformed_text(void) {
  static const char *const bad[] = {
      "heap=",       "heap=x",   "foo=1",    "res9=0",         "heap=1000",
      "heap=127",    "heap=-1",  "heap=1x",  "heap=1 junk",    "heap=1,mut=0",
      "=1",          "heap",     "res4=0",   "res=0",          "res01=0",
      "none heap=1", "nonesuch", "heap=1\t", "heapheapheap=1", "mut=1 heap",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    h2s_leaks l;
    h2s_leaks_none(&l);
    l.heap = 42;
    int rc = h2s_leaks_parse(bad[i], &l);
    if (rc == 0)
      fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
    CHECK(rc != 0);
    CHECK_EQ(l.heap, 42); /* untouched on failure */
  }
}

static const unit_test tests[] = {
    TEST(param_stored_to_heap_leaks_at_level_0),
    TEST(param_contents_to_heap_leak_at_level_1),
    TEST(param_leak_keeps_the_smallest_derefs),
    TEST(param_returned_leaks_to_result_at_level_0),
    TEST(param_contents_returned_leak_to_their_result),
    TEST(param_to_foreign_or_unindexed_result_leaks_to_heap),
    TEST(param_written_through_leaks_to_mutator),
    TEST(param_flowing_nowhere_leaks_nothing),
    TEST(param_stored_into_escaping_object_leaks_to_heap),
    TEST(leaks_none_sets_every_slot),
    TEST(leaks_format_writes_go_like_text),
    TEST(leaks_format_fails_when_buffer_is_short),
    TEST(leaks_format_and_parse_round_trip),
    TEST(solved_leaks_round_trip),
    TEST(leaks_parse_reads_each_key),
    TEST(leaks_parse_rejects_malformed_text),
};
const unit_group leaks_group = GROUP("leaks", tests);
