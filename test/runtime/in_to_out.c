/* Trap: noinline helpers that move pointers between their parameters'
   pointees (Go's in-to-out parameter flow): a swap with a global slot, a
   move forwarded through a second helper, a store through a pointer to a
   pointer (**pp = v), a struct copy into a global box, a setter of a global
   box's field, and a helper with five pointer parameters (more than the
   summaries' out-parameter slots) that stores into the last one. The caller
   passes a global (or what points to one), so every string escapes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *p;
  char *q;
};

static char *global_slot;
static char **global_pp = &global_slot;
static struct box global_box;

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void swap(char **a, char **b) {
  char *t = *a;
  *a = *b;
  *b = t;
}

__attribute__((noinline)) static void move(char **dst, char **src) {
  *dst = *src;
  *src = NULL;
}

__attribute__((noinline)) static void forward_move(char **dst, char **src) {
  move(dst, src);
}

__attribute__((noinline)) static void put2(char ***pp, char *v) { **pp = v; }

__attribute__((noinline)) static void copy_box(struct box *dst,
                                               const struct box *src) {
  *dst = *src;
}

__attribute__((noinline)) static void set_q(struct box *b, char *v) {
  b->q = v;
}

__attribute__((noinline)) static void five(struct box *a, struct box *b,
                                           struct box *c, struct box *d,
                                           char *v) {
  d->p = v;
  a->q = b->q;
  c->q = NULL;
}

__attribute__((noinline)) static void by_swap(int i) {
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "swap %d", i);
  char *local = x;
  swap(&global_slot, &local);
  free(local);
}

__attribute__((noinline)) static void by_move(int i) {
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "move %d", i);
  char *local = x;
  free(global_slot);
  forward_move(&global_slot, &local);
}

__attribute__((noinline)) static void by_put2(int i) {
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "put2 %d", i);
  free(global_slot);
  put2(&global_pp, x);
}

__attribute__((noinline)) static void by_copy_box(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->p = malloc(32); /* h2s: heap */
  snprintf(b->p, 32, "copy box %d", i);
  b->q = NULL;
  free(global_box.p);
  copy_box(&global_box, b);
  free(b);
}

__attribute__((noinline)) static void by_set_q(int i) {
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "set q %d", i);
  free(global_box.q);
  set_q(&global_box, x);
}

__attribute__((noinline)) static void by_five(int i) {
  struct box a = {0, 0}, b = {0, 0}, c = {0, 0};
  char *x = malloc(32); /* h2s: heap */
  snprintf(x, 32, "five %d", i);
  free(global_box.p);
  five(&a, &b, &c, &global_box, x);
}

int main(void) {
  for (int i = 0; i < 3; i++) {
    by_swap(i);
    clobber();
    printf("%s\n", global_slot);
    by_move(i);
    clobber();
    printf("%s\n", global_slot);
    by_put2(i);
    clobber();
    printf("%s\n", global_slot);
    by_copy_box(i);
    clobber();
    printf("%s\n", global_box.p);
    by_set_q(i);
    clobber();
    printf("%s\n", global_box.q);
    by_five(i);
    clobber();
    printf("%s\n", global_box.p);
  }
  return 0;
}
