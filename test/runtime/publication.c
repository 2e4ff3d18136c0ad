/* Trap: every way C publishes a pointer to a global: a thread-local
   variable (llvm.threadlocal.address), a C11 atomic store, an atomic
   exchange, a compare-and-swap, an integer (uintptr_t) global, a union that
   puns the pointer to an integer, an integer loaded from a local box that
   held the pointer, and a memcpy of a local box into a global struct. All
   the published objects stay on the heap; the box itself may move. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char *tls_slot;
static char *_Atomic atomic_slot;
static char *xchg_slot;
static char *cas_slot;
static uintptr_t int_slot;
static union {
  char *p;
  uintptr_t u;
} pun_slot;

struct pair {
  char *a, *b;
};
static struct pair pair_slot;

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void to_tls(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "tls %d", i);
  tls_slot = p;
}

__attribute__((noinline)) static void to_atomic(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "atomic %d", i);
  atomic_store(&atomic_slot, p);
}

__attribute__((noinline)) static void to_xchg(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "xchg %d", i);
  char *old = __atomic_exchange_n(&xchg_slot, p, __ATOMIC_SEQ_CST);
  free(old);
}

__attribute__((noinline)) static void to_cas(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "cas %d", i);
  char *expected = cas_slot;
  if (__atomic_compare_exchange_n(&cas_slot, &expected, p, 0, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST))
    free(expected);
  else
    free(p);
}

__attribute__((noinline)) static void to_int(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "int %d", i);
  int_slot = (uintptr_t)p;
}

__attribute__((noinline)) static void to_pun(int i) {
  union {
    char *p;
    uintptr_t u;
  } local;
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "pun %d", i);
  local.p = p;
  pun_slot.u = local.u;
}

__attribute__((noinline)) static void to_pun_box(int i) {
  union box {
    char *p;
    uintptr_t u;
  } *local = malloc(sizeof *local);
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "pun box %d", i);
  local->p = p;
  int_slot = local->u;
  free(local);
}

__attribute__((noinline)) static void to_pair_memcpy(int i) {
  struct pair *local = malloc(sizeof *local); /* h2s: stack */
  local->a = malloc(32); /* h2s: heap */
  snprintf(local->a, 32, "pair a %d", i);
  local->b = malloc(32); /* h2s: heap */
  snprintf(local->b, 32, "pair b %d", i);
  memcpy(&pair_slot, local, sizeof *local);
  free(local);
}

int main(void) {
  for (int i = 0; i < 3; i++) {
    to_tls(i);
    to_atomic(i);
    to_xchg(i);
    to_cas(i);
    clobber();
    printf("%s|%s|%s|%s\n", tls_slot, atomic_load(&atomic_slot), xchg_slot,
           cas_slot);
    to_int(i);
    clobber();
    printf("%s\n", (char *)int_slot);
    to_pun(i);
    clobber();
    printf("%s\n", pun_slot.p);
    to_pun_box(i);
    clobber();
    printf("%s\n", (char *)int_slot);
    to_pair_memcpy(i);
    clobber();
    printf("%s %s\n", pair_slot.a, pair_slot.b);
  }
  return 0;
}
