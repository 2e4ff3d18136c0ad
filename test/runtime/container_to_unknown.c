/* Trap (DESIGN.md "Traps"): a pointer stored into an object whose address is then
   passed to a function the pass cannot see. The callee keeps the pointer it
   finds inside the box, so the string must stay on the heap even though only
   the box's address is passed. Two shapes: the box is a local struct, and the
   box is itself a malloc'd object. The callee is reached through a volatile
   function pointer (an indirect call), as an external function would be,
   through a direct call to a noinline function whose body hides the pointer
   behind an asm barrier, and through a direct call to a plain noinline
   function (which interprocedural summaries must see through). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  char *text;
  int id;
};

static char *saved[32];
static int nsaved;

static void keep(struct box *b) { saved[nsaved++] = b->text; }
static void (*volatile hook)(struct box *) = keep;

__attribute__((noinline)) static void keep_opaque(struct box *b) {
  __asm__ volatile("" : : "r"(b) : "memory");
  saved[nsaved++] = b->text;
}

__attribute__((noinline)) static void keep_direct(struct box *b) {
  saved[nsaved++] = b->text;
}

/* Scribbles over the stack where dead frames used to be. */
__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 13);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void local_box(int i) {
  struct box b;
  b.text = malloc(32); /* h2s: heap */
  snprintf(b.text, 32, "local box %d", i);
  b.id = i;
  hook(&b);
}

__attribute__((noinline)) static void heap_box(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: heap */
  b->text = malloc(32); /* h2s: heap */
  snprintf(b->text, 32, "heap box %d", i);
  b->id = i;
  hook(b);
  free(b);
}

__attribute__((noinline)) static void opaque_box(int i) {
  struct box b;
  b.text = malloc(32); /* h2s: heap */
  snprintf(b.text, 32, "opaque box %d", i);
  b.id = i;
  keep_opaque(&b);
}

__attribute__((noinline)) static void direct_box(int i) {
  struct box *b = malloc(sizeof *b); /* h2s: stack */
  b->text = malloc(32); /* h2s: heap */
  snprintf(b->text, 32, "direct box %d", i);
  b->id = i;
  keep_direct(b);
  free(b);
}

int main(void) {
  for (int i = 0; i < 4; i++) {
    local_box(i);
    heap_box(i * 10);
    opaque_box(i * 100);
    direct_box(i * 1000);
    clobber();
  }
  unsigned sum = 0;
  for (int i = 0; i < nsaved; i++) {
    printf("%s\n", saved[i]);
    for (const char *p = saved[i]; *p; p++)
      sum = sum * 31 + (unsigned char)*p;
    free(saved[i]);
  }
  printf("checksum=%u\n", sum);
  return 0;
}
