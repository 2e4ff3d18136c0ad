/* Trap: a shared library built with -fPIC -fsemantic-interposition: keep() may be
   replaced by another definition at load time (the executable's, or
   LD_PRELOAD's), so neither its body nor a summary of it describes the call
   in user(). LLVM does not inline or infer attributes for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) long keep(char *p) { return (long)strlen(p); }

long user(int i) {
  char *p = malloc(32); /* h2s: heap */
  snprintf(p, 32, "user %d", i);
  return keep(p);
}
