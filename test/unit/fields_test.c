/* fields_test.c: field-sensitive objects (engine fields.c, DESIGN.md
 * "Fields"): ranges, field locations, field reads, and the fallback to the
 * whole object. */
#include "check.h"

#include <string.h>

static h2s_range rng(int64_t off, uint64_t mod, uint64_t size) {
  return (h2s_range){off, mod, size};
}

static void exact_ranges_overlap_when_they_share_a_byte(void) {
  CHECK(h2s_ranges_overlap(rng(0, 0, 4), rng(0, 0, 8)));
  CHECK(h2s_ranges_overlap(rng(12, 0, 4), rng(8, 0, 8))); /* high half */
  CHECK(h2s_ranges_overlap(rng(4, 0, 8), rng(8, 0, 8)));  /* straddles */
  CHECK(!h2s_ranges_overlap(rng(0, 0, 4), rng(8, 0, 8))); /* near miss */
  CHECK(!h2s_ranges_overlap(rng(0, 0, 8), rng(8, 0, 8))); /* adjacent */
}

static void strided_ranges_overlap_modulo_both_strides(void) {
  /* count at 0 and next at 8 of 24-byte records */
  CHECK(!h2s_ranges_overlap(rng(0, 24, 4), rng(8, 24, 8)));
  CHECK(!h2s_ranges_overlap(rng(72, 0, 4), rng(8, 24, 8)));
  CHECK(h2s_ranges_overlap(rng(80, 0, 4), rng(8, 24, 8)));
  /* 12-byte steps against 24-byte records: modulo 12, 8..16 wraps to 0 */
  CHECK(h2s_ranges_overlap(rng(0, 12, 4), rng(8, 24, 8)));
  /* a range as large as the stride covers every residue */
  CHECK(h2s_ranges_overlap(rng(0, 4, 4), rng(9, 24, 1)));
  CHECK_EQ(h2s_range_norm(rng(-16, 24, 4)).off, 8);
}

/* O.f0 <- &X, d <- read(O, 0..4) of a field at 8..16: d gets nothing. */
static void field_read_sees_only_overlapping_fields(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = object(g), px = value(g);
  h2s_loc lo = value(g), hi = value(g), all = value(g);
  addr(g, px, x);
  h2s_loc f8 = h2s_field(g, o, rng(8, 0, 8));
  copy(g, f8, px);
  CHECK_EQ(h2s_field(g, o, rng(8, 0, 8)), f8); /* one location per range */
  h2s_field_read(g, lo, o, rng(0, 0, 4), 0, NULL);
  h2s_field_read(g, hi, o, rng(12, 0, 4), 0, NULL);
  h2s_field_read(g, all, o, rng(0, 0, 16), 0, NULL);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(!h2s_may_point_to(g, lo, x));
  CHECK(h2s_may_point_to(g, hi, x));
  CHECK(h2s_may_point_to(g, all, x));
  CHECK(h2s_may_point_to(g, o, x)); /* the object holds all its fields */
  h2s_graph_free(g);
}

/* A field created after the read still reaches it. */
static void field_read_sees_later_fields(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = object(g), px = value(g), d = value(g);
  addr(g, px, x);
  h2s_field_read(g, d, o, rng(8, 0, 4), 0, NULL);
  copy(g, h2s_field(g, o, rng(8, 0, 8)), px);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(h2s_may_point_to(g, d, x));
  h2s_graph_free(g);
}

/* A store through points-to (unknown offset) makes every read whole. */
static void write_outside_fields_makes_reads_whole(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = object(g), px = value(g), p = value(g);
  h2s_loc d = value(g);
  addr(g, px, x);
  addr(g, p, o);
  h2s_field_read(g, d, o, rng(0, 0, 4), 0, NULL);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(!h2s_may_point_to(g, d, x));
  h2s_store_edge(g, p, px, 0, 0, NULL);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(h2s_may_point_to(g, d, x));
  h2s_graph_free(g);
}

/* An int field beside a pointer to another object is returned: the other
 * object does not escape; the pointer field returned, it does. */
static void int_field_returned_leaves_pointer_field_local(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = object(g), px = value(g), res = result(g);
  h2s_loc count = value(g);
  addr(g, px, x);
  copy(g, h2s_field(g, o, rng(8, 0, 8)), px);
  h2s_field_read(g, count, o, rng(0, 0, 4), 0, NULL);
  copy(g, res, count);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  solve(g, 0);
  CHECK(!h2s_escapes(g, x));
  h2s_loc next = value(g);
  h2s_field_read(g, next, o, rng(8, 0, 8), 0, NULL);
  copy(g, res, next);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  solve(g, 0);
  CHECK(h2s_escapes(g, x));
  h2s_graph_free(g);
}

/* Past H2S_MAX_FIELDS ranges the object is one location again. */
static void too_many_fields_fall_back_to_the_object(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), x = object(g), px = value(g), d = value(g);
  addr(g, px, x);
  h2s_field_read(g, d, o, rng(0, 0, 1), 0, NULL);
  for (int i = 0; i < H2S_MAX_FIELDS; i++)
    CHECK(h2s_field(g, o, rng(8 + i, 0, 1)) != o);
  h2s_loc last = h2s_field(g, o, rng(100, 0, 8));
  CHECK_EQ(last, o);
  copy(g, last, px);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(h2s_may_point_to(g, d, x));
  h2s_graph_free(g);
}

/* h2s_written_whole and h2s_field_of, which reach.c and remarks use. */
static void written_whole_and_field_of(void) {
  h2s_graph *g = h2s_graph_new();
  h2s_loc o = object(g), empty = object(g), x = object(g), px = value(g);
  h2s_loc p = value(g);
  addr(g, px, x);
  addr(g, p, o);
  h2s_loc f = h2s_field(g, o, rng(8, 0, 8));
  copy(g, f, px);
  h2s_loc obj;
  h2s_range r;
  REQUIRE(h2s_field_of(g, f, &obj, &r));
  CHECK_EQ(obj, o);
  CHECK_EQ(r.off, 8);
  CHECK(!h2s_field_of(g, px, &obj, &r)); /* near miss: not a field */
  CHECK(!h2s_written_whole(g, o));
  CHECK(!h2s_written_whole(g, empty));
  h2s_store_edge(g, p, px, 0, 0, NULL);
  CHECK_EQ(h2s_points_to_solve(g), 0);
  CHECK(h2s_written_whole(g, o));
  h2s_graph_free(g);
}

static void field_leaks_round_trip_as_text(void) {
  h2s_leaks l, back;
  h2s_leaks_none(&l);
  l.heap = 2;
  l.nfields = 2;
  l.fields[0] = (h2s_field_leak){0, 24, 4, 0, 0};
  l.fields[1] = (h2s_field_leak){-8, 0, 8, 1, 1};
  char buf[128];
  CHECK_EQ(h2s_leaks_format(&l, buf, sizeof buf), 0);
  CHECK(strcmp(buf, "heap=2 f0%24+4=0 f*-8+8=1") == 0);
  CHECK_EQ(h2s_leaks_parse(buf, &back), 0);
  CHECK_EQ(back.nfields, 2);
  CHECK_EQ(back.fields[0].mod, 24);
  CHECK_EQ(back.fields[1].off, -8);
  CHECK_EQ(back.fields[1].derefs, 1);
  CHECK_EQ(back.fields[0].reach, 0);
  CHECK_EQ(back.fields[1].reach, 1);
  CHECK(h2s_leaks_parse("f0+0=1", &back) != 0);  /* empty range */
  CHECK(h2s_leaks_parse("f0%0+4=1", &back) != 0); /* zero stride */
  CHECK(h2s_leaks_parse("f0+4", &back) != 0);
  CHECK_EQ(h2s_leaks_parse("f**8+8=0", &back), 0);
  CHECK_EQ(back.fields[0].reach, 2);
  CHECK(h2s_leaks_parse("f***8+8=0", &back) != 0);
  h2s_leaks_fold_fields(&l);
  CHECK_EQ(l.nfields, 0);
  CHECK_EQ(l.result[0], 1); /* the field at 0 is the pointee at 1 */
}

static const unit_test tests[] = {
    TEST(exact_ranges_overlap_when_they_share_a_byte),
    TEST(strided_ranges_overlap_modulo_both_strides),
    TEST(field_read_sees_only_overlapping_fields),
    TEST(field_read_sees_later_fields),
    TEST(write_outside_fields_makes_reads_whole),
    TEST(int_field_returned_leaves_pointer_field_local),
    TEST(too_many_fields_fall_back_to_the_object),
    TEST(written_whole_and_field_of),
    TEST(field_leaks_round_trip_as_text),
};
const unit_group fields_group = GROUP("fields", tests);
