/* heap2stack.h: the public C interface of heap2stack's escape engine.
 *
 * The engine is Go's escape analysis (cmd/compile/internal/escape) over an
 * abstract graph: locations joined by edges `dst <- src (derefs)`, where
 * derefs is -1 (address-of), 0 (copy) or +1 (load). It knows nothing of
 * LLVM; the pass builds a graph from IR through this interface, and the unit
 * tests build graphs by hand.
 *
 * Conventions: every function taking an h2s_graph * is safe to call only
 * from one thread at a time per graph; graphs are independent, so several
 * threads may each work on their own. Destroy functions accept NULL. Strings
 * and arrays returned by the engine are owned by the graph and live until it
 * is freed.
 */
#ifndef HEAP2STACK_H
#define HEAP2STACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A location's index in its graph. */
typedef int32_t h2s_loc;
#define H2S_NOLOC ((h2s_loc)-1)

/* The pseudo-locations every graph starts with. */
enum {
  H2S_HEAP = 0,    /* the heap, and also "unknown memory" */
  H2S_MUTATOR = 1, /* code that writes through a pointer (Go's mutatorLoc) */
  H2S_CALLEE = 2,  /* code that calls a pointer (Go's calleeLoc) */
};

enum h2s_lockind {
  H2S_LOC_PSEUDO, /* heap, mutator, callee */
  H2S_LOC_OBJECT, /* storage: an allocation site or an alloca */
  H2S_LOC_VALUE,  /* an SSA value that may carry a pointer */
  H2S_LOC_PARAM,  /* a function parameter */
  H2S_LOC_RESULT, /* a function's result */
};

typedef struct h2s_graph h2s_graph;

/* Create an empty graph holding the three pseudo-locations. NULL when out of
 * memory. Free with h2s_graph_free. */
h2s_graph *h2s_graph_new(void);
void h2s_graph_free(h2s_graph *g);

/* Add a location. `fn` names the function it belongs to (any integer; loop
 * depths are only compared within one function), `depth` is its loop depth,
 * `payload` is the client's (the pass keeps the LLVM value there). */
h2s_loc h2s_loc_new(h2s_graph *g, enum h2s_lockind kind, int fn, int depth,
                    void *payload);
/* The loop a location lives in, as an interval of a preorder numbering of
 * its function's loop (cycle) tree: a nested loop's interval lies inside its
 * parent's, and [0, UINT32_MAX] is the body outside any loop. When two
 * locations both have scopes, "outlives by loop" means the root's scope is
 * not inside the location's: an outer loop, but also a sibling loop (a value
 * used after its loop exits can reach one). Without scopes, depths are
 * compared, as in Go. */
void h2s_loc_scope(h2s_graph *g, h2s_loc l, uint32_t lo, uint32_t hi);
size_t h2s_loc_count(const h2s_graph *g);
enum h2s_lockind h2s_loc_kind(const h2s_graph *g, h2s_loc l);
void *h2s_loc_payload(const h2s_graph *g, h2s_loc l);
int h2s_loc_depth(const h2s_graph *g, h2s_loc l);

/* Add `dst <- src (derefs)`. `tag` (the client's edge kind) and `why` (the
 * client's instruction) are kept for explanations. derefs must be >= -1.
 * Adding an edge after h2s_solve is allowed; solve again to see it. */
void h2s_edge(h2s_graph *g, h2s_loc dst, h2s_loc src, int derefs, int tag,
              void *why);
size_t h2s_edge_count(const h2s_graph *g);

/* --- Points-to (points.c) -----------------------------------------------
 * The objects each location may point to, computed Andersen-style on the
 * same edges: an object's own points-to set is its contents. H2S_HEAP in a
 * set means "unknown memory, or any object that escapes": the heap's set is
 * always just {H2S_HEAP}. A set that would grow past H2S_PTS_LIMIT
 * collapses to {H2S_HEAP}, and the engine adds the edge
 * `heap <- l (0)` (tag H2S_TAG_COLLAPSED) so that everything l pointed to
 * escapes: the bound keeps the solve near-linear and stays sound. */
#define H2S_PTS_LIMIT 32
#define H2S_TAG_COLLAPSED (-2)

/* A store through `ptr`: for every object ptr may point to, the engine adds
 * O <- val (derefs) as points-to sets find them (an unknown target adds
 * heap <- val). Returns nothing; see h2s_points_to_solve. */
void h2s_store_edge(h2s_graph *g, h2s_loc ptr, h2s_loc val, int derefs,
                    int tag, void *why);

/* Bring points-to sets up to date with every edge and store added so far
 * (incrementally: only what changed is recomputed). Returns 0. */
int h2s_points_to_solve(h2s_graph *g);
/* The sorted set of objects `l` may point to; *n receives its size. */
const h2s_loc *h2s_points_to(const h2s_graph *g, h2s_loc l, size_t *n);
/* Nonzero when `obj` is in the set of `l`. */
int h2s_may_point_to(const h2s_graph *g, h2s_loc l, h2s_loc obj);
/* Nonzero when `obj` may be reached from `l` through any number of loads. */
int h2s_may_reach(const h2s_graph *g, h2s_loc l, h2s_loc obj);
/* Every object reachable from any of `from` through one or more loads (the
 * sets of `from`, then the contents of what is found, transitively), each
 * once, in breadth-first order. *out is malloc'ed (free it); returns the
 * count. Costs what it finds, not the size of the graph. */
size_t h2s_reachable(const h2s_graph *g, const h2s_loc *from, size_t nfrom,
                     h2s_loc **out);

/* --- Fields (fields.c) --------------------------------------------------
 * An object's bytes split into fields (DESIGN.md "Fields"). A range is
 * `size` bytes at `off` from the object's start, modulo `mod` (0: exact;
 * an array of records accessed by element index gives the element size).
 * Two ranges overlap when some placement of both does: any shared byte
 * counts, not equal starts. */
typedef struct h2s_range {
  int64_t off;
  uint64_t mod;
  uint64_t size;
} h2s_range;
#define H2S_TAG_FIELD (-3)
/* Fields per object beyond which the object is read whole. */
#define H2S_MAX_FIELDS 16
/* Normalise r (off into [0, mod) when mod > 0). */
h2s_range h2s_range_norm(h2s_range r);
/* Greatest common divisor (0 with 0 is 0): the modulus of two moduli. */
uint64_t h2s_gcd(uint64_t a, uint64_t b);
int h2s_ranges_overlap(h2s_range a, h2s_range b);
/* The location holding what stores of exactly range r put into object
 * `obj` (created on first use, with the edge obj <- field (0), so the
 * object's contents stay the union of its fields). Past H2S_MAX_FIELDS it
 * returns obj itself. */
h2s_loc h2s_field(h2s_graph *g, h2s_loc obj, h2s_range r);
/* A load of range r of `obj` into dst: dst <- every field overlapping r,
 * now and later, or dst <- obj (the whole contents) once anything but a
 * field writes into obj (a store at an unknown offset, a copy, Rule U). */
void h2s_field_read(h2s_graph *g, h2s_loc dst, h2s_loc obj, h2s_range r,
                    int tag, void *why);
/* Nonzero when l is a field: *obj and *r receive its object and range. */
int h2s_field_of(const h2s_graph *g, h2s_loc l, h2s_loc *obj, h2s_range *r);
/* The number of edges into l. */
size_t h2s_in_count(const h2s_graph *g, h2s_loc l);
/* Nonzero when something other than its fields wrote into obj (its
 * contents may hold pointers stored at unknown offsets). */
int h2s_written_whole(const h2s_graph *g, h2s_loc obj);

/* --- Escape (solve.c): Go's walkAll/walkOne ----------------------------- */

/* Walk the graph from every root and decide which locations escape. With
 * `explain` nonzero, remember for each escaping object the flow path to the
 * root it escaped to. Returns 0, or -1 when out of memory (then every
 * object is treated as escaping). May be called again after adding edges. */
int h2s_escape_solve(h2s_graph *g, int explain);
int h2s_escapes(const h2s_graph *g, h2s_loc l);
/* A probe after h2s_escape_solve: out[l] (for every location l < count)
 * is whether l would escape if the result location `skip` were not a root
 * (it outlives nothing). The graph's own escape state and leaks are left
 * as they were. Growth buffers use it (move to the heap at return). */
void h2s_escapes_except(h2s_graph *g, h2s_loc skip, uint8_t *out);

/* Why an escaping location escaped. `root` is the location its address
 * reached (H2S_HEAP, a result, an escaping location, or a location of
 * smaller loop depth); `tag`/`why` are those of the edge that entered the
 * root; `by_depth` is set when the root only outlives it by loop depth. */
typedef struct h2s_escape_info {
  h2s_loc root;
  int tag;
  void *why;
  int by_depth;
} h2s_escape_info;
int h2s_escape_reason(const h2s_graph *g, h2s_loc l, h2s_escape_info *out);

/* One step of an explanation path, from the object towards the root. */
typedef struct h2s_step {
  h2s_loc dst;    /* where the value flows */
  h2s_loc src;    /* where it comes from */
  int derefs;     /* the edge's derefs */
  int tag;        /* the edge's tag */
  void *why;      /* the edge's instruction */
} h2s_step;
/* The flow path recorded for `l` (only with explain); *n receives its
 * length; NULL when none was recorded. */
const h2s_step *h2s_escape_path(const h2s_graph *g, h2s_loc l, size_t *n);

/* --- Parameter leaks (leaks.c): Go's leaks ------------------------------
 * For a parameter, the minimum derefs with which its value reaches the
 * heap, the mutator, the callee and each result, or H2S_NOLEAK. */
#define H2S_NOLEAK 127
#define H2S_MAX_RESULTS 4
/* A field path (DESIGN.md "Fields"): bytes `off` (modulo `mod`) to
 * off+size of what the parameter points to reach result 0 with `derefs`
 * (0: the loaded value itself). Text "f<off>[%<mod>]+<size>=<derefs>".
 * With `reach` 1 ("f*..."), the bytes of every object reachable from the
 * parameter (its pointee and what pointers stored there reach), read from
 * each object's start; with 2 ("f**..."), of those reachable from
 * pointers stored in the pointee (not the pointee itself). */
#define H2S_MAX_FIELD_LEAKS 4
typedef struct h2s_field_leak {
  int32_t off;
  uint32_t mod, size;
  int8_t derefs;
  uint8_t reach;
} h2s_field_leak;
typedef struct h2s_leaks {
  int8_t heap, mutator, callee;
  int8_t result[H2S_MAX_RESULTS];
  uint8_t nfields;
  h2s_field_leak fields[H2S_MAX_FIELD_LEAKS];
} h2s_leaks;
/* Leaks of parameter `p`, valid after h2s_escape_solve. */
void h2s_param_leaks(const h2s_graph *g, h2s_loc p, h2s_leaks *out);
/* Declare the `i`-th result location of function `fn` (i < H2S_MAX_RESULTS)
 * so that leaks to it are tracked per result. */
void h2s_result_index(h2s_graph *g, h2s_loc result, int i);
/* Encode/decode a summary as Go-like text, e.g. "heap=1 mut=0 res0=0".
 * Encode writes at most `cap` bytes including NUL; returns 0 on success.
 * Decode returns 0 on success and -1 on malformed text. */
int h2s_leaks_format(const h2s_leaks *l, char *buf, size_t cap);
int h2s_leaks_parse(const char *text, h2s_leaks *out);
void h2s_leaks_none(h2s_leaks *out);
/* Fold field paths into result 0 (a field at derefs d is the whole
 * pointee at d + 1): for readers that do not apply fields. */
void h2s_leaks_fold_fields(h2s_leaks *l);

#ifdef __cplusplus
}
#endif
#endif /* HEAP2STACK_H */
