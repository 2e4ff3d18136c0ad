/* fields.c: field-sensitive objects (DESIGN.md "Fields").
 *
 * An object location's contents are the union of everything stored into
 * it. A store at a known byte range writes a field instead: a location of
 * its own with the edge object <- field (0), so the object's contents (what
 * a load at an unknown offset, a memcpy or an escape sees) stay the union.
 * A load at a known range reads only the fields whose ranges overlap its
 * own. Anything else that writes into the object (a store at an unknown
 * offset resolved through points-to, a copy, Rule U's unknown pointers)
 * makes the object "mixed": from then on its field loads read the whole
 * contents, which is exactly the field-insensitive model. Soundness rests
 * on that: a field load misses only what was written at a known range
 * that does not overlap its own. */
#include "engine.h"

#include <string.h>

uint64_t h2s_gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static int64_t mod_pos(int64_t x, uint64_t m) {
  int64_t r = x % (int64_t)m;
  return r < 0 ? r + (int64_t)m : r;
}

h2s_range h2s_range_norm(h2s_range r) {
  if (r.mod > 0)
    r.off = mod_pos(r.off, r.mod);
  return r;
}

/* Modulo m = gcd of both moduli, the bytes of a start at a.off + i*m and
 * those of b at b.off + j*m: they share one when b's start lies less than
 * a.size after a's, or a's less than b.size after b's. */
int h2s_ranges_overlap(h2s_range a, h2s_range b) {
  if (a.size == 0 || b.size == 0)
    return 0;
  uint64_t m = h2s_gcd(a.mod, b.mod);
  if (m == 0)
    return a.off < b.off + (int64_t)b.size && b.off < a.off + (int64_t)a.size;
  if (a.size >= m || b.size >= m)
    return 1;
  uint64_t d = (uint64_t)mod_pos(b.off - a.off, m);
  return d < a.size || m - d < b.size;
}

static int same_range(h2s_range a, h2s_range b) {
  return a.off == b.off && a.mod == b.mod && a.size == b.size;
}

static void add_ref(h2s_graph *g, fieldref **v, uint32_t *n, uint32_t *cap,
                    fieldref x) {
  h2s_arena_grow(g, (void **)v, cap, *n + 1, sizeof **v);
  (*v)[(*n)++] = x;
}

/* Every reader now reads the whole object. */
static void make_mixed(h2s_graph *g, h2s_loc obj) {
  fieldinfo *fi = g->locs[obj].fields;
  if (fi->mixed)
    return;
  fi->mixed = 1;
  for (uint32_t i = 0; i < fi->nreaders; i++) {
    fieldref r = fi->readers[i];
    h2s_edge(g, r.loc, obj, 0, r.tag, r.why);
  }
}

static int is_field_edge(const h2s_graph *g, h2s_loc dst, h2s_loc src,
                         int tag) {
  return tag == H2S_TAG_FIELD && g->locs[src].parent == dst;
}

/* The object's field state, created on first use: an object already
 * written other than through fields starts mixed. */
static fieldinfo *info(h2s_graph *g, h2s_loc obj) {
  loc *o = &g->locs[obj];
  if (o->fields)
    return o->fields;
  fieldinfo *fi = h2s_arena_alloc(g, sizeof *fi);
  memset(fi, 0, sizeof *fi);
  o->fields = fi;
  for (uint32_t i = 0; i < o->nin; i++)
    if (!is_field_edge(g, obj, o->in[i].src, o->in[i].tag))
      fi->mixed = 1;
  return fi;
}

void fields_note_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int tag) {
  if (!g->locs[dst].fields->mixed && !is_field_edge(g, dst, src, tag))
    make_mixed(g, dst);
}

h2s_loc h2s_field(h2s_graph *g, h2s_loc obj, h2s_range r) {
  if (obj < 0 || (uint32_t)obj >= g->n ||
      g->locs[obj].kind != H2S_LOC_OBJECT)
    h2s_die("h2s_field: not an object");
  r = h2s_range_norm(r);
  fieldinfo *fi = info(g, obj);
  for (uint32_t i = 0; i < fi->nfields; i++)
    if (same_range(fi->fields[i].r, r))
      return fi->fields[i].loc;
  if (fi->nfields >= H2S_MAX_FIELDS) {
    /* Too many shapes of access to keep apart: one location again. */
    make_mixed(g, obj);
    return obj;
  }
  loc o = g->locs[obj];
  h2s_loc f = h2s_loc_new(g, H2S_LOC_VALUE, o.fn, o.depth, NULL);
  if (o.has_scope)
    h2s_loc_scope(g, f, o.scope_lo, o.scope_hi);
  g->locs[f].parent = obj;
  add_ref(g, &fi->fields, &fi->nfields, &fi->capfields,
          (fieldref){r, f, H2S_TAG_FIELD, NULL});
  h2s_edge(g, obj, f, 0, H2S_TAG_FIELD, NULL);
  if (!fi->mixed)
    for (uint32_t i = 0; i < fi->nreaders; i++) {
      fieldref rd = fi->readers[i];
      if (h2s_ranges_overlap(rd.r, r))
        h2s_edge(g, rd.loc, f, 0, rd.tag, rd.why);
    }
  return f;
}

void h2s_field_read(h2s_graph *g, h2s_loc dst, h2s_loc obj, h2s_range r,
                    int tag, void *why) {
  if (obj < 0 || (uint32_t)obj >= g->n || dst < 0 || (uint32_t)dst >= g->n ||
      g->locs[obj].kind != H2S_LOC_OBJECT)
    h2s_die("h2s_field_read: not an object");
  r = h2s_range_norm(r);
  fieldinfo *fi = info(g, obj);
  add_ref(g, &fi->readers, &fi->nreaders, &fi->capreaders,
          (fieldref){r, dst, tag, why});
  if (fi->mixed) {
    h2s_edge(g, dst, obj, 0, tag, why);
    return;
  }
  for (uint32_t i = 0; i < fi->nfields; i++)
    if (h2s_ranges_overlap(fi->fields[i].r, r))
      h2s_edge(g, dst, fi->fields[i].loc, 0, tag, why);
}

int h2s_written_whole(const h2s_graph *g, h2s_loc obj) {
  if (obj < 0 || (uint32_t)obj >= g->n)
    h2s_die("location out of range");
  const loc *o = &g->locs[obj];
  if (o->fields)
    return o->fields->mixed;
  for (uint32_t i = 0; i < o->nin; i++)
    if (!is_field_edge(g, obj, o->in[i].src, o->in[i].tag))
      return 1;
  return 0;
}

int h2s_field_of(const h2s_graph *g, h2s_loc l, h2s_loc *obj, h2s_range *r) {
  if (l < 0 || (uint32_t)l >= g->n)
    h2s_die("location out of range");
  h2s_loc o = g->locs[l].parent;
  if (o <= 0 || !g->locs[o].fields)
    return 0;
  const fieldinfo *fi = g->locs[o].fields;
  for (uint32_t i = 0; i < fi->nfields; i++)
    if (fi->fields[i].loc == l) {
      *obj = o;
      *r = fi->fields[i].r;
      return 1;
    }
  return 0;
}
