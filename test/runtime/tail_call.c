/* Tail calls that receive the pointer (llvm#58744: the Attributor left `tail`
   on such calls, and the call became a jump out of the frame that held the
   object). The object moves, so the call must become an ordinary call. The
   callee uses a lot of stack before reading the object, which would overwrite
   it if the caller's frame were gone. With musttail the call must stay a
   jump, so the object stays on the heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static unsigned scribble(int seed) {
  volatile unsigned char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (unsigned char)(seed + i * 7);
  unsigned h = 0;
  for (int i = 0; i < 4096; i += 64)
    h += junk[i];
  return h;
}

__attribute__((noinline)) static unsigned consume(const char *s, int seed) {
  unsigned h = scribble(seed) & 1;
  for (; *s; s++)
    h = h * 31 + (unsigned char)*s;
  return h;
}

__attribute__((noinline)) static unsigned consume_boxed(char *const *box,
                                                       int seed) {
  return consume(*box, seed) + 1;
}

/* The object leaks on the heap; on the stack it dies with the frame. */
__attribute__((noinline)) static unsigned sibling(int i) {
  char *p = malloc(48); /* h2s: stack */
  snprintf(p, 48, "tail call argument %d", i);
  return consume(p, i);
}

__attribute__((noinline)) static unsigned through_struct(int i) {
  char **box = malloc(sizeof *box); /* h2s: stack */
  char *p = malloc(48); /* h2s: stack */
  snprintf(p, 48, "boxed %d", i * 3);
  *box = p;
  return consume_boxed(box, i + 1);
}

/* musttail needs the callee's signature. */
__attribute__((noinline)) static unsigned must(const char *prefix, int i) {
  char *p = malloc(48); /* h2s: heap */
  snprintf(p, 48, "%s %d", prefix, i);
  __attribute__((musttail)) return consume(p, i);
}

int main(void) {
  unsigned h = 0;
  for (int i = 0; i < 40; i++) {
    h = h * 7 + sibling(i);
    h = h * 7 + through_struct(i);
    h = h * 7 + must("musttail argument", i);
  }
  printf("checksum=%u\n", h);
  return 0;
}
