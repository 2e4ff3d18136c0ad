/* points_test.c: Andersen-style points-to sets on the escape graph's edges
 * (points.c). An object's own set is its contents. */
#include "check.h"

#include <stdlib.h>

static void points_solve(h2s_graph *g) { CHECK_EQ(h2s_points_to_solve(g), 0); }

static size_t set_size(h2s_graph *g, h2s_loc l) {
  size_t n = 99;
  h2s_points_to(g, l, &n);
  return n;
}

/* p <- &O */
static void allocation_points_to_its_object(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = value(g), unrelated = value(g);
  addr(g, p, o);
  points_solve(g);
  size_t n = 0;
  const h2s_loc *s = h2s_points_to(g, p, &n);
  REQUIRE(n == 1);
  CHECK_EQ(s[0], o);
  /* Near miss: a value with no edges points nowhere. */
  CHECK_EQ(set_size(g, unrelated), 0);
  CHECK(!h2s_may_point_to(g, unrelated, o));
  h2s_graph_free(g);
}

/* q <- p (0) */
static void copy_points_where_its_source_points(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = value(g), q = value(g);
  addr(g, p, o);
  copy(g, q, p);
  points_solve(g);
  CHECK(h2s_may_point_to(g, q, o));
  CHECK_EQ(set_size(g, q), 1);
  /* Near miss: the copy does not point to the pointer itself. */
  CHECK(!h2s_may_point_to(g, q, p));
  h2s_graph_free(g);
}

/* O <- q2 (0) with q2 <- &P is a store: O's contents hold P. */
static void store_puts_address_in_object_contents(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), pobj = object(g), p = value(g), q2 = value(g);
  addr(g, p, o);
  addr(g, q2, pobj);
  copy(g, o, q2);
  points_solve(g);
  CHECK(h2s_may_point_to(g, o, pobj));
  CHECK_EQ(set_size(g, o), 1);
  /* Near miss: the stored-to pointer still points to O only. */
  CHECK(!h2s_may_point_to(g, p, pobj));
  CHECK_EQ(set_size(g, pobj), 0);
  h2s_graph_free(g);
}

/* v <- p (+1): the load sees what was stored into O. */
static void load_sees_stored_contents(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), pobj = object(g), p = value(g), q2 = value(g),
          v = value(g), w = value(g);
  addr(g, p, o);
  addr(g, q2, pobj);
  copy(g, o, q2);
  load(g, v, p);
  copy(g, w, p);
  points_solve(g);
  CHECK(h2s_may_point_to(g, v, pobj));
  CHECK(!h2s_may_point_to(g, v, o));
  /* Near miss: a copy of p points to O, not to what O holds. */
  CHECK(h2s_may_point_to(g, w, o));
  CHECK(!h2s_may_point_to(g, w, pobj));
  h2s_graph_free(g);
}

/* The load is added before the store and the locations are created in the
 * opposite order of the flow: the fixpoint still finds it. */
static void load_sees_store_in_any_order(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc v = value(g), p = value(g), q2 = value(g), pobj = object(g),
          o = object(g);
  load(g, v, p);
  copy(g, o, q2);
  addr(g, q2, pobj);
  addr(g, p, o);
  points_solve(g);
  CHECK(h2s_may_point_to(g, v, pobj));
  h2s_graph_free(g);
}

/* Unknown memory may hold pointers to unknown memory. */
static void heap_contents_contain_heap(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc u = value(g), v = value(g), w = value(g);
  addr(g, u, H2S_HEAP); /* u = inttoptr ... */
  load(g, v, u);
  load(g, w, v);
  points_solve(g);
  CHECK(h2s_may_point_to(g, H2S_HEAP, H2S_HEAP));
  CHECK(h2s_may_point_to(g, u, H2S_HEAP));
  CHECK(h2s_may_point_to(g, v, H2S_HEAP));
  CHECK(h2s_may_point_to(g, w, H2S_HEAP));
  /* Near miss: neither the mutator nor the callee holds anything. */
  CHECK_EQ(set_size(g, H2S_MUTATOR), 0);
  CHECK_EQ(set_size(g, H2S_CALLEE), 0);
  h2s_graph_free(g);
}

/* Sets are sorted and hold each object once, whatever the edge order. */
static void points_to_set_is_sorted_without_duplicates(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc objs[6];
  for (int i = 0; i < 6; i++)
    objs[i] = object(g);
  h2s_loc p = value(g), q = value(g), r = value(g);
  const int order[] = {4, 1, 5, 0, 3};
  for (int i = 0; i < 5; i++)
    addr(g, i % 2 ? p : q, objs[order[i]]);
  addr(g, p, objs[4]);
  copy(g, r, p);
  copy(g, r, q);
  points_solve(g);
  size_t n = 0;
  const h2s_loc *s = h2s_points_to(g, r, &n);
  REQUIRE(n == 5);
  const h2s_loc want[] = {objs[0], objs[1], objs[3], objs[4], objs[5]};
  for (size_t i = 0; i < n; i++)
    CHECK_EQ(s[i], want[i]);
  CHECK(!h2s_may_point_to(g, r, objs[2]));
  h2s_graph_free(g);
}

/* p -> O1, O1 holds &O2, O2 holds &O3: O3 is two loads from p. */
static void may_reach_follows_two_levels_of_contents(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o1 = object(g), o2 = object(g), o3 = object(g), o4 = object(g);
  h2s_loc p = value(g), a = value(g), b = value(g), c = value(g);
  addr(g, p, o1);
  addr(g, a, o2);
  copy(g, o1, a);
  addr(g, b, o3);
  copy(g, o2, b);
  addr(g, c, o4); /* c points to O4, nothing holds c */
  points_solve(g);
  CHECK(h2s_may_reach(g, p, o1));
  CHECK(h2s_may_reach(g, p, o2));
  CHECK(h2s_may_reach(g, p, o3));
  CHECK(!h2s_may_reach(g, p, o4));
  /* Reaching is not pointing. */
  CHECK(!h2s_may_point_to(g, p, o3));
  /* Near miss: from O2's holder, O1 is not reachable (edges go one way). */
  CHECK(!h2s_may_reach(g, a, o1));
  h2s_graph_free(g);
}

/* Cyclic contents (a list node pointing to itself) end the search. */
static void may_reach_terminates_on_cyclic_contents(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), other = object(g), p = value(g);
  addr(g, p, o);
  copy(g, o, p); /* O holds &O */
  points_solve(g);
  CHECK(h2s_may_point_to(g, o, o));
  CHECK(h2s_may_reach(g, p, o));
  CHECK(!h2s_may_reach(g, p, other));
  h2s_graph_free(g);
}

/* v <- p (2): two loads away from p. */
static void two_derefs_edge_loads_twice(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o1 = object(g), o2 = object(g), o3 = object(g);
  h2s_loc p = value(g), a = value(g), b = value(g), v = value(g), w = value(g);
  addr(g, p, o1);
  addr(g, a, o2);
  copy(g, o1, a);
  addr(g, b, o3);
  copy(g, o2, b);
  h2s_edge(g, v, p, 2, 0, NULL);
  load(g, w, p);
  points_solve(g);
  CHECK(h2s_may_point_to(g, v, o3));
  CHECK_EQ(set_size(g, v), 1);
  /* Near miss: one load from p gives O2, not O3. */
  CHECK(h2s_may_point_to(g, w, o2));
  CHECK(!h2s_may_point_to(g, w, o3));
  h2s_graph_free(g);
}

/* The same two loads with every location created against the flow and
 * the innermost store added last: only the contents of O2 change at the
 * end, and the load that reads them must be recomputed. */
static void two_derefs_edge_sees_stores_in_any_order(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc v = value(g), b = value(g), a = value(g), p = value(g);
  h2s_loc o3 = object(g), o2 = object(g), o1 = object(g);
  h2s_edge(g, v, p, 2, 0, NULL);
  copy(g, o1, a);
  addr(g, a, o2);
  addr(g, p, o1);
  addr(g, b, o3);
  copy(g, o2, b);
  points_solve(g);
  CHECK(h2s_may_point_to(g, v, o3));
  CHECK_EQ(set_size(g, v), 1);
  h2s_graph_free(g);
}

/* A two-derefs load from a location holding its own set as contents (a
 * self-loop through an object) must not read a set it is writing. */
static void two_derefs_edge_through_self_reference(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = value(g);
  addr(g, p, o);
  copy(g, o, p);                 /* O holds &O */
  h2s_edge(g, o, o, 2, 0, NULL); /* O <- **O */
  h2s_edge(g, p, p, 1, 0, NULL); /* p <- *p */
  points_solve(g);
  CHECK_EQ(set_size(g, o), 1);
  CHECK(h2s_may_point_to(g, o, o));
  CHECK_EQ(set_size(g, p), 1);
  h2s_graph_free(g);
}

/* A copy chain of N values built against index order converges
 * quickly. */
static void long_reversed_copy_chain_solves_quickly(void) {
  enum { N = 100000 };
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g);
  h2s_loc first = (h2s_loc)h2s_loc_count(g);
  for (int i = 0; i < N; i++)
    value(g);
  for (int i = 0; i + 1 < N; i++)
    copy(g, first + i, first + i + 1); /* v_i <- v_{i+1} */
  addr(g, first + N - 1, o);
  points_solve(g);
  CHECK(h2s_may_point_to(g, first, o));
  h2s_graph_free(g);
}

/* A set of H2S_PTS_LIMIT objects stays exact; one more turns it into the
 * wildcard, and what it held escapes. */
static void set_over_limit_collapses_and_its_objects_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc objs[H2S_PTS_LIMIT + 1];
  for (int i = 0; i <= H2S_PTS_LIMIT; i++)
    objs[i] = object(g);
  h2s_loc full = value(g), over = value(g);
  for (int i = 0; i < H2S_PTS_LIMIT; i++)
    addr(g, full, objs[i]);
  for (int i = 0; i <= H2S_PTS_LIMIT; i++)
    addr(g, over, objs[i]);
  points_solve(g);
  solve(g, 0);
  size_t n;
  const h2s_loc *s = h2s_points_to(g, over, &n);
  REQUIRE(n == 1);
  CHECK_EQ(s[0], H2S_HEAP);
  CHECK(h2s_escapes(g, objs[0]));
  CHECK(h2s_escapes(g, objs[H2S_PTS_LIMIT]));
  /* Near miss: at the limit the set is exact. */
  CHECK_EQ(set_size(g, full), H2S_PTS_LIMIT);
  CHECK(!h2s_may_point_to(g, full, H2S_HEAP));
  h2s_graph_free(g);
}

/* Past the work budget, sets collapse much earlier; early sets stay exact
 * and what the collapsed ones held escapes. Each load reads 30 objects'
 * contents, so the work per load is about twice the budget per load. */
static void work_budget_collapses_late_sets(void) {
  enum { K = 30, M = 20000 };
  h2s_graph *g = h2s_graph_new();
  h2s_loc boxes[K], items[K];
  h2s_loc p = value(g);
  for (int i = 0; i < K; i++) {
    boxes[i] = object(g);
    items[i] = object(g);
    h2s_loc v = value(g);
    addr(g, v, items[i]);
    copy(g, boxes[i], v); /* *box_i = &item_i */
    addr(g, p, boxes[i]);
  }
  h2s_loc first = value(g), last = first;
  load(g, first, p);
  for (int i = 1; i < M; i++) {
    last = value(g);
    load(g, last, p);
  }
  points_solve(g);
  solve(g, 0);
  CHECK_EQ(set_size(g, first), K);
  CHECK(h2s_may_point_to(g, first, items[0]));
  size_t n;
  const h2s_loc *s = h2s_points_to(g, last, &n);
  REQUIRE(n == 1);
  CHECK_EQ(s[0], H2S_HEAP);
  CHECK(h2s_escapes(g, items[0]));
  /* Near miss: the boxes themselves were only pointed to, by p. */
  CHECK(!h2s_escapes(g, boxes[0]));
  h2s_graph_free(g);
}

/* Edges and stores added after a solve are applied by the next one. */
static void edges_and_stores_after_a_solve_are_applied(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), item = object(g), p = value(g), q = value(g),
          v = value(g), w = value(g);
  addr(g, p, o);
  points_solve(g);
  CHECK_EQ(set_size(g, q), 0);
  copy(g, q, p); /* a new copy edge from a solved set */
  addr(g, v, item);
  h2s_store_edge(g, q, v, 0, 0, NULL); /* *q = &item */
  load(g, w, p);
  points_solve(g);
  CHECK(h2s_may_point_to(g, q, o));
  CHECK(h2s_may_point_to(g, o, item));
  CHECK(h2s_may_point_to(g, w, item));
  /* Near miss: the store wrote into O, not into the pointer. */
  CHECK(!h2s_may_point_to(g, q, item));
  h2s_graph_free(g);
}

/* h2s_reachable lists each reachable object once, from several roots. */
static void reachable_lists_each_object_once(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc a = object(g), b = object(g), c = object(g), lone = object(g);
  h2s_loc p = value(g), q = value(g), va = value(g), vb = value(g);
  addr(g, p, a);
  addr(g, q, a);
  addr(g, q, b);
  addr(g, va, b);
  copy(g, a, va); /* *a = &b */
  addr(g, vb, c);
  copy(g, b, vb); /* *b = &c */
  points_solve(g);
  h2s_loc from[2] = {p, q}, *r;
  size_t n = h2s_reachable(g, from, 2, &r);
  CHECK_EQ(n, 3);
  int seen_a = 0, seen_b = 0, seen_c = 0, seen_lone = 0;
  for (size_t i = 0; i < n; i++) {
    seen_a += r[i] == a;
    seen_b += r[i] == b;
    seen_c += r[i] == c;
    seen_lone += r[i] == lone;
  }
  CHECK(seen_a == 1 && seen_b == 1 && seen_c == 1);
  CHECK_EQ(seen_lone, 0); /* near miss: not reachable */
  free(r);
  h2s_graph_free(g);
}

static const unit_test tests[] = {
    TEST(allocation_points_to_its_object),
    TEST(copy_points_where_its_source_points),
    TEST(store_puts_address_in_object_contents),
    TEST(load_sees_stored_contents),
    TEST(load_sees_store_in_any_order),
    TEST(heap_contents_contain_heap),
    TEST(points_to_set_is_sorted_without_duplicates),
    TEST(may_reach_follows_two_levels_of_contents),
    TEST(may_reach_terminates_on_cyclic_contents),
    TEST(two_derefs_edge_loads_twice),
    TEST(two_derefs_edge_sees_stores_in_any_order),
    TEST(two_derefs_edge_through_self_reference),
    TEST(long_reversed_copy_chain_solves_quickly),
    TEST(set_over_limit_collapses_and_its_objects_escape),
    TEST(work_budget_collapses_late_sets),
    TEST(edges_and_stores_after_a_solve_are_applied),
    TEST(reachable_lists_each_object_once),
};
const unit_group points_group = GROUP("points", tests);
