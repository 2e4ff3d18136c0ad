/* Positive and trap: a noinline setter stores a string into a local box
   (set_p(b, x): in-to-out flow into the caller's object). The box moves; the
   string escapes only when the caller then publishes the box's contents:
   loaded and stored to a global, read back through a getter, memcpy'd into
   a global box, set through a pointer to the box held in a second local
   object, or the box passed to an indirect call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *p;
  long pad;
};

static char *g1, *g2, *g3, *g4;
static struct box gbox;

static void keep(struct box *b) { g4 = b->p; }
static void (*volatile hook)(struct box *) = keep;

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void set_p(struct box *b, char *v) {
  b->p = v;
}

__attribute__((noinline)) static char *get_p(struct box *b) { return b->p; }

__attribute__((noinline)) static void set_via(struct box **bb, char *v) {
  (*bb)->p = v;
}

__attribute__((noinline)) static void loaded(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "loaded %d", i);
  set_p(b, x);
  g1 = b->p;
  free(b);
}

__attribute__((noinline)) static void getter(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "getter %d", i);
  set_p(b, x);
  g2 = get_p(b);
  free(b);
}

__attribute__((noinline)) static void copied(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "copied %d", i);
  set_p(b, x);
  memcpy(&gbox, b, sizeof *b);
  free(b);
}

__attribute__((noinline)) static void twice_removed(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  struct box **slot = malloc(sizeof *slot); /* h2s: stack */
  *slot = b;
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "twice removed %d", i);
  set_via(slot, x);
  g3 = b->p;
  free(slot);
  free(b);
}

__attribute__((noinline)) static void hooked(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: heap */
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "hooked %d", i);
  set_p(b, x);
  hook(b);
  free(b);
}

/* The near miss: the string only lives in the box. */
__attribute__((noinline)) static size_t kept_local(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  char *x = malloc(32); /* h2s: stack */
  snprintf(x, 32, "kept local %d", i);
  set_p(b, x);
  size_t n = strlen(get_p(b));
  free(x);
  free(b);
  return n;
}

int main(void) {
  size_t n = 0;
  for (int i = 0; i < 3; i++) {
    loaded(i);
    getter(i);
    copied(i);
    twice_removed(i);
    hooked(i);
    n += kept_local(i);
    clobber();
    printf("%s | %s | %s | %s | %s\n", g1, g2, gbox.p, g3, g4);
  }
  printf("n=%zu\n", n);
  return 0;
}
