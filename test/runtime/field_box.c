/* Field-sensitive objects (issue 16, DESIGN.md "Fields"): a box holding a
   pointer to a value next to an integer tag, opened by a noinline helper.
   - boxed: open_box returns *b->v + b->tag. Its summary names the fields
     it reads (the pointer at offset 0 is followed once, the tag at offset
     8 is returned): the returned sum carries neither object, both move.
   Near misses:
   - boxed_addr: the helper returns (long)b->v, the value's address as an
     integer: the value stays on the heap.
   - boxed_pun: the helper reads the pointer field's bytes as a long
     (type punning through memcpy): the value stays on the heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  long *v;
  long tag;
};

__attribute__((noinline)) static long open_box(struct box *b) {
  return *b->v + b->tag;
}

__attribute__((noinline)) static long boxed(int n) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->v = malloc(sizeof(long)); /* h2s: stack */
  *b->v = n;
  b->tag = 7;
  long r = open_box(b);
  free(b->v);
  free(b);
  return r;
}

__attribute__((noinline)) static long box_addr(struct box *b) {
  return (long)b->v;
}

__attribute__((noinline)) static long boxed_addr(int n) {
  struct box *b = malloc(sizeof *b);
  b->v = malloc(sizeof(long)); /* h2s: heap */
  *b->v = n;
  b->tag = 7;
  long r = box_addr(b) % 8; /* malloc and the stack align to 8 */
  free(b->v);
  free(b);
  return r;
}

__attribute__((noinline)) static long box_bits(struct box *b) {
  long bits;
  memcpy(&bits, &b->v, sizeof bits);
  return bits;
}

__attribute__((noinline)) static long boxed_pun(int n) {
  struct box *b = malloc(sizeof *b);
  b->v = malloc(sizeof(long)); /* h2s: heap */
  *b->v = n;
  b->tag = 7;
  long *back = (long *)box_bits(b);
  long r = *back;
  free(b->v);
  free(b);
  return r;
}

int main(int argc, char **argv) {
  (void)argv;
  printf("boxed %ld\n", boxed(argc + 2));
  printf("boxed_addr %ld\n", boxed_addr(argc + 2));
  printf("boxed_pun %ld\n", boxed_pun(argc + 2));
  return 0;
}
