/* graph_test.c: locations and edges (graph.c). */
#include "check.h"
#include "hash.h"

#include <stdint.h>

static void new_graph_holds_the_three_pseudo_locations(void) {
  h2s_graph *g = h2s_graph_new();
  REQUIRE(g);
  CHECK_EQ(h2s_loc_count(g), 3);
  CHECK_EQ(h2s_loc_kind(g, H2S_HEAP), H2S_LOC_PSEUDO);
  CHECK_EQ(h2s_loc_kind(g, H2S_MUTATOR), H2S_LOC_PSEUDO);
  CHECK_EQ(h2s_loc_kind(g, H2S_CALLEE), H2S_LOC_PSEUDO);
  /* The heap escapes from the start; the mutator and callee never do. */
  CHECK(h2s_escapes(g, H2S_HEAP));
  CHECK(!h2s_escapes(g, H2S_MUTATOR));
  CHECK(!h2s_escapes(g, H2S_CALLEE));
  solve(g, 0);
  CHECK(h2s_escapes(g, H2S_HEAP));
  CHECK(!h2s_escapes(g, H2S_MUTATOR));
  CHECK(!h2s_escapes(g, H2S_CALLEE));
  h2s_graph_free(g);
}

static void graph_free_accepts_null(void) { h2s_graph_free(NULL); }

static void loc_new_keeps_kind_payload_and_depth(void) {
  h2s_graph *g = h2s_graph_new();
  int a, b;
  h2s_loc o = h2s_loc_new(g, H2S_LOC_OBJECT, 7, 2, &a);
  h2s_loc v = h2s_loc_new(g, H2S_LOC_VALUE, 7, 0, &b);
  h2s_loc p = h2s_loc_new(g, H2S_LOC_PARAM, 7, 0, NULL);
  h2s_loc r = h2s_loc_new(g, H2S_LOC_RESULT, 7, 0, NULL);
  /* Indices follow the pseudo-locations, in creation order. */
  CHECK_EQ(o, 3);
  CHECK_EQ(v, 4);
  CHECK_EQ(p, 5);
  CHECK_EQ(r, 6);
  CHECK_EQ(h2s_loc_count(g), 7);
  CHECK_EQ(h2s_loc_kind(g, o), H2S_LOC_OBJECT);
  CHECK_EQ(h2s_loc_kind(g, v), H2S_LOC_VALUE);
  CHECK_EQ(h2s_loc_kind(g, p), H2S_LOC_PARAM);
  CHECK_EQ(h2s_loc_kind(g, r), H2S_LOC_RESULT);
  CHECK(h2s_loc_payload(g, o) == &a);
  CHECK(h2s_loc_payload(g, v) == &b);
  CHECK(h2s_loc_payload(g, p) == NULL);
  CHECK_EQ(h2s_loc_depth(g, o), 2);
  CHECK_EQ(h2s_loc_depth(g, v), 0);
  /* A fresh location does not escape. */
  CHECK(!h2s_escapes(g, o));
  h2s_graph_free(g);
}

static void loc_new_clamps_negative_depth_to_zero(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object_in(g, 0, -3);
  CHECK_EQ(h2s_loc_depth(g, o), 0);
  h2s_graph_free(g);
}

static void edge_count_counts_each_added_edge(void) {
  h2s_graph *g = h2s_graph_new();
  size_t base = h2s_edge_count(g); /* the heap's own contents */
  h2s_loc o = object(g), v = value(g), w = value(g);
  addr(g, v, o);
  copy(g, w, v);
  load(g, H2S_HEAP, w);
  CHECK_EQ(h2s_edge_count(g), base + 3);
  h2s_graph_free(g);
}

static void same_edge_twice_is_stored_once(void) {
  h2s_graph *g = h2s_graph_new();
  size_t base = h2s_edge_count(g);
  h2s_loc o = object(g), v = value(g);
  h2s_edge(g, v, o, -1, 1, NULL);
  h2s_edge(g, v, o, -1, 2, NULL);
  CHECK_EQ(h2s_edge_count(g), base + 1);
  /* The first edge is kept: the explanation names its tag. */
  copy(g, H2S_HEAP, v);
  solve(g, 1);
  size_t n = 0;
  const h2s_step *path = h2s_escape_path(g, o, &n);
  REQUIRE(path && n == 2);
  CHECK_EQ(path[0].tag, 1);
  h2s_graph_free(g);
}

static void same_endpoints_with_other_derefs_are_two_edges(void) {
  h2s_graph *g = h2s_graph_new();
  size_t base = h2s_edge_count(g);
  h2s_loc v = value(g), w = value(g);
  copy(g, v, w);
  load(g, v, w);
  CHECK_EQ(h2s_edge_count(g), base + 2);
  /* ... and so are the same derefs with the direction reversed. */
  copy(g, w, v);
  CHECK_EQ(h2s_edge_count(g), base + 3);
  h2s_graph_free(g);
}

static void many_locations_keep_their_attributes(void) {
  h2s_graph *g = h2s_graph_new();
  enum { N = 10000 };
  for (int i = 0; i < N; i++)
    h2s_loc_new(g, i % 2 ? H2S_LOC_VALUE : H2S_LOC_OBJECT, i, i % 5,
                (void *)(size_t)(i + 1));
  CHECK_EQ(h2s_loc_count(g), N + 3);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    h2s_loc l = 3 + i;
    bad += h2s_loc_kind(g, l) != (i % 2 ? H2S_LOC_VALUE : H2S_LOC_OBJECT);
    bad += h2s_loc_depth(g, l) != i % 5;
    bad += h2s_loc_payload(g, l) != (void *)(size_t)(i + 1);
  }
  CHECK_EQ(bad, 0);
  h2s_graph_free(g);
}

/* hash.h: the engine's one hash map. */
static void hash_put_then_get_finds_each_key(void) {
  h2s_hash h = {0};
  CHECK(h2s_hash_get(&h, 1, 0) == NULL); /* empty: nothing allocated */
  int fresh = -1;
  *h2s_hash_put(&h, 1, 0, &fresh) = 10;
  CHECK_EQ(fresh, 1);
  *h2s_hash_put(&h, 1, 7, &fresh) = 11; /* differs only in the second word */
  CHECK_EQ(fresh, 1);
  CHECK_EQ(*h2s_hash_put(&h, 1, 0, &fresh), 10);
  CHECK_EQ(fresh, 0);
  CHECK_EQ(*h2s_hash_get(&h, 1, 0), 10);
  CHECK_EQ(*h2s_hash_get(&h, 1, 7), 11);
  CHECK(h2s_hash_get(&h, 7, 1) == NULL);
  CHECK_EQ(h.n, 2);
  h2s_hash_free(&h);
  CHECK(h2s_hash_get(&h, 1, 0) == NULL);
}

static void hash_keeps_every_key_across_growth(void) {
  h2s_hash h = {0};
  for (uint64_t i = 0; i < 5000; i++)
    *h2s_hash_put(&h, i << 32 | (i * 7), i % 3, NULL) = (uint32_t)i;
  CHECK_EQ(h.n, 5000);
  CHECK(h.cap >= 2 * h.n);
  int ok = 1;
  for (uint64_t i = 0; i < 5000; i++) {
    const uint32_t *v = h2s_hash_get(&h, i << 32 | (i * 7), i % 3);
    ok &= v && *v == (uint32_t)i;
    ok &= h2s_hash_get(&h, i << 32 | (i * 7), i % 3 + 1) == NULL;
  }
  CHECK(ok);
  h2s_hash_free(&h);
}

static const unit_test tests[] = {
    TEST(new_graph_holds_the_three_pseudo_locations),
    TEST(graph_free_accepts_null),
    TEST(loc_new_keeps_kind_payload_and_depth),
    TEST(loc_new_clamps_negative_depth_to_zero),
    TEST(edge_count_counts_each_added_edge),
    TEST(same_edge_twice_is_stored_once),
    TEST(same_endpoints_with_other_derefs_are_two_edges),
    TEST(many_locations_keep_their_attributes),
    TEST(hash_put_then_get_finds_each_key),
    TEST(hash_keeps_every_key_across_growth),
};
const unit_group graph_group = GROUP("graph", tests);
