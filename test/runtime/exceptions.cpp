// Trap (DESIGN.md "Traps"): C++ exceptions. new inside a try block with delete in
// the catch handler and on the normal path (invoke + landing pad); an
// exception thrown through a frame that holds a promoted object (its cleanup
// deletes it); an object thrown as the exception's payload pointer (it
// outlives the throwing frame and must stay on the heap); RAII owners; a
// constructor that throws (the new-expression's cleanup deletes the memory);
// phis in a landing pad whose invokes of operator new become branches.
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
  } catch (const std::runtime_error &) {
    // (No e.what(): a virtual call is an indirect call, and a function with
    // one may be re-entered through it, so the pass treats it as recursive.)
    failures++;
    r = 7;
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

// A constructor defined out of line (an exact definition) that throws.
struct Throwing {
  char buf[24];
  Throwing(int i);
};

__attribute__((noinline)) Throwing::Throwing(int i) {
  if (i % 4 == 0)
    throw i;
  std::snprintf(buf, sizeof buf, "T%d", i);
}

__attribute__((noinline)) static int ctor_throws(int i) {
  try {
    Throwing *t = new Throwing(i); // h2s: stack
    int r = (int)std::strlen(t->buf);
    delete t;
    return r;
  } catch (int e) {
    return -e;
  }
}

// The handler reads `stage`, so its landing pad has phis with an incoming
// value from each invoke, including the invokes of operator new.
__attribute__((noinline)) static int stages(int i) {
  int stage = 0;
  try {
    Pair *a = new Pair{i, 1}; // h2s: stack
    stage = 1;
    int r = check(a);
    stage = 2;
    Pair *b = new Pair{i % 7 == 0 ? -1 : i, 2}; // h2s: stack
    stage = 3;
    r += check(b);
    delete b;
    delete a;
    return r;
  } catch (...) {
    return -stage;
  }
}

int main() {
  long sum = 0;
  for (int i = 0; i < 30; i++) {
    sum = sum * 3 % 1000003 + try_catch(i);
    sum = sum * 3 % 1000003 + outer(i);
    sum = sum * 3 % 1000003 + catch_node(i);
    sum = sum * 3 % 1000003 + array_owner(i);
    sum = sum * 3 % 1000003 + ctor_throws(i);
    sum = sum * 3 % 1000003 + stages(i);
  }
  std::printf("failures=%d sum=%ld\n", failures, sum);
  return 0;
}
