// A Missed remark for a recursive function's frame budget says why the
// function counts as recursive (stack.c's call graph with a node OUT for
// code the pass cannot see): it calls itself, it is on a cycle of direct
// calls through another function, or it may recurse through code outside
// the module (an indirect call, a library function that calls back), and
// how outside code enters the cycle. A non-constant size there is reported
// as such, not as "too large". Each case has a near miss that moves.
// RUN: %clang-h2s -O2 -g -c %s -o /dev/null -Rpass=heap2stack -Rpass-missed=heap2stack 2>&1 | FileCheck %s

#include <stdlib.h>
#include <string.h>

static size_t measure(char *p, int n) {
  memset(p, 'a', 199);
  p[n % 200] = 0;
  return strlen(p);
}

// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(n) stays on heap: non-constant size in a recursive function (max-size-recursive 0): walk calls itself
size_t walk(int n) {
  char *p = malloc(n);
  size_t r = measure(p, n);
  free(p);
  return n > 1 ? r + walk(n - 1) : r;
}

// Near miss: not recursive: a small buffer for the non-constant size.
// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(n) does not escape: moved to stack when size <= 32
size_t flat(int n) {
  char *p = malloc(n);
  size_t r = measure(p, n);
  free(p);
  return r;
}

size_t is_odd(int n);
// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(200) stays on heap: too large for a recursive function (max-size-recursive 0): is_even is on a call cycle through is_odd
__attribute__((noinline)) size_t is_even(int n) {
  char *p = malloc(200);
  size_t r = measure(p, n);
  free(p);
  return n ? is_odd(n - 1) + r : r;
}
__attribute__((noinline)) size_t is_odd(int n) { return n ? is_even(n - 1) : 1; }

static int by_byte(const void *a, const void *b) {
  return *(const char *)a - *(const char *)b;
}

// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(200) stays on heap: too large for a recursive function (max-size-may-recurse 128): through code outside the module: sorted calls qsort, which may call back; sorted is visible outside the module
size_t sorted(int n) {
  char *p = malloc(200);
  size_t r = measure(p, n);
  qsort(p, r, 1, by_byte);
  r += (size_t)p[0];
  free(p);
  return r;
}

// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(200) stays on heap: too large for a recursive function (max-size-may-recurse 128): through code outside the module: apply makes an indirect call; apply is visible outside the module
size_t apply(int n, void (*f)(size_t)) {
  char *p = malloc(200);
  size_t r = measure(p, n);
  f(r);
  r += (size_t)p[0];
  free(p);
  return r;
}

// Near miss: internal and its address is not taken: nothing outside the
// module can call it back, so 200 bytes move.
// CHECK-DAG: recursion-why.c:[[@LINE+2]]:13: remark: malloc(200) does not escape: moved to stack
static __attribute__((noinline)) size_t apply_inside(int n, void (*f)(size_t)) {
  char *p = malloc(200);
  size_t r = measure(p, n);
  f(r);
  r += (size_t)p[0];
  free(p);
  return r;
}
static size_t total;
static void add(size_t r) { total += r; }
int main(int argc, char **argv) {
  (void)argv;
  return (int)apply_inside(argc, add) + (int)total;
}
