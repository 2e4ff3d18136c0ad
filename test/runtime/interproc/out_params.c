/* Out-parameters and structs returned by value: a noinline helper that
   stores a pointer through an out-parameter (`*out = p`) or returns it
   inside a struct (through an sret slot) leaks it to its caller's box. A
   local box lets the object move; a global box, or a struct copied to a
   global, does not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
  long key;
  char label[24];
};

/* Big enough to be returned through an sret slot on x86-64. */
struct handle {
  struct item *item;
  long tag;
  long spare[2];
};

static struct item *global_box;
static struct handle global_handle;

__attribute__((noinline)) static void put(struct item **out, struct item *p) {
  *out = p;
}

/* Two results: the smaller key goes to *lo, the other to *hi. */
__attribute__((noinline)) static void order(struct item **lo,
                                            struct item **hi, struct item *a,
                                            struct item *b) {
  if (a->key <= b->key) {
    *lo = a;
    *hi = b;
  } else {
    *lo = b;
    *hi = a;
  }
}

__attribute__((noinline)) static struct handle wrap(struct item *p, long tag) {
  struct handle h = {p, tag, {tag + 1, tag + 2}};
  return h;
}

static long boxed_locally(int n) {
  struct item *box;
  struct item *p = malloc(sizeof *p); /* h2s: stack */
  p->key = n;
  snprintf(p->label, sizeof p->label, "local-%d", n);
  put(&box, p);
  long r = box->key + (long)strlen(box->label);
  free(p);
  return r;
}

static long boxed_globally(int n) {
  struct item *old = global_box;
  struct item *p = malloc(sizeof *p); /* h2s: heap */
  p->key = n;
  snprintf(p->label, sizeof p->label, "global-%d", n);
  put(&global_box, p);
  free(old);
  return global_box->key;
}

static long ordered(int n) {
  struct item *lo, *hi;
  struct item *a = malloc(sizeof *a); /* h2s: stack */
  struct item *b = malloc(sizeof *b); /* h2s: stack */
  a->key = n % 7;
  b->key = n % 5;
  order(&lo, &hi, a, b);
  long r = lo->key * 10 + hi->key;
  free(a);
  free(b);
  return r;
}

static long wrapped_locally(int n) {
  struct item *p = malloc(sizeof *p); /* h2s: heap */
  p->key = 3 * n;
  struct handle h = wrap(p, n);
  /* The integers in h are compared: wrap fills h through its sret slot,
     a store through a pointer whose fields the summary does not name, so
     an integer from h may hold h.item's bits, and comparing it exposes p
     (until summaries name the fields a callee writes). */
  long r = h.item->key + (h.tag == n) + (h.spare[1] == n + 2);
  free(p);
  return r;
}

static long wrapped_globally(int n) {
  struct item *old = global_handle.item;
  struct item *p = malloc(sizeof *p); /* h2s: heap */
  p->key = 5 * n;
  global_handle = wrap(p, n);
  free(old);
  return global_handle.item->key + global_handle.spare[0];
}

int main(void) {
  long total = 0;
  for (int i = 0; i < 300; i++) {
    total += boxed_locally(i);
    total += boxed_globally(i);
    total += ordered(i);
    total += wrapped_locally(i);
    total += wrapped_globally(i);
  }
  printf("total %ld global %ld %s handle %ld\n", total, global_box->key,
         global_box->label, global_handle.item->key);
  free(global_box);
  free(global_handle.item);
  return 0;
}
