/* Soundness (stack depth), issue 15 reproducer 4, second form: recursion
   through raise() and a signal handler. step() raises SIGUSR1, whose
   handler calls step() again, 12,000 deep: a cycle only through code the
   pass cannot see (raise() runs the handler, whose address signal() took).
   step() may recurse, so its 1,000-byte buffer stays on the heap (12 MB of
   an 8 MiB stack otherwise). Near misses: its 64-byte note moves (under
   max-size-may-recurse, 128 bytes a frame), and so does the buffer of
   report(), which no cycle reaches. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 12000

static volatile int next_level;
static long total;

static void step(int n);

static void on_signal(int sig) {
  (void)sig;
  step(next_level);
}

__attribute__((noinline)) static void step(int n) {
  char *buf = malloc(1000); /* h2s: heap */
  long *note = malloc(64);  /* h2s: stack */
  memset(buf, n & 0x7f, 1000);
  note[0] = n;
  total += buf[n % 1000];
  if (n > 0) {
    next_level = n - 1;
    raise(SIGUSR1);
  }
  total += buf[999] + note[0];
  free(note);
  free(buf);
}

__attribute__((noinline)) static void report(void) {
  char *line = malloc(2000); /* h2s: stack */
  snprintf(line, 2000, "total %ld", total);
  puts(line);
  free(line);
}

int main(void) {
  signal(SIGUSR1, on_signal);
  step(DEPTH);
  report();
  return 0;
}
