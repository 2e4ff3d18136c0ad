/* arena.c: the allocator behind arena.h, built as its own translation unit
   so that its callers see only declarations (what alloc= specs are for).
   Each block has a header with a back-pointer to its arena; freed blocks
   go on the arena's free list and are handed out again. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct header {
  struct arena *owner; /* the back-pointer arena_free checks */
  size_t size;
};

#define SLOT (sizeof(struct header) + ARENA_BLOCK)
#define SLOTS 256

static struct arena *all_arenas;

static void setup(struct arena *a) {
  a->cap = SLOT * SLOTS;
  a->base = malloc(a->cap);
  if (!a->base)
    abort();
  a->next = all_arenas;
  all_arenas = a;
}

static int owns(const struct arena *a, const void *p) {
  uintptr_t x = (uintptr_t)p, lo = (uintptr_t)a->base;
  return x >= lo + sizeof(struct header) && x < lo + a->cap &&
         (x - lo) % SLOT == sizeof(struct header) &&
         ((const struct header *)p)[-1].owner == a;
}

void *arena_alloc(struct arena *a, size_t n) {
  if (n > ARENA_BLOCK)
    return NULL;
  if (!a->base)
    setup(a);
  unsigned char *p;
  if (a->free_list) {
    p = a->free_list;
    if (!owns(a, p)) {
      printf("arena_alloc: corrupt free list\n");
      exit(3);
    }
    a->free_list = *(void **)p;
  } else {
    if (a->used == a->cap)
      return NULL;
    p = a->base + a->used + sizeof(struct header);
    a->used += SLOT;
  }
  struct header *h = (struct header *)p - 1;
  h->owner = a;
  h->size = n;
  return p;
}

void arena_free(struct arena *a, void *p) {
  if (!p)
    return;
  if (!owns(a, p)) {
    printf("arena_free: %s is not a block of this arena\n",
           a->base ? "the pointer" : "(arena never used)");
    exit(3);
  }
  *(void **)p = a->free_list;
  a->free_list = p;
}

void arena_check(void) {
  for (struct arena *a = all_arenas; a; a = a->next)
    for (void *p = a->free_list; p; p = *(void **)p)
      if (!owns(a, p)) {
        printf("arena_check: corrupt free list\n");
        exit(3);
      }
  printf("free lists ok\n");
}
