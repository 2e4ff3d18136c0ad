/* alloc family, issue 14 class 5: alloc=arena_alloc:size=1:free=arena_free
   (the README's own example) for an arena whose free takes (arena, p) and
   keeps p for the next allocation. c65cf00 takes argument 0 for the block,
   promotes first()'s block, and second() gets a dead frame back. The arena
   is in a second translation unit (H2S_TU == 2). */
/* h2s-options: alloc=arena_alloc:size=1:free=arena_free */
/* h2s-tus: 2 */
/* h2s-lto: none */
#include <stdio.h>
#include <stdlib.h>
struct arena { void *free_list[16]; int nfree; size_t used; _Alignas(16) unsigned char pool[4096]; };
#if H2S_TU != 2
void *arena_alloc(struct arena *a, size_t n);
void arena_free(struct arena *a, void *p);
struct arena A;
__attribute__((noinline)) static long first(long x) {
  long *p = arena_alloc(&A, 32);
  for (int i = 0; i < 4; i++) p[i] = x + i;
  long s = p[1] + p[3];
  arena_free(&A, p);
  return s;
}
__attribute__((noinline)) static void scribble(void) { volatile char pad[512]; for (int i = 0; i < 512; i++) pad[i] = (char)i; }
long *last; /* second()'s block escapes: it is the one the arena hands back */
__attribute__((noinline)) static long second(long x) {
  long *q = arena_alloc(&A, 32);
  last = q;
  for (int i = 0; i < 4; i++) q[i] = x * i;
  scribble();
  return q[1] + q[3];
}
int main(void) { long a = first(3); printf("%ld %ld\n", a, second(5)); return 0; }
#else
void *arena_alloc(struct arena *a, size_t n) {
  if (a->nfree) return a->free_list[--a->nfree];
  void *p = a->pool + a->used;
  a->used += (n + 15) & ~(size_t)15;
  return p;
}
void arena_free(struct arena *a, void *p) { if (a->nfree < 16) a->free_list[a->nfree++] = p; }
#endif
