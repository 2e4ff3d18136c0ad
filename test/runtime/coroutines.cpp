// Trap (DESIGN.md "Traps"): coroutines. A buffer allocated in a C++20 coroutine and
// yielded to the caller lives across suspension points in the coroutine
// frame; it is read by the caller while the coroutine is suspended, so it
// must stay on the heap (the pass leaves coroutines alone before they are
// split).
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct Gen {
  struct promise_type {
    const char *cur = nullptr;
    Gen get_return_object() {
      return Gen{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(const char *s) {
      cur = s;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  ~Gen() {
    if (h)
      h.destroy();
  }
  bool next() {
    h.resume();
    return !h.done();
  }
  const char *value() { return h.promise().cur; }
};

__attribute__((noinline)) static void clobber() {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

static Gen words(int n) {
  for (int i = 0; i < n; i++) {
    char *buf = (char *)std::malloc(32); // h2s: heap
    std::snprintf(buf, 32, "word-%d", i * 7);
    co_yield buf;
    std::free(buf);
  }
  char *tail = (char *)std::malloc(24); // h2s: heap
  std::snprintf(tail, 24, "tail %d", n);
  co_yield tail;
  std::free(tail);
}

// An ordinary function next to them still gets its scratch buffer moved.
__attribute__((noinline)) static unsigned hash(const char *s) {
  char *copy = (char *)std::malloc(32); // h2s: stack
  std::snprintf(copy, 32, "%s", s);
  unsigned h = 0;
  for (const char *p = copy; *p; p++)
    h = h * 31 + (unsigned char)*p;
  std::free(copy);
  return h;
}

int main() {
  unsigned h = 0;
  for (int r = 0; r < 5; r++) {
    Gen g = words(r + 3);
    while (g.next()) {
      clobber();
      h = h * 7 + hash(g.value());
    }
  }
  std::printf("checksum=%u\n", h);
  return 0;
}
