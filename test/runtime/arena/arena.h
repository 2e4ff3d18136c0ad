/* arena.h: a small arena allocator for the runtime tests of alloc= specs
   whose free takes the arena first: arena_free(arena, p). */
#ifndef ARENA_H
#define ARENA_H
#include <stddef.h>

/* Zero-initialised arenas are ready: the first allocation sets them up. */
struct arena {
  unsigned char *base; /* one chunk from malloc */
  size_t used, cap;
  void *free_list;     /* freed blocks, linked through their first word */
  struct arena *next;  /* every arena the allocator has set up */
};

/* A block of at most ARENA_BLOCK bytes, 16-aligned. */
#define ARENA_BLOCK 64
void *arena_alloc(struct arena *a, size_t n);
/* p must come from arena_alloc(a, ...); it goes on a's free list. */
void arena_free(struct arena *a, void *p);
/* Walk every arena's free list; exit(3) on a block that is not a's. */
void arena_check(void);
#endif
