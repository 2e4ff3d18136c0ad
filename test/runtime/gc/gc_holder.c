/* Boehm GC with the collector active: a promoted GC_malloc object (on the
   stack, which the collector scans) holds the only pointers to collected
   objects; after many allocations and explicit collections, those objects
   must still be alive and intact. Decoy allocations of the same size would
   reuse the memory of any object collected by mistake. GC_malloc's memory
   is zeroed, so the promoted holder must read as zeros although the stack
   under it was dirtied first. (ASan's fake stack and the collector get along
   here; if they ever stop doing so, build this without ASan.) */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#define NODES 64

struct node {
  long id;
  char tag[24];
};

/* Decoys escape here, so they stay collected and reuse the memory of any
   node the collector wrongly frees. */
static struct node *volatile sink;

/* The holder is a collected object that never leaves this function: it moves
   to the stack, and it holds the only pointers to the nodes, which are
   allocated in the loop (each outlives its iteration) and stay collected. */
__attribute__((noinline)) static long churn_and_check(int rounds) {
  struct node **holder = GC_malloc(NODES * sizeof *holder); /* h2s: stack */
  int dirty = 0;
  for (int i = 0; i < NODES; i++)
    dirty += holder[i] != NULL;
  printf("dirty slots: %d\n", dirty);
  for (int i = 0; i < NODES; i++) {
    struct node *n = GC_malloc(sizeof *n); /* h2s: heap */
    n->id = i * 7 + 1;
    snprintf(n->tag, sizeof n->tag, "node-%d", i);
    holder[i] = n;
  }
  unsigned long before = GC_get_gc_no();
  for (int r = 0; r < rounds; r++) {
    for (int k = 0; k < 2000; k++) {
      char *junk = GC_malloc_atomic(256 + k % 64);
      memset(junk, 0xa5, 256);
      /* Same size as a node: reuses a node's memory if it was collected. */
      struct node *decoy = GC_malloc(sizeof *decoy);
      decoy->id = -1;
      memset(decoy->tag, 'x', sizeof decoy->tag - 1);
      sink = decoy;
    }
    GC_gcollect();
  }
  long sum = 0;
  int bad = 0;
  for (int i = 0; i < NODES; i++) {
    char want[24];
    snprintf(want, sizeof want, "node-%d", i);
    if (holder[i]->id != i * 7 + 1 || strcmp(holder[i]->tag, want) != 0)
      bad++;
    sum += holder[i]->id;
  }
  printf("collections ran: %s\n", GC_get_gc_no() > before ? "yes" : "no");
  printf("bad nodes: %d\n", bad);
  return sum;
}

/* Leaves non-zero bytes where the holder will be. */
__attribute__((noinline)) static void scribble(void) {
  volatile unsigned char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = 0xff;
}

int main(void) {
  GC_INIT();
  for (int round = 0; round < 3; round++) {
    scribble();
    printf("sum %ld\n", churn_and_check(5));
  }
  return 0;
}
