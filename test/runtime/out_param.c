/* Trap (DESIGN.md "Traps"): a pointer returned through an out-parameter, *out = p.
   The caller uses the object after the callee's frame is gone, so it must stay
   on the heap: through a plain out-parameter, through a field of a struct
   passed by address, and through a pointer to a pointer that the callee
   receives from its own caller. A scratch buffer used only inside the callee
   may move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct result {
  int status;
  char *message;
};

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 5);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static int make_name(int i, char **out) {
  char *scratch = malloc(32); /* h2s: stack */
  snprintf(scratch, 32, "%d", i * 11);
  char *p = malloc(48); /* h2s: heap */
  snprintf(p, 48, "name-%s-%d", scratch, i);
  free(scratch);
  *out = p;
  return (int)strlen(p);
}

__attribute__((noinline)) static void fill_result(int i, struct result *r) {
  r->message = malloc(40); /* h2s: heap */
  snprintf(r->message, 40, "result message %d", i);
  r->status = i % 3;
}

__attribute__((noinline)) static void forward(int i, char **out) {
  int n = make_name(i + 100, out);
  if (n < 0)
    abort();
}

__attribute__((noinline)) static int *make_counter(int start, int **out) {
  int *c = malloc(sizeof *c); /* h2s: heap */
  *c = start;
  *out = c;
  return c;
}

int main(void) {
  unsigned h = 0;
  for (int i = 0; i < 6; i++) {
    char *name;
    struct result r;
    char *fwd;
    int *cnt;
    int len = make_name(i, &name);
    fill_result(i, &r);
    forward(i, &fwd);
    make_counter(i * 9, &cnt);
    clobber();
    *cnt += 1;
    printf("%d %s | %d %s | %s | %d\n", len, name, r.status, r.message, fwd,
           *cnt);
    for (const char *p = name; *p; p++)
      h = h * 31 + (unsigned char)*p;
    free(name);
    free(r.message);
    free(fwd);
    free(cnt);
  }
  printf("checksum=%u\n", h);
  return 0;
}
