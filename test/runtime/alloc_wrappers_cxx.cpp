/* Allocation wrappers in C++ (issue 19): an xmalloc that throws
   std::bad_alloc when malloc fails, called inside a try block (an invoke),
   and an xfree, both with counters. The buffer moves; the wrappers are
   inlined at the invoke and the call; an exception thrown after the
   allocation still unwinds through the function. */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

static unsigned long n_alloc, n_free;

extern "C" __attribute__((noinline)) void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    throw std::bad_alloc();
  n_alloc++;
  return p;
}

extern "C" __attribute__((noinline)) void xfree(void *p) {
  n_free++;
  free(p);
}

__attribute__((noinline)) void may_throw(int k) {
  if (k % 7 == 3)
    throw std::runtime_error("three");
}

__attribute__((noinline)) int work(int k) {
  int r = 0;
  try {
    char *b = static_cast<char *>(xmalloc(32)); /* h2s: stack */
    snprintf(b, 32, "w%d", k);
    r = (int)strlen(b);
    if (k % 5 != 1)
      may_throw(k); /* the buffer leaks when this throws, as on the heap */
    xfree(b);
  } catch (const std::exception &e) {
    r += 100;
  }
  return r;
}

int main() {
  int s = 0;
  for (int i = 0; i < 40; i++)
    s += work(i);
  printf("%d %lu %lu\n", s, n_alloc, n_free);
  return 0;
}
