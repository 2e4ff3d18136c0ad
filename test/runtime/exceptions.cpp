// Trap (DESIGN §6): C++ exceptions. new inside a try block with delete in
// the catch handler and on the normal path (invoke + landing pad); an
// exception thrown through a frame that holds a promoted object (its cleanup
// deletes it); an object thrown as the exception's payload pointer (it
// outlives the throwing frame and must stay on the heap); RAII owners.
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

struct Pair {
  int a, b;
};

struct Node {
  Node *next;
  int v;
};

static int failures;

__attribute__((noinline)) static int check(const Pair *p) {
  if (p->a < 0)
    throw std::runtime_error("negative");
  return p->a * 10 + p->b;
}

// new in a try block; delete in the handler and after the try.
__attribute__((noinline)) static int try_catch(int i) {
  Pair *p = new Pair{i % 5 == 0 ? -1 : i, i * 2}; // h2s: stack
  int r;
  try {
    r = check(p);
  } catch (const std::runtime_error &e) {
    failures++;
    r = (int)std::strlen(e.what());
    delete p;
    return r;
  }
  delete p;
  return r;
}

// The exception passes through this frame; the owner's cleanup deletes.
__attribute__((noinline)) static int through(int i) {
  std::unique_ptr<Pair> p(new Pair{i % 3 == 0 ? -1 : i, 7}); // h2s: stack
  return check(p.get()) + p->b;
}

__attribute__((noinline)) static int outer(int i) {
  try {
    return through(i);
  } catch (const std::exception &) {
    return -i;
  }
}

// The thrown value points to an object allocated in the throwing frame.
__attribute__((noinline)) static void throw_node(int i) {
  Node *n = new Node{nullptr, i * 11}; // h2s: heap
  throw n;
}

__attribute__((noinline)) static void clobber() {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = (char)(i * 3);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static int catch_node(int i) {
  try {
    throw_node(i);
  } catch (Node *n) {
    clobber();
    int v = n->v;
    delete n;
    return v;
  }
  return 0;
}

// An array owned by a unique_ptr<T[]> while an exception may pass.
__attribute__((noinline)) static int array_owner(int i) {
  std::unique_ptr<int[]> a(new int[8]); // h2s: stack
  for (int k = 0; k < 8; k++)
    a[k] = i + k;
  Pair p{a[7] % 4 == 0 ? -1 : a[7], a[0]};
  try {
    return check(&p) + a[3];
  } catch (...) {
    return a[2];
  }
}

int main() {
  long sum = 0;
  for (int i = 0; i < 30; i++) {
    sum = sum * 3 % 1000003 + try_catch(i);
    sum = sum * 3 % 1000003 + outer(i);
    sum = sum * 3 % 1000003 + catch_node(i);
    sum = sum * 3 % 1000003 + array_owner(i);
  }
  std::printf("failures=%d sum=%ld\n", failures, sum);
  return 0;
}
