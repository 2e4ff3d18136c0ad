/* Trap (DESIGN.md "Traps"): setjmp/longjmp around allocations. A function that calls
   setjmp may be re-entered through its setjmp point; the pass leaves its
   allocations alone. A function without setjmp that is left by a longjmp
   simply loses its frame: its private buffers may move (the heap version
   leaks them). A buffer published before the longjmp stays on the heap. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;
static char *published;

__attribute__((noinline)) static void fail(int code) { longjmp(env, code); }

/* Private buffer; jumps out half of the time before freeing it. */
__attribute__((noinline)) static int work(int i) {
  char *tmp = malloc(32); /* h2s: stack */
  snprintf(tmp, 32, "work %d", i);
  int n = (int)strlen(tmp);
  if (i % 2)
    fail(n);
  free(tmp);
  return n;
}

/* Publishes its buffer before jumping out. */
__attribute__((noinline)) static void publish(int i) {
  char *msg = malloc(32); /* h2s: heap */
  snprintf(msg, 32, "published %d", i);
  published = msg;
  fail(100 + i);
}

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 11);
  __asm__ volatile("" ::: "memory");
}

/* Calls setjmp: its buffer is used again after the longjmp returns here. */
__attribute__((noinline)) static long driver(int rounds) {
  char *log = malloc(256); /* h2s: heap */
  log[0] = 0;
  volatile int i = 0;
  volatile long total = 0;
  int code = setjmp(env);
  if (code) {
    char note[16];
    snprintf(note, sizeof note, "j%d;", code);
    strncat(log, note, 255 - strlen(log));
    total += code;
    i++;
  }
  while (i < rounds) {
    clobber();
    if (i == rounds - 1)
      publish(i);
    total += work(i);
    i++;
  }
  printf("log=%s\n", log);
  free(log);
  return total;
}

int main(void) {
  long t = driver(7);
  printf("total=%ld published=%s\n", t, published ? published : "(none)");
  free(published);
  return 0;
}
