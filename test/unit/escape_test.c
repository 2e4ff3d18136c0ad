/* escape_test.c: Go's walkAll/walkOne (solve.c): which objects escape, why,
 * and the flow path explaining it. */
#include "check.h"

#include <stdlib.h>

/* The recorded path of an escaping `o` is connected: it starts at `o`, each
 * step starts where the previous one ended, and it ends at the root its
 * reason names. Returns the path length, or 0 when broken. */
static size_t path_is_connected(h2s_graph *g, h2s_loc o) {
  h2s_escape_info why;
  if (h2s_escape_reason(g, o, &why) != 0)
    return 0;
  size_t n = 0;
  const h2s_step *p = h2s_escape_path(g, o, &n);
  if (!p || n == 0 || p[0].src != o || p[n - 1].dst != why.root)
    return 0;
  for (size_t i = 0; i + 1 < n; i++)
    if (p[i].dst != p[i + 1].src)
      return 0;
  return n;
}

/* heap <- v (0), v <- &O (-1) */
static void address_stored_to_heap_escapes(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g);
  addr(g, v, o);
  copy(g, H2S_HEAP, v);
  solve(g, 0);
  CHECK(h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* w <- v (0), v <- &O (-1): w goes nowhere. */
static void address_in_plain_value_does_not_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g), w = value(g);
  addr(g, v, o);
  copy(g, w, v);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, v));
  CHECK(!h2s_escapes(g, w));
  h2s_graph_free(g);
}

/* Go: callers may do anything with results, so they outlive everything. */
static void address_returned_escapes(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g), r = result(g);
  addr(g, v, o);
  copy(g, r, v);
  solve(g, 0);
  CHECK(h2s_escapes(g, o));
  h2s_escape_info why;
  REQUIRE(h2s_escape_reason(g, o, &why) == 0);
  CHECK_EQ(why.root, r);
  CHECK_EQ(why.by_depth, 0);
  h2s_graph_free(g);
}

/* Returning what O holds (r <- v (+1)) does not return O's address. */
static void contents_returned_do_not_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g), r = result(g);
  addr(g, v, o);
  load(g, r, v);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* heap <- v (+1), v <- &O, O <- w (0), w <- &P: the heap gets what O holds
 * (P's address), not O's address. */
static void load_to_heap_leaks_contents_not_object(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = object(g), v = value(g), w = value(g);
  load(g, H2S_HEAP, v);
  addr(g, v, o);
  copy(g, o, w);
  addr(g, w, p);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  CHECK(h2s_escapes(g, p));
  h2s_graph_free(g);
}

/* Near miss: two loads away from the heap, P's address is not in the heap
 * either (heap <- v (+1), v <- u (+1), u <- &O ...). */
static void two_loads_to_heap_leak_neither_level(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = object(g), u = value(g), v = value(g),
          w = value(g);
  load(g, H2S_HEAP, v);
  load(g, v, u);
  addr(g, u, o);
  copy(g, o, w);
  addr(g, w, p);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, p));
  h2s_graph_free(g);
}

/* E <- x (0), x <- &O, heap <- y (0), y <- &E: O is stored into an object
 * that escapes, so O escapes too. */
static void object_stored_into_escaping_object_escapes(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc e = object(g), o = object(g), x = value(g), y = value(g);
  copy(g, e, x);
  addr(g, x, o);
  copy(g, H2S_HEAP, y);
  addr(g, y, e);
  solve(g, 1);
  CHECK(h2s_escapes(g, e));
  CHECK(h2s_escapes(g, o));
  h2s_escape_info why;
  REQUIRE(h2s_escape_reason(g, o, &why) == 0);
  /* Go walks the escaping E as a root of its own. */
  CHECK_EQ(why.root, e);
  CHECK_EQ(why.by_depth, 0);
  CHECK(path_is_connected(g, o));
  CHECK(path_is_connected(g, e));
  h2s_graph_free(g);
}

/* Near miss: E does not escape, so neither does O. */
static void object_stored_into_local_object_does_not_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc e = object(g), o = object(g), x = value(g), y = value(g),
          z = value(g);
  copy(g, e, x);
  addr(g, x, o);
  copy(g, z, y);
  addr(g, y, e);
  solve(g, 0);
  CHECK(!h2s_escapes(g, e));
  CHECK(!h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* The escaping object is created after the one stored into it, so the
 * walk reaches them in the other order. */
static void store_into_escaping_object_escapes_in_any_order(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = value(g), y = value(g), e = object(g);
  addr(g, x, o);
  copy(g, e, x);
  addr(g, y, e);
  copy(g, H2S_HEAP, y);
  solve(g, 0);
  CHECK(h2s_escapes(g, e));
  CHECK(h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* An object allocated in a loop (depth 1) whose address reaches a value
 * that lives across iterations (depth 0) of the same function. */
static void object_outliving_its_loop_iteration_escapes(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object_in(g, 0, 1), v = value_in(g, 0, 1),
          outer = value_in(g, 0, 0);
  addr(g, v, o);
  h2s_edge(g, outer, v, 0, 5, &outer);
  solve(g, 1);
  CHECK(h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, outer));
  h2s_escape_info why;
  REQUIRE(h2s_escape_reason(g, o, &why) == 0);
  CHECK_EQ(why.root, outer);
  CHECK_EQ(why.by_depth, 1);
  CHECK_EQ(why.tag, 5);
  CHECK(why.why == &outer);
  CHECK_EQ(path_is_connected(g, o), 2);
  h2s_graph_free(g);
}

/* Near miss: the value lives in the same iteration. */
static void object_kept_within_its_loop_iteration_does_not_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object_in(g, 0, 1), v = value_in(g, 0, 1),
          inner = value_in(g, 0, 1);
  addr(g, v, o);
  copy(g, inner, v);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* Near miss: the shallower value belongs to another function, whose depths
 * say nothing about this one's loops. */
static void loop_depths_of_other_functions_are_not_compared(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object_in(g, 1, 1), v = value_in(g, 1, 1),
          other = value_in(g, 2, 0);
  addr(g, v, o);
  copy(g, other, v);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* fn is any integer: negative and large function ids compare depths too. */
static void loop_depth_escape_works_for_any_function_id(void) {
  const int fns[] = {-5, -1, 0, 1 << 30, 2147483647};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    h2s_graph *g = h2s_graph_new();
    h2s_loc o = object_in(g, fns[i], 2), v = value_in(g, fns[i], 2),
            outer = value_in(g, fns[i], 1);
    h2s_loc same = object_in(g, fns[i], 1), w = value_in(g, fns[i], 1);
    addr(g, v, o);
    copy(g, outer, v);
    addr(g, w, same);
    copy(g, outer, w);
    solve(g, 0);
    if (!h2s_escapes(g, o))
      fprintf(stderr, "  fn %d: deeper object did not escape\n", fns[i]);
    CHECK(h2s_escapes(g, o));
    CHECK(!h2s_escapes(g, same));
    h2s_graph_free(g);
  }
}

/* Depth escapes chain: O (depth 2) reaches P's contents (P at depth 1),
 * and P's address reaches a depth-0 value; both escape. */
static void loop_escape_is_transitive(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc p = object_in(g, 0, 1), o = object_in(g, 0, 2);
  h2s_loc x = value_in(g, 0, 2), y = value_in(g, 0, 1),
          outer = value_in(g, 0, 0);
  addr(g, x, o);
  copy(g, p, x);
  addr(g, y, p);
  copy(g, outer, y);
  solve(g, 0);
  CHECK(h2s_escapes(g, p));
  CHECK(h2s_escapes(g, o));
  h2s_graph_free(g);
}

/* Writing through a pointer or calling it does not keep what it points to
 * alive: the mutator and the callee outlive nothing. */
static void mutator_and_callee_do_not_make_objects_escape(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = object(g), v = value(g), w = value(g);
  addr(g, v, o);
  copy(g, H2S_MUTATOR, v);
  addr(g, w, p);
  copy(g, H2S_CALLEE, w);
  solve(g, 0);
  CHECK(!h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, p));
  /* Near miss: the same address also stored to the heap. */
  copy(g, H2S_HEAP, v);
  solve(g, 0);
  CHECK(h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, p));
  h2s_graph_free(g);
}

/* O <- v (0), v <- &O: O holds its own address. */
static void self_referencing_object_terminates(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g);
  copy(g, o, v);
  addr(g, v, o);
  solve(g, 1);
  CHECK(!h2s_escapes(g, o));
  copy(g, H2S_HEAP, v);
  solve(g, 1);
  CHECK(h2s_escapes(g, o));
  CHECK(path_is_connected(g, o));
  h2s_graph_free(g);
}

/* Copy cycles (phis around a loop) and address cycles (two objects
 * pointing at each other) terminate, and paths stay connected. */
static void cycles_terminate_with_connected_paths(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v1 = value(g), v2 = value(g), v3 = value(g);
  copy(g, v1, v2);
  copy(g, v2, v3);
  copy(g, v3, v1);
  addr(g, v2, o);
  copy(g, H2S_HEAP, v1);
  /* A <- &B, B <- &A, outer <- A: outer points to B, which points to A,
   * so both outlive their iteration. */
  h2s_loc a = object_in(g, 0, 1), b = object_in(g, 0, 1);
  h2s_loc outer = value_in(g, 0, 0);
  addr(g, a, b);
  addr(g, b, a);
  copy(g, outer, a);
  solve(g, 1);
  CHECK(h2s_escapes(g, o));
  CHECK(path_is_connected(g, o));
  CHECK(h2s_escapes(g, a));
  CHECK(h2s_escapes(g, b));
  CHECK(path_is_connected(g, a));
  CHECK(path_is_connected(g, b));
  h2s_graph_free(g);
}

/* A <- &B, B <- &A, outer <- A with B as deep as outer: B's address in
 * outer is harmless, but A's address is in B, which outer points to. The
 * flow goes
 * through A twice (A's address into B, B's into A, A into outer); a path
 * kept as one dst per location would loop instead (golang.org/issue/35518).
 * outer is created before B so that it is walked first. */
static void explain_path_may_visit_a_location_twice(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc a = object_in(g, 0, 1), outer = value_in(g, 0, 0),
          b = object_in(g, 0, 0);
  h2s_edge(g, a, b, -1, 1, NULL);
  h2s_edge(g, b, a, -1, 2, NULL);
  h2s_edge(g, outer, a, 0, 3, NULL);
  solve(g, 1);
  CHECK(h2s_escapes(g, a));
  h2s_escape_info why;
  /* Then B escapes, but only because the escaping A holds its address. */
  REQUIRE(h2s_escape_reason(g, b, &why) == 0);
  CHECK_EQ(why.root, a);
  CHECK_EQ(why.by_depth, 0);
  REQUIRE(h2s_escape_reason(g, a, &why) == 0);
  CHECK_EQ(why.root, outer);
  CHECK_EQ(why.tag, 3);
  CHECK_EQ(why.by_depth, 1);
  size_t n = 0;
  const h2s_step *p = h2s_escape_path(g, a, &n);
  REQUIRE(p && n == 3);
  CHECK(p[0].src == a && p[0].dst == b && p[0].tag == 2);
  CHECK(p[1].src == b && p[1].dst == a && p[1].tag == 1);
  CHECK(p[2].src == a && p[2].dst == outer && p[2].tag == 3);
  h2s_graph_free(g);
}

/* heap <- v1 <- v2 <- ... <- vN <- &O, built in both index orders. */
static void long_chain(int reversed, int n, int to_heap) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g);
  h2s_loc first = (h2s_loc)h2s_loc_count(g);
  for (int i = 0; i < n; i++)
    value(g);
  for (int i = 0; i + 1 < n; i++) {
    h2s_loc a = first + i, b = first + i + 1;
    if (reversed)
      copy(g, b, a);
    else
      copy(g, a, b);
  }
  h2s_loc head = reversed ? first + n - 1 : first;
  h2s_loc tail = reversed ? first : first + n - 1;
  addr(g, tail, o);
  if (to_heap)
    copy(g, H2S_HEAP, head);
  else
    load(g, H2S_HEAP, head);
  solve(g, 1);
  if (to_heap) {
    CHECK(h2s_escapes(g, o));
    CHECK_EQ(path_is_connected(g, o), n + 1);
  } else {
    CHECK(!h2s_escapes(g, o));
  }
  h2s_graph_free(g);
}

static void long_chain_to_heap_escapes_quickly(void) {
  long_chain(0, 100000, 1);
  long_chain(1, 100000, 1);
}

static void long_chain_loaded_by_heap_does_not_escape(void) {
  long_chain(0, 100000, 0);
  long_chain(1, 100000, 0);
}

/* heap <- v1 <- ... <- vN, each vi <- &Oi: N objects escape along one
 * chain; reasons must not cost a walk of the chain each. */
static void many_objects_on_a_long_chain_escape_quickly(void) {
  enum { N = 100000 };
  h2s_graph *g = h2s_graph_new();
  h2s_loc first = (h2s_loc)h2s_loc_count(g);
  for (int i = 0; i < N; i++) {
    h2s_loc v = value(g), o = object(g);
    h2s_edge(g, v, o, -1, 1, NULL);
    if (i > 0)
      copy(g, v - 2, v);
  }
  h2s_edge(g, H2S_HEAP, first, 0, 9, NULL);
  solve(g, 0);
  int local = 0, wrong_tag = 0;
  for (int i = 0; i < N; i++) {
    h2s_loc o = first + 2 * i + 1;
    h2s_escape_info why;
    if (!h2s_escapes(g, o) || h2s_escape_reason(g, o, &why) != 0)
      local++;
    else if (why.root != H2S_HEAP || why.tag != 9)
      wrong_tag++;
  }
  CHECK_EQ(local, 0);
  CHECK_EQ(wrong_tag, 0);
  h2s_graph_free(g);
}

/* A wide fan of loop-depth roots: N depth-0 values each holding one deep
 * object, so N roots are walked. */
static void many_depth_roots_solve_quickly(void) {
  enum { N = 20000 };
  h2s_graph *g = h2s_graph_new();
  for (int i = 0; i < N; i++) {
    h2s_loc o = object_in(g, 0, 1), v = value_in(g, 0, 1),
            outer = value_in(g, 0, 0);
    addr(g, v, o);
    copy(g, outer, v);
  }
  solve(g, 0);
  int local = 0;
  for (int i = 0; i < N; i++)
    local += !h2s_escapes(g, 3 + 3 * i);
  CHECK_EQ(local, 0);
  h2s_graph_free(g);
}

/* The reason names the root and the edge that entered it. */
static void escape_reason_names_root_and_entering_edge(void) {
  h2s_graph *g = h2s_graph_new();
  int store, alloc;
  h2s_loc o = object(g), v = value(g);
  h2s_edge(g, v, o, -1, 3, &alloc);
  h2s_edge(g, H2S_HEAP, v, 0, 7, &store);
  solve(g, 0);
  h2s_escape_info why = {H2S_NOLOC, 0, NULL, -1};
  REQUIRE(h2s_escape_reason(g, o, &why) == 0);
  CHECK_EQ(why.root, H2S_HEAP);
  CHECK_EQ(why.tag, 7);
  CHECK(why.why == &store);
  CHECK_EQ(why.by_depth, 0);
  h2s_graph_free(g);
}

/* Near miss: no reason for an object that does not escape. */
static void escape_reason_fails_for_local_object(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g), w = value(g);
  h2s_edge(g, v, o, -1, 3, NULL);
  h2s_edge(g, w, v, 0, 7, NULL);
  solve(g, 1);
  h2s_escape_info why;
  CHECK(h2s_escape_reason(g, o, &why) != 0);
  size_t n = 99;
  CHECK(h2s_escape_path(g, o, &n) == NULL);
  CHECK_EQ(n, 0);
  h2s_graph_free(g);
}

/* The path runs from the object to the root, one step per edge. */
static void explain_path_steps_from_object_to_root(void) {
  h2s_graph *g = h2s_graph_new();
  int i1, i2, i3;
  h2s_loc o = object(g), v = value(g), w = value(g);
  h2s_edge(g, v, o, -1, 1, &i1);
  h2s_edge(g, w, v, 0, 2, &i2);
  h2s_edge(g, H2S_HEAP, w, 0, 3, &i3);
  solve(g, 1);
  size_t n = 0;
  const h2s_step *p = h2s_escape_path(g, o, &n);
  REQUIRE(p && n == 3);
  CHECK_EQ(p[0].src, o);
  CHECK_EQ(p[0].dst, v);
  CHECK_EQ(p[0].derefs, -1);
  CHECK_EQ(p[0].tag, 1);
  CHECK(p[0].why == &i1);
  CHECK_EQ(p[1].src, v);
  CHECK_EQ(p[1].dst, w);
  CHECK_EQ(p[1].derefs, 0);
  CHECK_EQ(p[1].tag, 2);
  CHECK(p[1].why == &i2);
  CHECK_EQ(p[2].src, w);
  CHECK_EQ(p[2].dst, H2S_HEAP);
  CHECK_EQ(p[2].tag, 3);
  CHECK(p[2].why == &i3);
  h2s_graph_free(g);
}

/* The path follows the flow with the fewest derefs: through the load the
 * heap only gets O's contents, through the copy O's address. */
static void explain_path_takes_the_address_flow(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g), w = value(g), x = value(g);
  h2s_edge(g, v, o, -1, 1, NULL);
  h2s_edge(g, w, v, 1, 2, NULL); /* w <- *v */
  h2s_edge(g, x, v, 0, 3, NULL); /* x <- v */
  h2s_edge(g, H2S_HEAP, w, 0, 4, NULL);
  h2s_edge(g, H2S_HEAP, x, 0, 5, NULL);
  solve(g, 1);
  size_t n = 0;
  const h2s_step *p = h2s_escape_path(g, o, &n);
  REQUIRE(p && n == 3);
  CHECK_EQ(p[1].tag, 3);
  CHECK_EQ(p[2].tag, 5);
  h2s_graph_free(g);
}

/* Near miss: without explain the verdict and reason are there, the path
 * is not. */
static void no_path_without_explain(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), v = value(g);
  h2s_edge(g, v, o, -1, 1, NULL);
  h2s_edge(g, H2S_HEAP, v, 0, 2, NULL);
  solve(g, 0);
  CHECK(h2s_escapes(g, o));
  h2s_escape_info why;
  CHECK_EQ(h2s_escape_reason(g, o, &why), 0);
  size_t n = 99;
  CHECK(h2s_escape_path(g, o, &n) == NULL);
  CHECK_EQ(n, 0);
  h2s_graph_free(g);
}

/* Solving again after adding an edge sees it. */
static void solving_again_after_new_edge_updates_verdicts(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), p = object(g), v = value(g), w = value(g),
          x = value(g);
  addr(g, v, o);
  copy(g, w, v);
  addr(g, x, p);
  copy(g, o, x); /* O holds P's address */
  solve(g, 1);
  CHECK(!h2s_escapes(g, o));
  CHECK(!h2s_escapes(g, p));
  copy(g, H2S_HEAP, w);
  solve(g, 1);
  CHECK(h2s_escapes(g, o));
  CHECK(h2s_escapes(g, p));
  CHECK(path_is_connected(g, o));
  CHECK(path_is_connected(g, p));
  /* A third solve with nothing new changes nothing. */
  solve(g, 1);
  CHECK(h2s_escapes(g, o));
  CHECK(h2s_escapes(g, p));
  h2s_graph_free(g);
}

/* The probe for growth buffers' move at return: without the result as a
 * root, an object returned as a value does not escape; one also stored to
 * the heap, or stored into the returned object, still does; and the
 * graph's own verdicts and reasons are untouched. */
static void probe_without_result_keeps_other_roots(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc res = result(g);
  h2s_loc ret = object(g), both = object(g), inner = object(g);
  h2s_loc v = value(g), w = value(g), x = value(g);
  addr(g, v, ret);
  copy(g, res, v);
  addr(g, w, both);
  copy(g, res, w);
  copy(g, H2S_HEAP, w);
  addr(g, x, inner);
  h2s_edge(g, ret, x, 0, 0, NULL); /* *ret = &inner */
  solve(g, 1);
  CHECK(h2s_escapes(g, ret) && h2s_escapes(g, both) && h2s_escapes(g, inner));
  h2s_escape_info before;
  CHECK_EQ(h2s_escape_reason(g, ret, &before), 0);
  uint8_t *out = calloc(h2s_loc_count(g), 1);
  h2s_escapes_except(g, res, out);
  CHECK(!out[ret]);
  CHECK(out[both]);
  CHECK(!out[inner]); /* reached only through the result: the caller checks */
  CHECK(out[H2S_HEAP]);
  CHECK(h2s_escapes(g, ret) && h2s_escapes(g, inner));
  h2s_escape_info after;
  CHECK_EQ(h2s_escape_reason(g, ret, &after), 0);
  CHECK_EQ(after.root, before.root);
  free(out);
  h2s_graph_free(g);
}

static const unit_test tests[] = {
    TEST(address_stored_to_heap_escapes),
    TEST(address_in_plain_value_does_not_escape),
    TEST(address_returned_escapes),
    TEST(contents_returned_do_not_escape),
    TEST(load_to_heap_leaks_contents_not_object),
    TEST(two_loads_to_heap_leak_neither_level),
    TEST(object_stored_into_escaping_object_escapes),
    TEST(object_stored_into_local_object_does_not_escape),
    TEST(store_into_escaping_object_escapes_in_any_order),
    TEST(object_outliving_its_loop_iteration_escapes),
    TEST(object_kept_within_its_loop_iteration_does_not_escape),
    TEST(loop_depths_of_other_functions_are_not_compared),
    TEST(loop_depth_escape_works_for_any_function_id),
    TEST(loop_escape_is_transitive),
    TEST(mutator_and_callee_do_not_make_objects_escape),
    TEST(self_referencing_object_terminates),
    TEST(cycles_terminate_with_connected_paths),
    TEST(explain_path_may_visit_a_location_twice),
    TEST(long_chain_to_heap_escapes_quickly),
    TEST(long_chain_loaded_by_heap_does_not_escape),
    TEST(many_objects_on_a_long_chain_escape_quickly),
    TEST(many_depth_roots_solve_quickly),
    TEST(escape_reason_names_root_and_entering_edge),
    TEST(escape_reason_fails_for_local_object),
    TEST(explain_path_steps_from_object_to_root),
    TEST(explain_path_takes_the_address_flow),
    TEST(no_path_without_explain),
    TEST(solving_again_after_new_edge_updates_verdicts),
    TEST(probe_without_result_keeps_other_roots),
};
const unit_group escape_group = GROUP("escape", tests);
