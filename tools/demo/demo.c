/* demo.c: what heap2stack does to ordinary C. Build it with
 *   clang-22 -O2 -fpass-plugin=build/pass/heap2stack.so -Rpass=heap2stack \
 *            -Rpass-missed=heap2stack tools/demo/demo.c
 * and read which allocations moved to the stack, and why the others did not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { int value; struct node *next; };

/* A temporary format buffer handed to libc: moved to the stack. */
static void report(const char *what, int n) {
  char *buf = malloc(64);
  snprintf(buf, 64, "%s: %d", what, n);
  puts(buf);
  free(buf);
}

/* A scratch table, zeroed by calloc: moved, and still zeroed. */
static int count_digits(const char *s) {
  int *seen = calloc(10, sizeof *seen);
  for (; *s; s++)
    if (*s >= '0' && *s <= '9')
      seen[*s - '0'] = 1;
  int n = 0;
  for (int i = 0; i < 10; i++)
    n += seen[i];
  free(seen);
  return n;
}

/* Returned to the caller: stays on the heap. */
static char *dup_upper(const char *s) {
  size_t n = strlen(s);
  char *r = malloc(n + 1);
  for (size_t i = 0; i <= n; i++)
    r[i] = (s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i];
  return r;
}

struct node *registry;

/* Linked into a list that outlives the loop iteration: stays on the heap. */
static void keep(int n) {
  for (int i = 0; i < n; i++) {
    struct node *p = malloc(sizeof *p);
    p->value = i;
    p->next = registry;
    registry = p;
  }
}

int main(int argc, char **argv) {
  char *u = dup_upper(argc > 1 ? argv[1] : "heap2stack");
  report(u, count_digits("2025-11-23"));
  keep(3);
  report("head", registry->value);
  free(u);
  return 0;
}
