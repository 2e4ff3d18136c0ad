// C++ new/delete variants that must move and keep working: plain new,
// new[] of a trivial type, new[] of a type with a destructor (an array
// cookie in front of the elements), aligned new (an alignas(64) type and
// new Wide[3], the alignment tested), nothrow new, and sized
// delete. All are used only inside their function. Explicit calls of
// ::operator new are not new-expressions and stay.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>

static int destroyed;

struct Counted {
  int v;
  Counted() : v(3) {}
  ~Counted() { destroyed++; }
};

struct alignas(64) Wide {
  double d[8];
};

__attribute__((noinline)) static int aligned_to(const void *p, std::size_t a) {
  return (reinterpret_cast<std::uintptr_t>(p) & (a - 1)) == 0;
}

__attribute__((noinline)) static long sum_ints(const int *a, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += a[i];
  return s;
}

__attribute__((noinline)) static long plain_new(int i) {
  long *p = new long(i); // h2s: stack
  *p += sum_ints(reinterpret_cast<const int *>(p), 2);
  long r = *p;
  delete p;
  return r;
}

__attribute__((noinline)) static long array_new(int i) {
  int *a = new int[16]; // h2s: stack
  for (int k = 0; k < 16; k++)
    a[k] = i * k;
  long r = sum_ints(a, 16);
  delete[] a;
  return r;
}

__attribute__((noinline)) static long cookie_array(int i) {
  Counted *c = new Counted[5]; // h2s: stack
  c[i % 5].v = i;
  long r = 0;
  for (int k = 0; k < 5; k++)
    r += c[k].v;
  delete[] c;
  return r;
}

__attribute__((noinline)) static long over_aligned(int i) {
  Wide *w = new Wide; // h2s: stack
  for (int k = 0; k < 8; k++)
    w->d[k] = i + k;
  long r = aligned_to(w, 64) * 1000 + (long)w->d[7];
  delete w;
  return r;
}

// new[] of an over-aligned type calls the aligned operator new[].
__attribute__((noinline)) static long aligned_array(int i) {
  Wide *w = new Wide[3]; // h2s: stack
  std::memset(w, i, sizeof(Wide) * 3);
  long r = aligned_to(&w[1], 64) * 1000 +
           reinterpret_cast<unsigned char *>(w)[sizeof(Wide) * 3 - 1];
  delete[] w;
  return r;
}

// Explicit calls of operator new are not new-expressions: they may not be
// elided (a replacement operator new may count them), so they stay.
__attribute__((noinline)) static long explicit_call(int i) {
  void *raw = ::operator new(96, std::align_val_t(64)); // h2s: heap
  std::memset(raw, i, 96);
  long r = aligned_to(raw, 64) * 1000 + static_cast<unsigned char *>(raw)[95];
  ::operator delete(raw, std::align_val_t(64));
  return r;
}

__attribute__((noinline)) static long nothrow_new(int i) {
  int *p = new (std::nothrow) int[4]; // h2s: stack
  if (!p)
    return -1;
  for (int k = 0; k < 4; k++)
    p[k] = i - k;
  long r = sum_ints(p, 4);
  delete[] p;
  return r;
}

// delete of a complete class type calls the sized operator delete.
struct Block {
  int v[12];
};

__attribute__((noinline)) static long sized_delete(int i) {
  Block *b = new Block; // h2s: stack
  std::memset(b, i & 0x7f, sizeof *b);
  long r = sum_ints(b->v, 12);
  delete b;
  return r;
}

int main() {
  long sum = 0;
  for (int i = 0; i < 50; i++) {
    sum += plain_new(i);
    sum += array_new(i);
    sum += cookie_array(i);
    sum += over_aligned(i);
    sum += aligned_array(i);
    sum += explicit_call(i);
    sum += nothrow_new(i);
    sum += sized_delete(i);
  }
  std::printf("sum=%ld destroyed=%d\n", sum, destroyed);
  return 0;
}
